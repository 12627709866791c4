"""Reading interactions and service records, always through the customers the actor may see."""

from __future__ import annotations

from django.db.models import QuerySet

from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.customers.selectors import readable
from dossier.interactions.models import Interaction, ServiceRecord


def interactions(actor: Actor) -> QuerySet[Interaction]:
    return Interaction.objects.filter(
        customer__in=readable(actor), deleted_at__isnull=True
    ).select_related("customer", "contact", "created_by")


def service_records(actor: Actor) -> QuerySet[ServiceRecord]:
    return ServiceRecord.objects.filter(
        customer__in=readable(actor), deleted_at__isnull=True
    ).select_related("customer", "handler")


def interaction(actor: Actor, interaction_id: int) -> Interaction:
    found = interactions(actor).filter(pk=interaction_id).first()
    if found is None:
        raise NotFound(f"There is no interaction {interaction_id}.")
    return found


def service_record(actor: Actor, record_id: int) -> ServiceRecord:
    found = service_records(actor).filter(pk=record_id).first()
    if found is None:
        raise NotFound(f"There is no service record {record_id}.")
    return found
