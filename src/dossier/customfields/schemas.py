"""API shapes of templates and fields."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema

from dossier.api_schemas import StrictIn


class FieldOut(Schema):
    key: str
    label: str
    label_en: str
    field_type: str
    position: int
    is_system: bool
    required: bool
    unique: bool
    sensitive: bool
    options: list[str]
    rules: dict[str, Any]
    help_text: str
    retired: bool
    added_in_version: int

    @staticmethod
    def resolve_retired(definition: Any) -> bool:
        return definition.retired_at is not None


class TemplateOut(Schema):
    code: str
    name: str
    version: int
    fields: list[FieldOut]


class FieldIn(StrictIn):
    key: str = Field(..., max_length=64)
    label: str = Field(..., max_length=80)
    label_en: str = Field("", max_length=80)
    field_type: str
    required: bool = False
    unique: bool = False
    sensitive: bool = False
    options: list[str] = Field(default_factory=list, max_length=200)
    rules: dict[str, Any] = Field(default_factory=dict)


class FieldPatch(StrictIn):
    label: str | None = Field(None, max_length=80)
    label_en: str | None = Field(None, max_length=80)
    required: bool | None = None
    unique: bool | None = None
    sensitive: bool | None = None
    options: list[str] | None = Field(None, max_length=200)
    rules: dict[str, Any] | None = None
    help_text: str | None = Field(None, max_length=200)


class ReorderIn(StrictIn):
    keys: list[str] = Field(..., max_length=500)
