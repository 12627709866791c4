"""Rules an administrator sets on a field: length, range and pattern."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from dossier.core.values.base import BadValue

Comparable = int | Decimal | date
T = TypeVar("T", bound=Comparable)
PATTERN_MAX_LENGTH = 1_000


def check_length(
    value: str, *, min_length: int | None = None, max_length: int | None = None
) -> str:
    """`value` unchanged when it has between `min_length` and `max_length` characters
    (characters, not bytes: 张三 has 2)."""
    length = len(value)
    if min_length is not None and length < min_length:
        message = f"must have at least {min_length} characters (it has {length})"
        raise BadValue("too_short", message, min=min_length, max=max_length, length=length)
    if max_length is not None and length > max_length:
        message = f"must have at most {max_length} characters (it has {length})"
        raise BadValue("too_long", message, min=min_length, max=max_length, length=length)
    return value


def check_range(
    value: T, *, minimum: Comparable | None = None, maximum: Comparable | None = None
) -> T:
    """`value` unchanged when within the bounds, both inclusive. A date-time compared with a
    plain date bound is compared by its date."""
    if minimum is not None and _before(value, minimum):
        raise BadValue("too_small", f"must be at least {minimum}", min=minimum, max=maximum)
    if maximum is not None and _before(maximum, value):
        raise BadValue("too_large", f"must be at most {maximum}", min=minimum, max=maximum)
    return value


def _before(first: Comparable, second: Comparable) -> bool:
    if isinstance(first, date) and isinstance(second, date):
        return _day(first, second) < _day(second, first)
    if isinstance(first, date) or isinstance(second, date):
        raise TypeError(f"cannot compare {first!r} with {second!r}")
    return first < second


def _day(moment: date, other: date) -> date:
    if isinstance(moment, datetime) and not isinstance(other, datetime):
        return moment.date()
    return moment


def check_pattern(value: str, pattern: str) -> str:
    """`value` unchanged when the whole of it matches the regular expression `pattern`.

    An administrator writes the pattern, so a broken one is reported as such
    ("pattern_broken"). Values over 1,000 characters are refused before matching: that bounds
    the cost of a pattern that backtracks polynomially. It cannot bound an exponential one
    such as (a+)+$, which must be caught when the pattern is saved.
    """
    if len(value) > PATTERN_MAX_LENGTH:
        message = f"must have at most {PATTERN_MAX_LENGTH} characters (it has {len(value)})"
        raise BadValue("too_long", message, max=PATTERN_MAX_LENGTH, length=len(value))
    if not _compiled(pattern).fullmatch(value):
        raise BadValue("pattern_mismatch", "does not have the expected format", pattern=pattern)
    return value


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except (re.error, OverflowError, RecursionError):
        message = "the format rule of this field is broken; ask an administrator to fix it"
        raise BadValue("pattern_broken", message, pattern=pattern) from None
