"""/api/v1/audit: the trail with filters, and the chain check."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS
from dossier.audit import selectors
from dossier.audit.schemas import AuditPage, AuditQuery, ChainOut
from dossier.core.paging import Page, paginate, parse_sort

router = Router(tags=["audit"])
SORTS = ("sequence", "occurred_at", "action", "actor")


@router.get("/events", response={200: AuditPage, **ERRORS})
def list_events(request: HttpRequest, query: Query[AuditQuery]) -> Page:
    filters = selectors.AuditFilter(**query.model_dump(exclude={"sort", "limit", "offset"}))
    rows = selectors.events(request_actor(request), filters)
    order = parse_sort(query.sort, SORTS, default=["-sequence"])
    return paginate(rows.order_by(*order), query.limit, query.offset)


@router.get("/verify", response={200: ChainOut, **ERRORS})
def verify(request: HttpRequest) -> dict[str, Any]:
    count, broken = selectors.verify_chain(request_actor(request))
    return {
        "ok": broken is None,
        "events": count,
        "first_bad_sequence": broken.sequence if broken else None,
        "reason": broken.reason if broken else None,
    }
