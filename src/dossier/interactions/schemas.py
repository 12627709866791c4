"""API shapes of interactions and service records."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema

from dossier.interactions.models import Interaction, ServiceRecord


class InteractionOut(Schema):
    id: int
    customer: int
    contact: int | None
    channel: str
    occurred_at: datetime
    summary: str
    next_follow_up: date | None
    created_by: str | None
    custom: dict[str, Any]
    version: int

    @staticmethod
    def resolve_customer(row: Interaction) -> int:
        return row.customer_id

    @staticmethod
    def resolve_contact(row: Interaction) -> int | None:
        return row.contact_id

    @staticmethod
    def resolve_created_by(row: Interaction) -> str | None:
        return row.created_by.username if row.created_by else None


class ServiceRecordOut(Schema):
    id: int
    customer: int
    service_date: date
    service_type: str
    result: str
    satisfaction: int | None
    handler: str
    notes: str
    custom: dict[str, Any]
    version: int

    @staticmethod
    def resolve_customer(row: ServiceRecord) -> int:
        return row.customer_id

    @staticmethod
    def resolve_handler(row: ServiceRecord) -> str:
        return row.handler.username
