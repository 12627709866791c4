"""/api/v1/customers and /api/v1/contacts: CRUD, filters, bulk changes, history and trash."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS
from dossier.core.errors import Invalid
from dossier.core.paging import Page, paginate, parse_sort
from dossier.customers import selectors, services
from dossier.customers.models import Contact, Customer
from dossier.customers.schemas import (
    BulkIn,
    BulkOut,
    ContactIn,
    ContactOut,
    ContactPage,
    ContactPatch,
    CustomerIn,
    CustomerOut,
    CustomerPage,
    CustomerPatch,
    RevertIn,
    RevisionOut,
    ShareIn,
    ShareOut,
    VisibilityOut,
    customer_page,
)

router = Router(tags=["customers"])
SORTS = ("name", "created_at", "updated_at", "id", "province", "industry", "level")


class CustomerQuery(Schema):
    q: str | None = None
    kind: str | None = None
    category: str | None = None
    province: str | None = None
    city: str | None = None
    industry: str | None = None
    level: str | None = None
    source: str | None = None
    owner: str | None = None
    tag: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    updated_from: date | None = None
    updated_to: date | None = None
    sort: str | None = None
    limit: int = 50
    offset: int = 0


def expected_version(request: HttpRequest, body: dict[str, Any]) -> int | None:
    """The version the client read: `version` in the body, or an If-Match header."""
    if body.get("version") is not None:
        raw = body.pop("version")
        if isinstance(raw, bool) or not str(raw).isdigit():
            raise Invalid.single("version", "The version is a whole number, e.g. 3.")
        return int(raw)
    body.pop("version", None)
    header = request.headers.get("If-Match", "").removeprefix("W/").strip('"')
    if not header:
        return None
    if not header.isdigit():
        raise Invalid.single("If-Match", 'If-Match carries the version number, e.g. "3".')
    return int(header)


@router.get("/customers", response={200: CustomerPage, **ERRORS})
def list_customers(request: HttpRequest, query: Query[CustomerQuery]) -> CustomerPage:
    actor = request_actor(request)
    filters = selectors.CustomerFilter(**query.model_dump(exclude={"sort", "limit", "offset"}))
    order = parse_sort(query.sort, SORTS, default=["-updated_at"])
    page = selectors.list_page(actor, filters, order, query.limit, query.offset)
    services.note_unmasked_rows(actor, page.items)  # type: ignore[arg-type]
    return customer_page(page, selectors.revealer(actor))


@router.post("/customers", response={201: CustomerOut, **ERRORS})
def create_customer(request: HttpRequest, payload: CustomerIn) -> Status[Customer]:
    actor = request_actor(request)
    customer = services.create_customer(actor, payload.model_dump(exclude_unset=True))
    return Status(201, selectors.customer(actor, customer.pk))


@router.get("/customers/trash", response={200: CustomerPage, **ERRORS})
def trash(request: HttpRequest, limit: int = 50, offset: int = 0) -> Page:
    return paginate(selectors.for_display(selectors.trash(request_actor(request))), limit, offset)


@router.post("/customers/bulk", response={200: BulkOut, **ERRORS})
def bulk(request: HttpRequest, payload: BulkIn) -> dict[str, int]:
    changed = services.bulk_update(
        request_actor(request), payload.ids, payload.action, payload.value
    )
    return {"changed": changed}


@router.get("/customers/{customer_id}", response={200: CustomerOut, **ERRORS})
def get_customer(request: HttpRequest, customer_id: int) -> Customer:
    actor = request_actor(request)
    found = selectors.customer(actor, customer_id)
    services.note_unmasked_read(actor, [found])
    return found


@router.patch("/customers/{customer_id}", response={200: CustomerOut, **ERRORS})
def patch_customer(request: HttpRequest, customer_id: int, payload: CustomerPatch) -> Customer:
    actor = request_actor(request)
    body = payload.model_dump(exclude_unset=True)
    version = expected_version(request, body)
    services.update_customer(actor, customer_id, body, expected_version=version)
    return selectors.customer(actor, customer_id)


@router.delete("/customers/{customer_id}", response={200: CustomerOut, **ERRORS})
def delete_customer(request: HttpRequest, customer_id: int) -> Customer:
    version = expected_version(request, {})
    actor = request_actor(request)
    services.delete_customer(actor, customer_id, expected_version=version)
    return selectors.customer(actor, customer_id, include_deleted=True)


@router.post("/customers/{customer_id}/restore", response={200: CustomerOut, **ERRORS})
def restore_customer(request: HttpRequest, customer_id: int) -> Customer:
    actor = request_actor(request)
    services.restore_customer(actor, customer_id)
    return selectors.customer(actor, customer_id)


@router.post("/customers/{customer_id}/purge", response={204: None, **ERRORS})
def purge_customer(request: HttpRequest, customer_id: int) -> Status[None]:
    services.purge_customer(request_actor(request), customer_id)
    return Status(204, None)


@router.get("/customers/{customer_id}/history", response={200: list[RevisionOut], **ERRORS})
def history(request: HttpRequest, customer_id: int) -> Any:
    return selectors.customer_history(request_actor(request), customer_id)


@router.post("/customers/{customer_id}/revert", response={200: CustomerOut, **ERRORS})
def revert(request: HttpRequest, customer_id: int, payload: RevertIn) -> Customer:
    actor = request_actor(request)
    body = payload.model_dump()
    version = expected_version(request, body)
    services.revert_customer(actor, customer_id, payload.to_version, expected_version=version)
    return selectors.customer(actor, customer_id)


@router.get("/customers/{customer_id}/shares", response={200: list[ShareOut], **ERRORS})
def shares(request: HttpRequest, customer_id: int) -> Any:
    return selectors.shares(request_actor(request), customer_id)


@router.post("/customers/{customer_id}/shares", response={201: ShareOut, **ERRORS})
def share(request: HttpRequest, customer_id: int, payload: ShareIn) -> Status[Any]:
    try:
        granted = services.share_customer(
            request_actor(request), customer_id, **payload.model_dump()
        )
    except Invalid as error:
        request.refusal = error.message  # type: ignore[attr-defined]  # kept in the audit trail
        raise
    return Status(201, granted)


@router.delete("/customers/{customer_id}/shares/{share_id}", response={204: None, **ERRORS})
def unshare(request: HttpRequest, customer_id: int, share_id: int) -> Status[None]:
    services.unshare_customer(request_actor(request), customer_id, share_id)
    return Status(204, None)


@router.get("/customers/{customer_id}/access", response={200: list[VisibilityOut], **ERRORS})
def access(request: HttpRequest, customer_id: int) -> Any:
    """Every user who can see the customer, and why."""
    return selectors.who_can_see(request_actor(request), customer_id)


@router.get("/contacts", response={200: ContactPage, **ERRORS})
def list_contacts(request: HttpRequest, customer: int, limit: int = 50, offset: int = 0) -> Page:
    return paginate(selectors.contacts(request_actor(request), customer), limit, offset)


@router.post("/contacts", response={201: ContactOut, **ERRORS})
def create_contact(request: HttpRequest, payload: ContactIn) -> Status[Contact]:
    data = payload.model_dump(exclude={"customer"})
    return Status(201, services.create_contact(request_actor(request), payload.customer, data))


@router.get("/contacts/{contact_id}", response={200: ContactOut, **ERRORS})
def get_contact(request: HttpRequest, contact_id: int) -> Contact:
    return selectors.contact(request_actor(request), contact_id)


@router.patch("/contacts/{contact_id}", response={200: ContactOut, **ERRORS})
def patch_contact(request: HttpRequest, contact_id: int, payload: ContactPatch) -> Contact:
    body = payload.model_dump(exclude_unset=True)
    version = expected_version(request, body)
    return services.update_contact(
        request_actor(request), contact_id, body, expected_version=version
    )


@router.delete("/contacts/{contact_id}", response={204: None, **ERRORS})
def delete_contact(request: HttpRequest, contact_id: int) -> Status[None]:
    services.delete_contact(request_actor(request), contact_id)
    return Status(204, None)
