"""Validating and normalising single values, the one place every way in goes through."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength


class BadValue(ValueError):
    """A value that breaks a rule. `code` is stable (it picks a translated message), `params`
    fill that message, `message` is an English default."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.params = params


CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
SPACES = re.compile(r"\s+")


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


def normalize_text(value: str) -> str:
    """NFKC, no control characters, one space for any run of whitespace, trimmed."""
    return SPACES.sub(" ", CONTROL.sub("", _nfkc(value))).strip()


def normalize_long_text(value: str) -> str:
    """Like normalize_text, but paragraphs and line breaks are kept."""
    text = CONTROL.sub("", _nfkc(value).replace("\r\n", "\n").replace("\r", "\n"))
    lines = [re.sub(r"[^\S\n]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def normalize_name(value: str) -> str:
    name = normalize_text(value)
    if not name:
        raise BadValue("blank", "this field cannot be blank")
    return name


# ---- phones -------------------------------------------------------------------------------


EXTENSION = re.compile(r"^(.*\d)\s*(?:[-\s]|转|分机|ext\.?|x)\s*(\d{1,6})$", re.IGNORECASE)


def _valid_number(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _parse_phone(value: str, region: str) -> phonenumbers.PhoneNumber:
    """A valid number; a trailing short group (`-123`, `转123`) is tried as an extension."""
    text = normalize_text(value).replace("(", " ").replace(")", " ")
    text = re.sub(r"^00(?=[1-9])", "+", text)
    number = _valid_number(text, region)
    if number is None and (match := EXTENSION.match(text)):
        number = _valid_number(f"{match.group(1)} ext. {match.group(2)}", region)
    if number is None:
        raise BadValue("phone_invalid", "not a valid phone number", value=value)
    return number


def normalize_phone(value: str, region: str = "CN") -> str:
    """E.164 (`+8613812345678`), with `;ext=123` when an extension was given."""
    number = _parse_phone(value, region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return f"{e164};ext={number.extension}" if number.extension else e164


def format_phone(e164: str, region: str = "CN") -> str:
    """National format for numbers of `region` (`138 1234 5678`), international otherwise."""
    try:
        number = _parse_phone(e164.replace(";ext=", " ext. "), region)
    except BadValue:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


def phone_digits(value: str) -> str:
    """The national significant digits, for search; empty when the value is no phone number."""
    try:
        return str(phonenumbers.national_significant_number(_parse_phone(value, "CN")))
    except BadValue:
        return ""


# ---- e-mail and web addresses ---------------------------------------------------------------


def normalize_email(value: str) -> str:
    text = normalize_text(value).removeprefix("mailto:").strip()
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as error:
        raise BadValue("email_invalid", "not a valid e-mail address", reason=str(error)) from None
    return f"{checked.local_part}@{checked.domain.lower()}"


URL = re.compile(r"^(https?)://([^/\s:?#]+)(:\d{1,5})?([/?#]\S*)?$", re.IGNORECASE)


def normalize_url(value: str) -> str:
    text = normalize_text(value)
    if "://" not in text:
        text = "https://" + text
    match = URL.match(text)
    if not match:
        raise BadValue("url_invalid", "not a valid web address (http or https)")
    scheme, host, port, rest = match.groups()
    if "." not in host and host.lower() != "localhost":
        raise BadValue("url_invalid", "not a valid web address (http or https)")
    return f"{scheme.lower()}://{host.lower()}{port or ''}{rest or ''}"


# ---- Chinese identity numbers ---------------------------------------------------------------


STDNUM_REASONS: dict[type[Exception], str] = {
    InvalidChecksum: "checksum",
    InvalidLength: "length",
    InvalidFormat: "format",
    InvalidComponent: "birth date or region",
}


def _stdnum_reason(error: Exception) -> str:
    return STDNUM_REASONS.get(type(error), "format")


def normalize_cn_resident_id(value: str) -> str:
    text = re.sub(r"[\s-]", "", normalize_text(value)).upper()
    if re.fullmatch(r"\d{15}", text):
        raise BadValue("id_old_format", "use the 18-digit resident ID number")
    try:
        return str(ric.validate(text))
    except (InvalidChecksum, InvalidLength, InvalidFormat, InvalidComponent) as error:
        raise BadValue(
            "id_invalid", "not a valid resident ID number", reason=_stdnum_reason(error)
        ) from None


def normalize_credit_code(value: str) -> str:
    text = re.sub(r"[\s-]", "", normalize_text(value)).upper()
    try:
        return str(uscc.validate(text))
    except (InvalidChecksum, InvalidLength, InvalidFormat, InvalidComponent) as error:
        raise BadValue(
            "credit_code_invalid",
            "not a valid unified social credit code",
            reason=_stdnum_reason(error),
        ) from None


# ---- dates and times ------------------------------------------------------------------------

MONTHS = {
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
YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
NUMERIC_YEAR_LAST = re.compile(r"^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*[/.-]\s*(\d{4})$")
WORDS_MDY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
WORDS_DMY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$")


def _make_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise BadValue(
            "date_invalid", "there is no such date", value=f"{year:04d}-{month:02d}-{day:02d}"
        ) from None


def _date_parts(text: str, day_first: bool) -> tuple[int, int, int] | None:
    if match := YMD.match(text) or COMPACT.match(text):
        year, month, day = (int(part) for part in match.groups())
        return year, month, day
    if match := NUMERIC_YEAR_LAST.match(text):
        first, separator, second, year_text = match.groups()
        # "5.3.2024" is European (day first); slashes follow the caller's convention.
        if separator == "." or day_first:
            return int(year_text), int(second), int(first)
        return int(year_text), int(first), int(second)
    lowered = text.lower()
    if (match := WORDS_MDY.match(lowered)) and match.group(1) in MONTHS:
        return int(match.group(3)), MONTHS[match.group(1)], int(match.group(2))
    if (match := WORDS_DMY.match(lowered)) and match.group(2) in MONTHS:
        return int(match.group(3)), MONTHS[match.group(2)], int(match.group(1))
    return None


def parse_date(value: str, *, day_first: bool = False) -> date:
    """Dates as people type them: 2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日,
    3/5/2024 (month first unless `day_first`), 5.3.2024 (day first), March 5, 2024,
    5 March 2024, and the date part of an ISO date-time. Two-digit years are refused."""
    text = normalize_text(value)
    text = re.split(r"[T\s](?=\d{1,2}:)", text, maxsplit=1)[0].strip()
    parts = _date_parts(text, day_first)
    if parts is None:
        raise BadValue(
            "date_format", "expected a date such as 2024-03-05 or 2024年3月5日", value=value
        )
    return _make_date(*parts)


TIME = re.compile(
    r"^(?:(上午|下午|晚上|中午|早上)\s*)?(\d{1,2})\s*[:点时](?:\s*(\d{1,2})\s*分?)?"
    r"(?::(\d{1,2}))?\s*(am|pm|a\.m\.|p\.m\.)?$",
    re.IGNORECASE,
)


TIME_AT_END = re.compile(
    r"(?:上午|下午|晚上|中午|早上)?\s*\d{1,2}\s*(?::\d{1,2}(?::\d{1,2})?|[点时](?:\s*\d{1,2}\s*分?)?)"
    r"\s*(?:am|pm|a\.m\.|p\.m\.)?$",
    re.IGNORECASE,
)


def _parse_time(text: str) -> time:
    match = TIME.match(text.strip())
    if not match:
        raise BadValue("datetime_format", "expected a date and time such as 2024-03-05 14:30")
    half_day, hour_text, minute_text, second_text, suffix = match.groups()
    hour, minute, second = int(hour_text), int(minute_text or 0), int(second_text or 0)
    afternoon = half_day in {"下午", "晚上"} or (suffix or "").lower().startswith("p")
    if afternoon and hour < 12:
        hour += 12
    if (suffix or "").lower().startswith("a") and hour == 12:
        hour = 0
    try:
        return time(hour, minute, second)
    except ValueError:
        raise BadValue("datetime_format", "there is no such time of day") from None


def parse_datetime(value: str, *, tz: tzinfo, day_first: bool = False) -> datetime:
    """A date as parse_date reads it plus a time (14:30, 2:30 pm, 下午2点30分); ISO values
    keep their offset, everything else is in `tz`. Always timezone-aware."""
    text = normalize_text(value)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)
    match = TIME_AT_END.search(text)
    if match and match.start() > 0:
        day = parse_date(text[: match.start()].rstrip(" T,"), day_first=day_first)
        moment = _parse_time(match.group(0).strip())
    else:
        day, moment = parse_date(text, day_first=day_first), time(0, 0)
    return datetime.combine(day, moment, tzinfo=tz)


# ---- numbers and money ----------------------------------------------------------------------

MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
CURRENCIES = [
    ("HK$", "HKD"),
    ("HKD", "HKD"),
    ("US$", "USD"),
    ("USD", "USD"),
    ("$", "USD"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("¥", "CNY"),
    ("元", "CNY"),
    ("€", "EUR"),
    ("EUR", "EUR"),
]


def _number_text(value: str) -> str:
    return normalize_text(value).replace(" ", "")


def parse_decimal(value: str, *, places: int | None = None) -> Decimal:
    """1,234.50, 1.2万, 3亿, full-width digits; never a float; commas only as thousands."""
    text = _number_text(value)
    multiplier = Decimal(1)
    if text and text[-1] in MULTIPLIERS:
        text, multiplier = text[:-1], MULTIPLIERS[text[-1]]
    if not re.fullmatch(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+", text):
        raise BadValue("number_invalid", "expected a number such as 1234.50", value=value)
    try:
        number = Decimal(text.replace(",", "")) * multiplier
    except InvalidOperation:
        raise BadValue("number_invalid", "expected a number such as 1234.50") from None
    exponent = number.normalize().as_tuple().exponent
    if places is not None and isinstance(exponent, int) and -exponent > places:
        raise BadValue("decimal_places", f"at most {places} decimal places", places=places)
    return number


def parse_money(value: str) -> tuple[Decimal, str | None]:
    """An amount and the currency a symbol or code names (¥, 元, RMB → CNY; $ → USD …)."""
    text = _number_text(value)
    upper = text.upper()
    currency = next((code for marker, code in CURRENCIES if marker in upper), None)
    for marker, _code in CURRENCIES:
        text = re.sub(re.escape(marker), "", text, flags=re.IGNORECASE)
    return parse_decimal(text, places=2), currency


def parse_int(value: str) -> int:
    number = parse_decimal(value) if value.strip() else None
    if number is None or number != number.to_integral_value():
        raise BadValue("integer_invalid", "expected a whole number", value=value)
    return int(number)


TRUE = {"是", "有", "对", "√", "✓", "✔", "y", "yes", "true", "1", "on", "t"}
FALSE = {"否", "无", "错", "×", "✗", "✘", "n", "no", "false", "0", "off", "f"}


def parse_bool(value: str) -> bool:
    text = normalize_text(value).lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise BadValue("bool_invalid", "expected yes or no", value=value)


# ---- rules ----------------------------------------------------------------------------------


def check_length(
    value: str, *, min_length: int | None = None, max_length: int | None = None
) -> str:
    if min_length is not None and len(value) < min_length:
        raise BadValue(
            "too_short", f"at least {min_length} characters", min=min_length, length=len(value)
        )
    if max_length is not None and len(value) > max_length:
        raise BadValue(
            "too_long", f"at most {max_length} characters", max=max_length, length=len(value)
        )
    return value


Comparable = int | Decimal | date


def check_range(
    value: Comparable, *, minimum: Comparable | None = None, maximum: Comparable | None = None
) -> Comparable:
    if minimum is not None and value < minimum:  # type: ignore[operator]
        raise BadValue("too_small", f"at least {minimum}", min=minimum)
    if maximum is not None and value > maximum:  # type: ignore[operator]
        raise BadValue("too_large", f"at most {maximum}", max=maximum)
    return value


PATTERN_LIMIT = 1_000


def check_pattern(value: str, pattern: str) -> str:
    """Full match of an admin's regular expression; long values are refused before matching,
    so a careless pattern cannot hang a request."""
    if len(value) > PATTERN_LIMIT:
        raise BadValue("too_long", f"at most {PATTERN_LIMIT} characters", max=PATTERN_LIMIT)
    try:
        compiled = re.compile(pattern)
    except re.error:
        raise BadValue("pattern_broken", "the format rule of this field is broken") from None
    if not compiled.fullmatch(value):
        raise BadValue("pattern", "does not have the expected format", pattern=pattern)
    return value
