"""Logging interactions and service records against a customer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from dossier.accounts.models import User
from dossier.core.actor import Actor
from dossier.core.errors import Invalid
from dossier.customers.models import Contact
from dossier.customers.services.children import ChildKind, create_child, delete_child, update_child
from dossier.interactions.models import Interaction, ServiceRecord

INTERACTION = ChildKind(
    Interaction,
    "interaction",
    "interaction",
    "interaction.add",
    references=("contact",),
    title_field="channel",
)
SERVICE_RECORD = ChildKind(
    ServiceRecord,
    "service_record",
    "service_record",
    "interaction.add",
    references=("handler",),
    title_field="service_type",
)


def _interaction_refs(actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    if data.get("contact") in (None, ""):
        return {"contact": None} if "contact" in data else {}
    contact = Contact.objects.filter(
        pk=str(data["contact"]),
        deleted_at__isnull=True,
        customer_id=str(data.get("customer") or "0"),
    ).first()
    if contact is None and "customer" not in data:
        contact = Contact.objects.filter(pk=str(data["contact"]), deleted_at__isnull=True).first()
    if contact is None:
        raise Invalid.single("contact", _("There is no such contact of this customer."))
    return {"contact": contact}


def _service_refs(actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    if "handler" not in data and "customer" not in data:
        return {}
    username = data.get("handler") or actor.username
    handler = User.objects.filter(username=str(username), is_active=True).first()
    if handler is None:
        raise Invalid.single("handler", _("There is no active user “%(u)s”.") % {"u": username})
    return {"handler": handler}


def log_interaction(actor: Actor, data: Mapping[str, Any]) -> Interaction:
    interaction: Interaction = create_child(actor, INTERACTION, data, _interaction_refs)
    return interaction


def update_interaction(
    actor: Actor, interaction_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> Interaction:
    interaction: Interaction = update_child(
        actor,
        INTERACTION,
        interaction_id,
        changes,
        _interaction_refs,
        expected_version=expected_version,
    )
    return interaction


def delete_interaction(actor: Actor, interaction_id: int) -> Interaction:
    interaction: Interaction = delete_child(actor, INTERACTION, interaction_id)
    return interaction


def add_service_record(actor: Actor, data: Mapping[str, Any]) -> ServiceRecord:
    record: ServiceRecord = create_child(actor, SERVICE_RECORD, data, _service_refs)
    return record


def update_service_record(
    actor: Actor, record_id: int, changes: Mapping[str, Any], *, expected_version: int | None
) -> ServiceRecord:
    record: ServiceRecord = update_child(
        actor, SERVICE_RECORD, record_id, changes, _service_refs, expected_version=expected_version
    )
    return record


def delete_service_record(actor: Actor, record_id: int) -> ServiceRecord:
    record: ServiceRecord = delete_child(actor, SERVICE_RECORD, record_id)
    return record
