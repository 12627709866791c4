"""Every write to a contact; changing one needs the right to change its customer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from dossier.access.policy import require_write
from dossier.audit.domain import diff
from dossier.audit.services import track
from dossier.core import clock, values
from dossier.core.actor import Actor
from dossier.core.errors import Conflict, FieldError, Invalid, NotFound, PermissionDenied
from dossier.core.values import BadValue
from dossier.customers import selectors
from dossier.customers.models import Contact, Customer
from dossier.customfields.domain import Problem
from dossier.customfields.messages import describe

FIELDS = ("name", "title", "phones", "emails", "wechat", "birthday", "is_primary", "notes")
MAX_ITEMS = 10


def _list(raw: object) -> list[str]:
    if raw in (None, ""):
        return []
    items = raw if isinstance(raw, list | tuple) else str(raw).replace(",", ",").split(",")
    return [str(item) for item in items if str(item).strip()]


def _clean_one(key: str, raw: object) -> Any:
    if key == "name":
        return values.check_length(values.normalize_name(str(raw or "")), max_length=100)
    if key in {"title", "wechat"}:
        return values.check_length(values.normalize_text(str(raw or "")), max_length=100)
    if key == "notes":
        return values.check_length(values.normalize_long_text(str(raw or "")), max_length=10_000)
    if key == "phones":
        return [values.normalize_phone(p) for p in _list(raw)][:MAX_ITEMS]
    if key == "emails":
        return [values.normalize_email(e) for e in _list(raw)][:MAX_ITEMS]
    if key == "birthday":
        return values.parse_date(str(raw)).isoformat() if raw not in (None, "") else None
    return bool(raw) if isinstance(raw, bool) else values.parse_bool(str(raw))


def clean_contact(data: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
    problems: list[FieldError] = []
    cleaned: dict[str, Any] = {}
    for key, raw in data.items():
        if key not in FIELDS:
            problems.append(FieldError(key, _("There is no such field."), "unknown_field"))
            continue
        try:
            cleaned[key] = _clean_one(key, raw)
        except BadValue as bad:
            problems.append(
                FieldError(key, describe(Problem(key, bad.code, bad.message, bad.params)), bad.code)
            )
    if not partial and not data.get("name"):
        problems.append(FieldError("name", _("This field is required."), "required"))
    if problems:
        raise Invalid(problems)
    return cleaned


def contact_snapshot(contact: Contact) -> dict[str, object]:
    state: dict[str, object] = {key: getattr(contact, key) for key in FIELDS}
    if isinstance(state["birthday"], date):
        state["birthday"] = state["birthday"].isoformat()
    state["customer"] = contact.customer_id
    return {k: v for k, v in state.items() if v not in (None, "", [])}


def _changeable_customer(actor: Actor, customer_id: int) -> Customer:
    customer = selectors.readable(actor).filter(pk=customer_id).first()
    if customer is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    if not selectors.may_change(actor, customer):
        raise PermissionDenied(_("You may not change this customer."))
    return customer


def _apply(contact: Contact, cleaned: Mapping[str, Any]) -> None:
    for key, value in cleaned.items():
        if key == "birthday":
            contact.birthday = date.fromisoformat(value) if value else None
        else:
            setattr(contact, key, value if value is not None else "")
    if contact.is_primary:
        Contact.objects.filter(customer_id=contact.customer_id, is_primary=True).exclude(
            pk=contact.pk
        ).update(is_primary=False)


def create_contact(actor: Actor, customer_id: int, data: Mapping[str, Any]) -> Contact:
    require_write(actor)
    customer = _changeable_customer(actor, customer_id)
    cleaned = clean_contact(data, partial=False)
    now = clock.now()
    contact = Contact(customer=customer, created_at=now, updated_at=now)
    _apply(contact, cleaned)
    contact.save()
    if contact.is_primary:
        _apply(contact, {})
    track(
        actor,
        "created",
        object_type="contact",
        object_id=contact.pk,
        version=1,
        changes=diff({}, contact_snapshot(contact)),
        summary=contact.name,
    )
    return contact


def _locked(actor: Actor, contact_id: int, expected_version: int | None) -> Contact:
    visible = selectors.contact(actor, contact_id)
    _changeable_customer(actor, visible.customer_id)
    contact = Contact.objects.select_for_update().get(pk=contact_id)
    if expected_version is not None and contact.version != expected_version:
        raise Conflict(
            _("Someone changed this contact after you opened it (now version %(v)s).")
            % {"v": contact.version},
            field="version",
            details={"current_version": contact.version},
        )
    return contact


def update_contact(
    actor: Actor, contact_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> Contact:
    require_write(actor)
    # Found (or 404) before anything else is said about the request: nothing may hint at
    # whether an invisible contact exists.
    contact = _locked(actor, contact_id, expected_version)
    if expected_version is None:
        raise Invalid.single("version", _("Send the version you read."))
    cleaned = clean_contact(changes, partial=True)
    before = contact_snapshot(contact)
    _apply(contact, cleaned)
    contact.version += 1
    contact.updated_at = clock.now()
    contact.save()
    track(
        actor,
        "updated",
        object_type="contact",
        object_id=contact.pk,
        version=contact.version,
        changes=diff(before, contact_snapshot(contact)),
        summary=contact.name,
    )
    return contact


def delete_contact(actor: Actor, contact_id: int) -> Contact:
    require_write(actor)
    contact = _locked(actor, contact_id, None)
    before = contact_snapshot(contact)
    contact.deleted_at = clock.now()
    contact.version += 1
    contact.save()
    track(
        actor,
        "deleted",
        object_type="contact",
        object_id=contact.pk,
        version=contact.version,
        changes=diff(before, {**before, "deleted": True}),
        summary=contact.name,
    )
    return contact
