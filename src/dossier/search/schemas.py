"""Shapes of /api/v1/search."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Schema

Kind = Literal["customer", "contact", "opportunity", "service-record", "interaction", "document"]


class SearchQuery(Schema):
    q: str = Field("", max_length=500)
    kind: Kind | None = None
    category: str | None = None
    region: str | None = None
    owner: str | None = None
    tag: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=10_000)


class HitOut(Schema):
    kind: Kind
    id: int
    title: str
    snippet: str = Field(description="HTML: the text escaped, each match inside <mark>")
    score: float


class SearchOut(Schema):
    results: list[HitOut]
    facets: dict[str, dict[str, int]]
    total: int = Field(description="Matches within scope, counted up to 1,000")
    total_exact: bool = Field(
        True,
        description="False when there are more than 1,000 matches: `total` is then 1,000, "
        "the facets count the newest 1,000, and the newest 200 matches and 200 name matches "
        "are ranked",
    )
