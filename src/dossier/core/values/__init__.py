"""The one place every input value is validated and normalised, for forms, API, CLI and imports.

Pure functions: each returns the clean value or raises BadValue, whose `code` is stable:
blank; phone_invalid, email_invalid, url_invalid; id_old_format, id_invalid,
credit_code_invalid (params["reason"]); date_format, datetime_format, date_invalid,
time_invalid; number_invalid, decimal_places, currency_conflict, integer_invalid,
bool_invalid; too_short, too_long, too_small, too_large, pattern_mismatch, pattern_broken.
"""

from dossier.core.values.base import (
    BadValue,
    normalize_long_text,
    normalize_name,
    normalize_text,
)
from dossier.core.values.contact import (
    format_phone,
    normalize_email,
    normalize_phone,
    normalize_url,
    phone_digits,
    shown_phone,
)
from dossier.core.values.dates import parse_date, parse_datetime
from dossier.core.values.identity import normalize_cn_resident_id, normalize_credit_code
from dossier.core.values.numbers import parse_bool, parse_decimal, parse_int, parse_money
from dossier.core.values.rules import check_length, check_pattern, check_range

__all__ = [
    "BadValue",
    "check_length",
    "check_pattern",
    "check_range",
    "format_phone",
    "normalize_cn_resident_id",
    "normalize_credit_code",
    "normalize_email",
    "normalize_long_text",
    "normalize_name",
    "normalize_phone",
    "normalize_text",
    "normalize_url",
    "parse_bool",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
    "parse_money",
    "phone_digits",
    "shown_phone",
]
