"""Reading the audit trail: filtered lists for admins and the chain check."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from dossier.access.policy import require
from dossier.audit.domain import HASHED_FIELDS, Break, first_break
from dossier.audit.models import AuditEvent
from dossier.core.actor import Actor


def audit_key() -> bytes:
    """The key of the chain's HMAC, kept outside the database (decision 0003)."""
    return str(settings.AUDIT_KEY).encode("utf-8")


@dataclass(frozen=True)
class AuditFilter:
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: date | None = None
    until: date | None = None


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def events(actor: Actor, filters: AuditFilter) -> QuerySet[AuditEvent]:
    require(actor, "audit.view")
    rows = AuditEvent.objects.all()
    if filters.actor:
        rows = rows.filter(actor=filters.actor)
    if filters.action:
        rows = rows.filter(action__startswith=filters.action)
    if filters.object_type:
        rows = rows.filter(object_type=filters.object_type)
    if filters.object_id:
        rows = rows.filter(object_id=filters.object_id)
    if filters.since:
        rows = rows.filter(occurred_at__gte=_day_start(filters.since))
    if filters.until:
        rows = rows.filter(occurred_at__lt=_day_start(filters.until) + timedelta(days=1))
    return rows


def recent_activity(actor: Actor, limit: int = 10) -> list[AuditEvent]:
    """What the actor did lately; everyone may see their own trail."""
    if actor.user_id is None:
        return []
    return list(AuditEvent.objects.filter(actor_id=actor.user_id)[:limit])


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct())


def _chain_rows() -> Iterator[dict[str, Any]]:
    columns = (*HASHED_FIELDS, "prev_hash", "hash")
    yield from AuditEvent.objects.order_by("sequence").values(*columns).iterator(chunk_size=2000)


def verify_chain(actor: Actor) -> tuple[int, Break | None]:
    """How many events there are and the first one that breaks the chain, if any."""
    require(actor, "audit.view")
    count = AuditEvent.objects.count()
    return count, first_break(audit_key(), _chain_rows())
