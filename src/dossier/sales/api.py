"""/api/v1/opportunities and /api/v1/stages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router

from dossier.api_schemas import ERRORS
from dossier.customers.child_api import Filter, mount_child_routes
from dossier.sales import selectors, services
from dossier.sales.schemas import OpportunityOut, StageOut

router = Router(tags=["sales"])


FILTERS: tuple[Filter, ...] = (
    ("customer", "customer_id", int),
    ("stage", "stage__code", str),
    ("owner", "owner__username", str),
    ("close_from", "expected_close__gte", date.fromisoformat),
    ("close_to", "expected_close__lte", date.fromisoformat),
)


@router.get("/stages", response={200: list[StageOut], **ERRORS})
def stages(request: HttpRequest) -> Any:
    return selectors.stages()


mount_child_routes(
    router,
    "opportunities",
    OpportunityOut,
    rows=selectors.opportunities,
    one=selectors.opportunity,
    create=services.add_opportunity,
    update=services.update_opportunity,
    delete=services.delete_opportunity,
    filters=FILTERS,
    sorts=("updated_at", "amount", "expected_close", "project", "id"),
    default_sort=["-updated_at"],
)
