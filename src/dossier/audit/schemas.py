"""API shapes of audit events and the chain check."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from dossier.api_schemas import PageOut


class AuditEventOut(Schema):
    sequence: int
    occurred_at: datetime
    actor_id: int | None
    actor: str
    via: str
    ip: str | None
    action: str
    object_type: str
    object_id: str
    summary: str
    changes: dict[str, Any]
    hash: str


class AuditPage(PageOut):
    items: list[AuditEventOut]


class AuditQuery(Schema):
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: date | None = None
    until: date | None = None
    sort: str | None = None
    limit: int = 50
    offset: int = 0


class ChainOut(Schema):
    ok: bool
    events: int
    first_bad_sequence: int | None
    reason: str | None
