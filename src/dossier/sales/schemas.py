"""API shapes of opportunities and pipeline stages."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ninja import Schema

from dossier.sales.models import Opportunity


class StageOut(Schema):
    code: str
    name: str
    name_en: str
    position: int
    probability: int
    is_won: bool
    is_lost: bool


class OpportunityOut(Schema):
    id: int
    customer: int
    project: str
    amount: Decimal | None
    currency: str
    stage: str
    probability: int | None
    expected_close: date | None
    owner: str
    notes: str
    custom: dict[str, Any]
    version: int
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_customer(row: Opportunity) -> int:
        return row.customer_id

    @staticmethod
    def resolve_stage(row: Opportunity) -> str:
        return row.stage.code

    @staticmethod
    def resolve_owner(row: Opportunity) -> str:
        return row.owner.username
