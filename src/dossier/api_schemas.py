"""Shapes shared by every app's API: strict input, the page envelope, the error body."""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class StrictIn(Schema):
    """Input that names unknown fields instead of silently dropping them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PageOut(Schema):
    count: int
    limit: int
    offset: int
    count_exact: bool = True


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
