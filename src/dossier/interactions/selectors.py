"""Reading interactions and service records, always through the customers the actor may see."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet
from django.utils.translation import gettext as _

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
        raise NotFound(_("There is no interaction %(id)s.") % {"id": interaction_id})
    return found


def service_record(actor: Actor, record_id: int) -> ServiceRecord:
    found = service_records(actor).filter(pk=record_id).first()
    if found is None:
        raise NotFound(_("There is no service record %(id)s.") % {"id": record_id})
    return found


def follow_ups(actor: Actor, until: date, limit: int = 10) -> QuerySet[Interaction]:
    """Follow-ups due up to `until`, overdue ones first: what a rep should do next."""
    return (
        interactions(actor)
        .filter(next_follow_up__isnull=False, next_follow_up__lte=until)
        .order_by("next_follow_up", "-occurred_at")[:limit]
    )
