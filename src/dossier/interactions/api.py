"""/api/v1/interactions and /api/v1/service-records."""

from __future__ import annotations

from datetime import date

from ninja import Router

from dossier.customers.child_api import Filter, mount_child_routes
from dossier.interactions import selectors, services
from dossier.interactions.schemas import InteractionOut, ServiceRecordOut

router = Router(tags=["interactions"])


INTERACTION_FILTERS: tuple[Filter, ...] = (
    ("customer", "customer_id", int),
    ("channel", "channel", str),
    ("since", "occurred_at__date__gte", date.fromisoformat),
    ("until", "occurred_at__date__lte", date.fromisoformat),
    ("follow_up_until", "next_follow_up__lte", date.fromisoformat),
)
SERVICE_FILTERS: tuple[Filter, ...] = (
    ("customer", "customer_id", int),
    ("service_type", "service_type", str),
    ("handler", "handler__username", str),
    ("since", "service_date__gte", date.fromisoformat),
    ("until", "service_date__lte", date.fromisoformat),
)

mount_child_routes(
    router,
    "interactions",
    InteractionOut,
    rows=selectors.interactions,
    one=selectors.interaction,
    create=services.log_interaction,
    update=services.update_interaction,
    delete=services.delete_interaction,
    filters=INTERACTION_FILTERS,
    sorts=("occurred_at", "next_follow_up", "id"),
    default_sort=["-occurred_at"],
)
mount_child_routes(
    router,
    "service-records",
    ServiceRecordOut,
    rows=selectors.service_records,
    one=selectors.service_record,
    create=services.add_service_record,
    update=services.update_service_record,
    delete=services.delete_service_record,
    filters=SERVICE_FILTERS,
    sorts=("service_date", "satisfaction", "id"),
    default_sort=["-service_date"],
)
