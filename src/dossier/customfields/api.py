"""/api/v1/templates: the fields each record kind has, and their administration."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from dossier.accounts.auth import request_actor
from dossier.api_schemas import ERRORS
from dossier.customfields import selectors, services
from dossier.customfields.schemas import FieldIn, FieldOut, FieldPatch, ReorderIn, TemplateOut

router = Router(tags=["templates"])
CODES = ("customer", "opportunity", "service_record", "interaction")


def _template(code: str, include_retired: bool = True) -> dict[str, Any]:
    template = selectors.template(code)
    return {
        "code": template.code,
        "name": template.name,
        "version": template.version,
        "fields": list(selectors.definitions(code, include_retired=include_retired)),
    }


@router.get("/templates", response={200: list[TemplateOut], **ERRORS})
def list_templates(request: HttpRequest) -> Any:
    return [_template(code) for code in CODES]


@router.get("/templates/{code}", response={200: TemplateOut, **ERRORS})
def get_template(request: HttpRequest, code: str, include_retired: bool = False) -> Any:
    return _template(code, include_retired)


@router.post("/templates/{code}/fields", response={201: FieldOut, **ERRORS})
def add_field(request: HttpRequest, code: str, payload: FieldIn) -> Status[Any]:
    data = payload.model_dump()
    label_en = data.pop("label_en")
    actor = request_actor(request)
    definition = services.add_field(actor, code, **data)
    if label_en:
        definition = services.change_field(actor, code, definition.key, {"label_en": label_en})
    return Status(201, definition)


@router.patch("/templates/{code}/fields/{key}", response={200: FieldOut, **ERRORS})
def change_field(request: HttpRequest, code: str, key: str, payload: FieldPatch) -> Any:
    return services.change_field(
        request_actor(request), code, key, payload.model_dump(exclude_unset=True)
    )


@router.post("/templates/{code}/fields/{key}/retire", response={200: FieldOut, **ERRORS})
def retire_field(request: HttpRequest, code: str, key: str) -> Any:
    return services.retire_field(request_actor(request), code, key)


@router.post("/templates/{code}/fields/{key}/reinstate", response={200: FieldOut, **ERRORS})
def reinstate_field(request: HttpRequest, code: str, key: str) -> Any:
    return services.retire_field(request_actor(request), code, key, retired=False)


@router.post("/templates/{code}/order", response={200: TemplateOut, **ERRORS})
def reorder(request: HttpRequest, code: str, payload: ReorderIn) -> Any:
    services.reorder_fields(request_actor(request), code, payload.keys)
    return _template(code)
