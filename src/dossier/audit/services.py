"""Appending to the audit trail; every other app's services call `record` once per write."""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction

from dossier.audit.domain import GENESIS, chain_hash, json_safe
from dossier.audit.models import AuditEvent, Revision
from dossier.audit.selectors import audit_key
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.infra.events import Changed, publish

# Any constant works; it only has to be the same in every process.
_CHAIN_LOCK = 0x0D055_1E7


def _lock_chain() -> None:
    """Serialise appends so two transactions never take the same sequence number.

    SQLite needs nothing: Dossier opens every SQLite transaction IMMEDIATE, one writer at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


def record(
    actor: Actor,
    action: str,
    *,
    object_type: str,
    object_id: object,
    summary: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    with transaction.atomic():
        _lock_chain()
        last = AuditEvent.objects.order_by("-sequence").values("sequence", "hash").first()
        fields: dict[str, Any] = {
            "sequence": (last["sequence"] + 1) if last else 1,
            "occurred_at": clock.now(),
            "actor_id": actor.user_id,
            "actor": actor.label,
            "via": actor.via,
            "ip": actor.ip,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "summary": summary[:200],
            "changes": json_safe(changes or {}),
        }
        prev_hash = last["hash"] if last else GENESIS
        event = AuditEvent.objects.create(
            **fields, prev_hash=prev_hash, hash=chain_hash(audit_key(), prev_hash, fields)
        )
        publish(Changed(object_type, fields["object_id"], action))
        return event


def track(
    actor: Actor,
    action: str,
    *,
    object_type: str,
    object_id: int,
    version: int,
    changes: dict[str, list[Any]],
    summary: str = "",
) -> Revision:
    """Record a revision of a record and its audit event: the one call every record write makes.

    `action` is the verb alone (`created`, `updated`, `deleted`, `restored`, `reverted`); the
    audit event's action is `<object_type>.<action>`.
    """
    safe_changes = json_safe(changes)
    revision = Revision.objects.create(
        object_type=object_type,
        object_id=object_id,
        version=version,
        action=action,
        occurred_at=clock.now(),
        actor_id=actor.user_id,
        actor=actor.label,
        changes=safe_changes,
    )
    record(
        actor,
        f"{object_type}.{action}",
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        changes={"version": version, **safe_changes},
    )
    return revision
