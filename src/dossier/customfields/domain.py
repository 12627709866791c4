"""Cleaning a record's values against its template: one rule set for forms, API, CLI, imports."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import Any

from dossier.core import values
from dossier.core.values import BadValue


class FieldType(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    MONEY = "money"
    DATE = "date"
    DATETIME = "datetime"
    EMAIL = "email"
    PHONE = "phone"
    URL = "url"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    BOOLEAN = "boolean"
    CUSTOMER_LINK = "customer_link"
    CN_RESIDENT_ID = "cn_resident_id"
    CREDIT_CODE = "credit_code"


DEFAULT_MAX_LENGTH = {FieldType.TEXT: 200, FieldType.LONG_TEXT: 10_000}


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    field_type: FieldType
    required: bool = False
    unique: bool = False
    sensitive: bool = False
    is_system: bool = False
    options: tuple[str, ...] = ()
    rules: Mapping[str, Any] = field(default_factory=dict)
    retired: bool = False


@dataclass(frozen=True)
class Problem:
    """One value that breaks a rule: the field, a stable code, an English default, parameters."""

    key: str
    code: str
    message: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    tz: tzinfo
    region: str = "CN"


def is_empty(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw == [] or raw == {}


def _text(raw: object) -> str:
    if isinstance(raw, str):
        return raw
    if isinstance(raw, bool | dict | list):
        raise BadValue("type", "expected text")
    return str(raw)


def _choice(spec: FieldSpec, raw: object) -> str:
    wanted = values.normalize_text(_text(raw))
    for option in spec.options:
        if option.casefold() == wanted.casefold():
            return option
    raise BadValue(
        "choice",
        f"“{wanted}” is not one of: {', '.join(spec.options)}",
        value=wanted,
        choices=", ".join(spec.options),
    )


SEPARATORS = re.compile(r"[,,、;;|\n]+")


def _multi_choice(spec: FieldSpec, raw: object) -> list[str]:
    items = raw if isinstance(raw, list | tuple) else SEPARATORS.split(_text(raw))
    chosen = [_choice(spec, item) for item in items if not is_empty(item)]
    return sorted(set(chosen), key=spec.options.index)


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise BadValue("integer_invalid", "expected a whole number")
    if isinstance(raw, int):
        return raw
    return values.parse_int(_text(raw))


def _decimal(raw: object, places: int | None) -> Decimal:
    if isinstance(raw, bool):
        raise BadValue("number_invalid", "expected a number")
    if isinstance(raw, int | Decimal):
        return values.parse_decimal(str(raw), places=places)
    if isinstance(raw, float):
        return values.parse_decimal(repr(raw), places=places)
    return values.parse_decimal(_text(raw), places=places)


def _money(raw: object) -> dict[str, str]:
    if isinstance(raw, dict):
        amount = _decimal(raw.get("amount"), 2)
        currency = str(raw.get("currency") or "CNY").upper()
    else:
        parsed, found = values.parse_money(
            _text(raw) if not isinstance(raw, int | float) else str(raw)
        )
        amount, currency = parsed, found or "CNY"
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise BadValue("currency_invalid", "a currency is a three-letter code such as CNY")
    return {"amount": f"{amount:.2f}", "currency": currency}


def _boolean(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    return values.parse_bool(_text(raw))


def _customer_link(raw: object) -> int:
    number = _integer(raw)
    if number <= 0:
        raise BadValue("link_invalid", "expected a customer id")
    return number


def _date(raw: object) -> str:
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw.isoformat()
    return values.parse_date(_text(raw)).isoformat()


def _datetime(raw: object, context: Context) -> str:
    if isinstance(raw, datetime):
        moment = raw if raw.tzinfo else raw.replace(tzinfo=context.tz)
    else:
        moment = values.parse_datetime(_text(raw), tz=context.tz)
    return moment.isoformat()


def _convert(spec: FieldSpec, raw: object, context: Context) -> Any:
    kind = spec.field_type
    converters: dict[FieldType, Callable[[], Any]] = {
        FieldType.TEXT: lambda: values.normalize_text(_text(raw)),
        FieldType.LONG_TEXT: lambda: values.normalize_long_text(_text(raw)),
        FieldType.INTEGER: lambda: _integer(raw),
        FieldType.DECIMAL: lambda: str(_decimal(raw, spec.rules.get("places"))),
        FieldType.MONEY: lambda: _money(raw),
        FieldType.DATE: lambda: _date(raw),
        FieldType.DATETIME: lambda: _datetime(raw, context),
        FieldType.EMAIL: lambda: values.normalize_email(_text(raw)),
        FieldType.PHONE: lambda: values.normalize_phone(_text(raw), context.region),
        FieldType.URL: lambda: values.normalize_url(_text(raw)),
        FieldType.CHOICE: lambda: _choice(spec, raw),
        FieldType.MULTI_CHOICE: lambda: _multi_choice(spec, raw),
        FieldType.BOOLEAN: lambda: _boolean(raw),
        FieldType.CUSTOMER_LINK: lambda: _customer_link(raw),
        FieldType.CN_RESIDENT_ID: lambda: values.normalize_cn_resident_id(_text(raw)),
        FieldType.CREDIT_CODE: lambda: values.normalize_credit_code(_text(raw)),
    }
    return converters[kind]()


def _comparable(spec: FieldSpec, value: Any) -> Any:
    if spec.field_type in {FieldType.INTEGER}:
        return value
    if spec.field_type == FieldType.DECIMAL:
        return Decimal(value)
    if spec.field_type == FieldType.MONEY:
        return Decimal(value["amount"])
    if spec.field_type == FieldType.DATE:
        return date.fromisoformat(value)
    return None


def _check_rules(spec: FieldSpec, value: Any) -> None:
    rules = spec.rules
    if isinstance(value, str) and spec.field_type in DEFAULT_MAX_LENGTH:
        limit = rules.get("max_length") or DEFAULT_MAX_LENGTH[spec.field_type]
        values.check_length(value, min_length=rules.get("min_length"), max_length=limit)
        if rules.get("regex"):
            values.check_pattern(value, rules["regex"])
    comparable = _comparable(spec, value)
    if comparable is not None and ("min" in rules or "max" in rules):
        bounds = {name: _bound(spec, rules.get(name)) for name in ("min", "max")}
        values.check_range(comparable, minimum=bounds["min"], maximum=bounds["max"])


def _bound(spec: FieldSpec, raw: object) -> Any:
    if raw is None or raw == "":
        return None
    if spec.field_type == FieldType.DATE:
        return date.fromisoformat(str(raw))
    if spec.field_type == FieldType.INTEGER:
        return int(str(raw))
    return Decimal(str(raw))


def clean_value(spec: FieldSpec, raw: object, context: Context) -> Any:
    """The stored, JSON-safe form of `raw` for this field, or BadValue; None for empty."""
    if is_empty(raw):
        if spec.required:
            raise BadValue("required", "this field is required")
        return [] if spec.field_type == FieldType.MULTI_CHOICE else None
    value = _convert(spec, raw, context)
    _check_rules(spec, value)
    return value


@dataclass
class Cleaned:
    values: dict[str, Any]
    problems: list[Problem]


def clean_values(
    specs: list[FieldSpec], raw: Mapping[str, object], context: Context, *, partial: bool
) -> Cleaned:
    """Clean every given value; on a create (`partial=False`) missing required fields count.

    Unknown keys and retired fields are problems: a misspelt column must never vanish silently.
    """
    by_key = {spec.key: spec for spec in specs}
    result = Cleaned({}, [])
    for key, value in raw.items():
        spec = by_key.get(key)
        if spec is None or spec.retired:
            result.problems.append(Problem(key, "unknown_field", "unknown field"))
            continue
        try:
            result.values[key] = clean_value(spec, value, context)
        except BadValue as bad:
            result.problems.append(Problem(key, bad.code, bad.message, bad.params))
    if not partial:
        for spec in specs:
            if spec.required and not spec.retired and spec.key not in raw:
                result.problems.append(Problem(spec.key, "required", "this field is required"))
    return result
