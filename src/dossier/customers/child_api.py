"""The five endpoints every customer-owned record kind has: list, create, read, patch, delete."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS, PageOut
from dossier.core.actor import Actor
from dossier.core.errors import Invalid
from dossier.core.paging import Page, paginate, parse_sort
from dossier.customers.api import expected_version

Filter = tuple[str, str, Callable[[str], object]]
PAGING = {"sort", "limit", "offset"}


def apply_filters(
    rows: QuerySet[Any], params: Mapping[str, str], spec: tuple[Filter, ...]
) -> QuerySet[Any]:
    """Narrow `rows` by the query parameters named in `spec`, each converted or refused."""
    for name, lookup, convert in spec:
        raw = params.get(name)
        if not raw:
            continue
        try:
            value = convert(raw)
        except ValueError:
            raise Invalid.single(name, f"“{raw}” is not a valid {name}") from None
        rows = rows.filter(**{lookup: value})
    return rows


class ChildIn(BaseModel):
    """Template fields by key (see GET /templates/{code}) plus `customer` and the kind's
    references; `custom` for custom fields. Values may be typed as users type them."""

    model_config = ConfigDict(extra="allow")
    customer: int


class ChildPatch(BaseModel):
    model_config = ConfigDict(extra="allow")
    version: Any = Field(None, description="The version you read; or send If-Match")


def mount_child_routes(
    router: Router,
    path: str,
    out: type[Schema],
    *,
    rows: Callable[[Actor], QuerySet[Any]],
    one: Callable[[Actor, int], Any],
    create: Callable[[Actor, Mapping[str, Any]], Any],
    update: Callable[..., Any],
    delete: Callable[[Actor, int], Any],
    filters: tuple[Filter, ...],
    sorts: tuple[str, ...],
    default_sort: list[str],
) -> None:
    page = type(f"{out.__name__}Page", (PageOut,), {"__annotations__": {"items": list[out]}})  # type: ignore[valid-type]

    @router.get(f"/{path}", response={200: page, **ERRORS}, operation_id=f"list_{path}")
    def list_rows(
        request: HttpRequest, sort: str | None = None, limit: int = 50, offset: int = 0
    ) -> Page:
        params = {k: request.GET.get(k, "") for k in request.GET if k not in PAGING}
        found = apply_filters(rows(request_actor(request)), params, filters)
        order = parse_sort(sort, sorts, default=default_sort)
        return paginate(found.order_by(*order, "-id"), limit, offset)

    @router.post(f"/{path}", response={201: out, **ERRORS}, operation_id=f"create_{path}")
    def create_row(request: HttpRequest, payload: ChildIn) -> Status[Any]:
        actor = request_actor(request)
        created = create(actor, payload.model_dump(exclude_unset=True))
        return Status(201, one(actor, created.pk))

    @router.get(f"/{path}/{{obj_id}}", response={200: out, **ERRORS}, operation_id=f"get_{path}")
    def get_row(request: HttpRequest, obj_id: int) -> Any:
        return one(request_actor(request), obj_id)

    @router.patch(
        f"/{path}/{{obj_id}}", response={200: out, **ERRORS}, operation_id=f"patch_{path}"
    )
    def patch_row(request: HttpRequest, obj_id: int, payload: ChildPatch) -> Any:
        actor = request_actor(request)
        body = payload.model_dump(exclude_unset=True)
        version = expected_version(request, body)
        update(actor, obj_id, body, expected_version=version)
        return one(actor, obj_id)

    @router.delete(
        f"/{path}/{{obj_id}}", response={204: None, **ERRORS}, operation_id=f"delete_{path}"
    )
    def delete_row(request: HttpRequest, obj_id: int) -> Status[None]:
        delete(request_actor(request), obj_id)
        return Status(204, None)
