"""/api/v1/search: one query over every kind of record and file, within the caller's scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS
from dossier.search import selectors
from dossier.search.domain import KINDS
from dossier.search.schemas import SearchOut, SearchQuery

router = Router(tags=["search"])


@router.get("/search", response={200: SearchOut, **ERRORS})
def search(request: HttpRequest, query: Query[SearchQuery]) -> dict[str, Any]:
    """Ranked hits with snippets, the total and facet counts of what the caller may see."""
    filters = selectors.SearchFilter(
        kind=KINDS[query.kind] if query.kind else None,
        category=query.category,
        province=query.region,
        owner=query.owner,
        tag=query.tag,
        date_from=query.date_from,
        date_to=query.date_to,
    )
    found = selectors.search(
        request_actor(request), query.q, filters, limit=query.limit, offset=query.offset
    )
    return {
        "results": [
            {
                "kind": h.kind,
                "id": h.object_id,
                "title": h.title,
                "snippet": h.snippet,
                "score": h.score,
            }
            for h in found.hits
        ],
        "facets": found.facets,
        "total": found.total,
        "total_exact": found.total_exact,
    }
