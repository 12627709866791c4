"""The write path shared by records that belong to a customer: opportunities, service records,
interactions. Each is cleaned by its template, versioned, revisioned and audited the same way."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from dossier.access.policy import has_perm, require_write
from dossier.audit.domain import diff
from dossier.audit.services import track
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from dossier.customers import selectors
from dossier.customers.models import Customer
from dossier.customfields import selectors as templates
from dossier.customfields.domain import FieldType, clean_values
from dossier.customfields.services import context, invalid_from

Resolver = Callable[[Actor, Mapping[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class ChildKind:
    model: type[models.Model]
    object_type: str
    template: str
    add_permission: str
    references: tuple[str, ...] = ()
    title_field: str = "id"


def customer_for(actor: Actor, customer_id: object, *, permission: str) -> Customer:
    try:
        pk = int(str(customer_id))
    except ValueError:
        raise Invalid.single("customer", _("Expected a customer id.")) from None
    customer = selectors.readable(actor).filter(pk=pk).first()
    if customer is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    if not has_perm(actor, permission):
        raise PermissionDenied(_("You may not add this kind of record."))
    return customer


def _column_value(field_type: FieldType, value: Any) -> Any:
    if value is None:
        return None
    if field_type == FieldType.DATE:
        return date.fromisoformat(value)
    if field_type == FieldType.DATETIME:
        return datetime.fromisoformat(value)
    if field_type == FieldType.DECIMAL:
        return Decimal(value)
    return value


def _apply(obj: Any, kind: ChildKind, cleaned: Mapping[str, Any], refs: Mapping[str, Any]) -> None:
    system = {s.key: s for s in templates.specs(kind.template) if s.is_system}
    for key, value in cleaned.items():
        spec = system.get(key)
        if spec is None:
            if value in (None, [], ""):
                obj.custom.pop(key, None)
            else:
                obj.custom[key] = value
        elif spec.field_type == FieldType.MONEY:
            obj.amount = Decimal(value["amount"]) if value else None
            obj.currency = value["currency"] if value else "CNY"
        else:
            column = _column_value(spec.field_type, value)
            setattr(
                obj,
                key,
                column
                if column is not None
                or spec.field_type not in {FieldType.TEXT, FieldType.LONG_TEXT, FieldType.CHOICE}
                else "",
            )
    for key, value in refs.items():
        setattr(obj, key, value)


def _clean(kind: ChildKind, data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    specs = templates.specs(kind.template)
    system = {s.key for s in specs if s.is_system}
    custom = data.get("custom") or {}
    raw = {
        k: v
        for k, v in data.items()
        if k not in kind.references and k not in {"custom", "customer", "version"}
    }
    if isinstance(custom, Mapping):
        raw.update({k: v for k, v in custom.items() if k not in system})
    cleaned = clean_values(specs, raw, context(), partial=partial)
    if cleaned.problems:
        raise invalid_from(cleaned, specs)
    return cleaned.values


def child_snapshot(kind: ChildKind, obj: Any) -> dict[str, object]:
    state: dict[str, object] = {"customer": obj.customer_id}
    for spec in templates.specs(kind.template, include_retired=True):
        if spec.is_system and spec.field_type == FieldType.MONEY:
            state[spec.key] = (
                {"amount": f"{obj.amount:.2f}", "currency": obj.currency}
                if obj.amount is not None
                else None
            )
        elif spec.is_system:
            value = getattr(obj, spec.key)
            state[spec.key] = value.isoformat() if isinstance(value, date | datetime) else value
    for key in kind.references:
        value = getattr(obj, key)
        state[key] = (
            getattr(value, "username", None)
            or getattr(value, "code", None)
            or (value.pk if isinstance(value, models.Model) else value)
        )
    state.update({f"custom.{k}": v for k, v in (obj.custom or {}).items()})
    state["deleted"] = obj.deleted_at is not None
    return {k: v for k, v in state.items() if v not in (None, "", [], {}, False)}


def create_child(actor: Actor, kind: ChildKind, data: Mapping[str, Any], resolve: Resolver) -> Any:
    require_write(actor)
    customer = customer_for(actor, data.get("customer"), permission=kind.add_permission)
    cleaned = _clean(kind, data, partial=False)
    refs = resolve(actor, data)
    now = clock.now()
    obj = kind.model(
        customer=customer,
        custom={},
        created_at=now,
        updated_at=now,
        version=1,
        created_by_id=actor.user_id,
    )
    _apply(obj, kind, cleaned, refs)
    obj.save()
    track(
        actor,
        "created",
        object_type=kind.object_type,
        object_id=obj.pk,
        version=1,
        changes=diff({}, child_snapshot(kind, obj)),
        summary=str(getattr(obj, kind.title_field)),
    )
    return obj


def _locked(actor: Actor, kind: ChildKind, obj_id: int) -> Any:
    visible = kind.model.objects.filter(  # type: ignore[attr-defined]
        customer__in=selectors.readable(actor), deleted_at__isnull=True, pk=obj_id
    ).first()
    if visible is None:
        raise NotFound(_("There is no %(kind)s %(id)s.") % {"kind": kind.object_type, "id": obj_id})
    customer = visible.customer
    own = visible.created_by_id == actor.user_id
    if not own and not selectors.may_change(actor, customer):
        raise PermissionDenied(_("You may not change this record."))
    return kind.model.objects.select_for_update().get(pk=obj_id)  # type: ignore[attr-defined]


def _save(actor: Actor, kind: ChildKind, obj: Any, before: dict[str, object], action: str) -> Any:
    obj.version += 1
    obj.updated_at = clock.now()
    obj.save()
    track(
        actor,
        action,
        object_type=kind.object_type,
        object_id=obj.pk,
        version=obj.version,
        changes=diff(before, child_snapshot(kind, obj)),
        summary=str(getattr(obj, kind.title_field)),
    )
    return obj


def update_child(
    actor: Actor,
    kind: ChildKind,
    obj_id: int,
    changes: Mapping[str, Any],
    resolve: Resolver,
    *,
    expected_version: int | None,
) -> Any:
    require_write(actor)
    obj = _locked(actor, kind, obj_id)  # 404 first: nothing may hint an invisible one exists
    if expected_version is None:
        raise Invalid.single("version", _("Send the version you read."))
    if obj.version != expected_version:
        raise Conflict(
            _("Someone changed this record after you opened it (now version %(v)s).")
            % {"v": obj.version},
            field="version",
            details={"current_version": obj.version},
        )
    if "customer" in changes and str(changes["customer"]) != str(obj.customer_id):
        raise Invalid.single("customer", _("A record cannot move to another customer."))
    cleaned = _clean(kind, changes, partial=True)
    refs = resolve(actor, changes)
    before = child_snapshot(kind, obj)
    _apply(obj, kind, cleaned, refs)
    return _save(actor, kind, obj, before, "updated")


def delete_child(actor: Actor, kind: ChildKind, obj_id: int) -> Any:
    require_write(actor)
    obj = _locked(actor, kind, obj_id)
    before = child_snapshot(kind, obj)
    obj.deleted_at = clock.now()
    return _save(actor, kind, obj, before, "deleted")
