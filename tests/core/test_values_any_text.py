"""Whatever text arrives, every value function returns or raises BadValue: nothing else."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core import values
from dossier.core.values import BadValue

SHANGHAI = ZoneInfo("Asia/Shanghai")

FUNCTIONS: dict[str, Callable[[str], object]] = {
    "normalize_text": values.normalize_text,
    "normalize_long_text": values.normalize_long_text,
    "normalize_name": values.normalize_name,
    "normalize_phone": values.normalize_phone,
    "normalize_phone_us": lambda text: values.normalize_phone(text, "US"),
    "format_phone": values.format_phone,
    "phone_digits": values.phone_digits,
    "normalize_email": values.normalize_email,
    "normalize_url": values.normalize_url,
    "normalize_cn_resident_id": values.normalize_cn_resident_id,
    "normalize_credit_code": values.normalize_credit_code,
    "parse_date": values.parse_date,
    "parse_date_day_first": lambda text: values.parse_date(text, day_first=True),
    "parse_datetime": lambda text: values.parse_datetime(text, tz=SHANGHAI),
    "parse_decimal": values.parse_decimal,
    "parse_decimal_places": lambda text: values.parse_decimal(text, places=2),
    "parse_money": values.parse_money,
    "parse_int": values.parse_int,
    "parse_bool": values.parse_bool,
    "check_length": lambda text: values.check_length(text, min_length=2, max_length=5),
    "check_pattern_value": lambda text: values.check_pattern(text, r"[0-9]{3}-\w+"),
    "check_pattern_pattern": lambda text: values.check_pattern("abc-123", text),
}

# Plain st.text() rarely hits the grammar; these add the characters the parsers look for.
NEAR_MISSES = st.text(
    alphabet="0123456789-/.:,+年月日号点分半下午 Tt万亿¥$€元ext转@xX", max_size=30
)
NORMALIZERS = [
    "normalize_text",
    "normalize_long_text",
    "normalize_name",
    "normalize_phone",
    "normalize_email",
    "normalize_url",
    "normalize_cn_resident_id",
    "normalize_credit_code",
]


@pytest.mark.parametrize("name", FUNCTIONS)
@given(value=st.text() | NEAR_MISSES)
def test_returns_or_raises_bad_value(name: str, value: str) -> None:
    try:
        FUNCTIONS[name](value)
    except BadValue as bad:
        assert bad.code and bad.message


@pytest.mark.parametrize("name", NORMALIZERS)
@given(value=st.text() | NEAR_MISSES)
def test_every_normaliser_is_idempotent(name: str, value: str) -> None:
    normalize = FUNCTIONS[name]
    try:
        once = normalize(value)
    except BadValue:
        return
    assert normalize(str(once)) == once
