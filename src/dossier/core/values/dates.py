"""Dates and date-times as Chinese- and English-speaking people type them.

Year-first dates are never ambiguous: 2024-03-05, 2024/3/5, 2024.3.5, 20240305,
2024年3月5日 (or 号). Year-last numeric dates follow one fixed convention: slashes and
hyphens are month first (3/5/2024 is 5 March) unless `day_first`, dots are always day first
(5.3.2024 is 5 March, the European way). A value that is impossible under the convention
(25/3/2024 read month first) is refused, never re-read the other way round, so one file can
not silently mix conventions. English month names, full or short, are unambiguous:
March 5, 2024; Mar 5 2024; 5 March 2024; 05-Mar-2024. Years have four digits: 24/3/5 is
refused, since "24" might be 1924 or 2024.

A time may follow: 14:30, 14:30:15.5, 2:30 pm, 2pm, 下午2点30分, 2点半, with an offset
(Z, +08:00, +0800) in ISO style. parse_date checks the time and keeps the date as written.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from dossier.core.values.base import BadValue, normalize_text

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_YEAR_FIRST = [
    re.compile(
        r"(?P<y>[0-9]{4})\s*(?P<sep>[-/.])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<d>[0-9]{1,2})"
    ),
    re.compile(r"(?P<y>[0-9]{4})\s*年\s*(?P<m>[0-9]{1,2})\s*月\s*(?P<d>[0-9]{1,2})\s*[日号]?"),
    re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})"),
]
_YEAR_LAST = re.compile(
    r"(?P<a>[0-9]{1,2})\s*(?P<sep>[-/.])\s*(?P<b>[0-9]{1,2})\s*(?P=sep)\s*(?P<y>[0-9]{4})"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_WORDS = [
    re.compile(
        rf"(?P<mon>[a-z]{{3,9}})\.?\s*(?P<d>[0-9]{{1,2}}){_ORDINAL}\s*,?\s*(?P<y>[0-9]{{4}})"
    ),
    re.compile(
        rf"(?P<d>[0-9]{{1,2}}){_ORDINAL}(?:\s+|\s*[-/.]\s*)(?P<mon>[a-z]{{3,9}})\.?"
        r"(?:\s*[-/.,]\s*|\s+)(?P<y>[0-9]{4})"
    ),
]
_HALF_DAY = "上午|下午|晚上|中午|早上|凌晨|傍晚"
# Where a time begins: after "T" in ISO, after a space or comma, or straight after 日/号.
_TIME_START = re.compile(
    rf"(?:(?<=[0-9])T|\s*,\s*|\s+|(?<=[日号]))(?=(?:{_HALF_DAY})|[0-9]{{1,2}}\s*(?::|点|时|[ap]\.?m\b))",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    rf"""(?P<half>{_HALF_DAY})?\s*
    (?:(?P<h>[0-9]{{1,2}}):(?P<m>[0-9]{{2}})(?::(?P<s>[0-9]{{2}})(?:\.(?P<f>[0-9]{{1,9}}))?)?
      |(?P<zh>[0-9]{{1,2}})\s*[点时]\s*(?:(?P<zm>[0-9]{{1,2}})\s*分?|(?P<half_hour>半))?
         \s*(?:(?P<zs>[0-9]{{1,2}})\s*秒)?
      |(?P<bare>[0-9]{{1,2}})(?=\s*[ap]))
    \s*(?:(?P<ampm>[ap])\.?m\.?)?
    \s*(?P<offset>z|utc|gmt|(?P<sign>[+-])(?P<oh>[0-9]{{2}})(?::?(?P<om>[0-9]{{2}}))?)?""",
    re.IGNORECASE | re.VERBOSE,
)
_Parts = tuple[int, int, int, str]  # year, month, day, how an ambiguous order was read
_PM = {"下午", "晚上", "傍晚", "中午"}
_DATE_EXPECTED = "expected a date such as 2024-03-05 or 2024年3月5日"
_DATETIME_EXPECTED = "expected a date and time such as 2024-03-05 14:30 or 2024年3月5日 下午2点30分"


def parse_date(value: str, *, day_first: bool = False) -> date:
    """A date; see the module docstring for the forms read and the ambiguity rule.
    Codes: "date_format" (not a date at all), "date_invalid" (no such day, e.g. 2023-02-29)."""
    date_text, clock_text = _split(normalize_text(value))
    day = _read_date(date_text, day_first)
    if day is None:
        raise BadValue("date_format", _DATE_EXPECTED, value=value)
    if clock_text is not None:
        _read_clock(clock_text, value)
    return day


def parse_datetime(value: str, *, tz: tzinfo, day_first: bool = False) -> datetime:
    """A timezone-aware moment: a date as parse_date reads it and a time (midnight when none
    is given). An explicit offset is kept; anything else is wall-clock time in `tz`.
    Codes: "datetime_format", "date_invalid", "time_invalid"."""
    date_text, clock_text = _split(normalize_text(value))
    day = _read_date(date_text, day_first)
    if day is None:
        raise BadValue("datetime_format", _DATETIME_EXPECTED, value=value)
    if clock_text is None:
        return datetime.combine(day, time(0), tzinfo=tz)
    clock, offset = _read_clock(clock_text, value)
    return datetime.combine(day, clock, tzinfo=offset or tz)


def _split(text: str) -> tuple[str, str | None]:
    match = _TIME_START.search(text)
    if match is None:
        return text, None
    return text[: match.start()], text[match.end() :]


def _read_date(text: str, day_first: bool) -> date | None:
    """None when `text` is no date; BadValue when it is one that does not exist."""
    parts = _year_first(text) or _year_last(text, day_first) or _words(text)
    if parts is None:
        return None
    year, month, day, reading = parts
    try:
        return date(year, month, day)
    except ValueError:
        message = f"there is no such date: {text}{reading}"
        raise BadValue("date_invalid", message, value=text) from None


def _year_first(text: str) -> _Parts | None:
    for pattern in _YEAR_FIRST:
        if match := pattern.fullmatch(text):
            return int(match["y"]), int(match["m"]), int(match["d"]), ""
    return None


def _year_last(text: str, day_first: bool) -> _Parts | None:
    match = _YEAR_LAST.fullmatch(text)
    if match is None:
        return None
    first, second = int(match["a"]), int(match["b"])
    if day_first or match["sep"] == ".":
        return int(match["y"]), second, first, " (read as day/month/year)"
    return int(match["y"]), first, second, " (read as month/day/year)"


def _words(text: str) -> _Parts | None:
    for pattern in _WORDS:
        match = pattern.fullmatch(text.lower())
        if match and match["mon"] in _MONTHS:
            return int(match["y"]), _MONTHS[match["mon"]], int(match["d"]), ""
    return None


def _read_clock(text: str, value: str) -> tuple[time, tzinfo | None]:
    match = _CLOCK.fullmatch(text)
    if match is None:
        raise BadValue("datetime_format", _DATETIME_EXPECTED, value=value)
    hour = _hour(int(match["h"] or match["zh"] or match["bare"]), match["half"], match["ampm"])
    minute = 30 if match["half_hour"] else int(match["m"] or match["zm"] or 0)
    second = int(match["s"] or match["zs"] or 0)
    micro = int((match["f"] or "")[:6].ljust(6, "0"))
    try:
        return time(hour, minute, second, micro), _offset(match)
    except ValueError:
        raise BadValue("time_invalid", "there is no such time of day", value=value) from None


def _hour(hour: int, half: str | None, ampm: str | None) -> int:
    """The 24-hour clock hour; -1 (refused later) for an hour the 12-hour clock lacks."""
    if ampm:
        if not 1 <= hour <= 12:
            return -1
        return hour % 12 + (12 if ampm.lower() == "p" else 0)
    if half in _PM and hour < 12 and not (half == "中午" and hour >= 11):
        return hour + 12
    return 0 if half == "凌晨" and hour == 12 else hour


def _offset(match: re.Match[str]) -> tzinfo | None:
    if not match["offset"]:
        return None
    if not match["sign"]:
        return UTC
    hours, minutes = int(match["oh"]), int(match["om"] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError("offset out of range")
    sign = -1 if match["sign"] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))
