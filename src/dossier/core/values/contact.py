"""Phone numbers, e-mail addresses and web addresses."""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from dossier.core.values.base import BadValue, normalize_text

# phonenumbers reads "ext", "x" and "#" itself; Chinese writes 转 or 分机, and a trailing
# "-123" after a complete landline is an extension too ("010-65529988-123").
_EXTENSION = re.compile(r"(?P<main>.*[0-9])\s*(?:-|转|分机)\s*(?P<ext>[0-9]{1,6})")
_PHONE_EXPECTED = "not a valid phone number; expected one such as 138 1234 5678 or +1 650 253 0000"


def _valid(text: str, region: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _parse_phone(value: str, region: str) -> phonenumbers.PhoneNumber:
    text = normalize_text(value)
    number = _valid(text, region.upper())
    if number is None and (match := _EXTENSION.fullmatch(text)):
        number = _valid(f"{match['main']} ext. {match['ext']}", region.upper())
    if number is None:
        raise BadValue("phone_invalid", _PHONE_EXPECTED, value=value)
    return number


def normalize_phone(value: str, region: str = "CN") -> str:
    """E.164 ("+8613812345678"); a number without a country code belongs to `region`.
    An extension is kept as an RFC 3966 suffix: "+861065529988;ext=123"."""
    number = _parse_phone(value, region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if number.extension:
        return f"{e164};ext={phonenumbers.normalize_digits_only(number.extension)}"
    return e164


def format_phone(e164: str, region: str = "CN") -> str:
    """For display: national format for numbers of `region` ("138 1234 5678",
    "010 6552 9988"), international otherwise ("+1 650-253-0000")."""
    number = _parse_phone(e164, region)
    home = phonenumbers.region_code_for_number(number) == region.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else (phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    )
    return phonenumbers.format_number(number, style)


def shown_phone(value: str, region: str = "CN") -> str:
    """format_phone for display, or the value as stored when it is not a phone number (a
    record kept from before validation existed)."""
    try:
        return format_phone(value, region)
    except BadValue:
        return value


def phone_digits(value: str) -> str:
    """The national significant digits, for search ("13812345678"); also for partial numbers
    a user searches with. Empty when the value holds no phone number at all."""
    try:
        number = _parse_phone(value, "CN")
    except BadValue:
        try:
            number = phonenumbers.parse(normalize_text(value), "CN")
        except phonenumbers.NumberParseException:
            return ""
    return phonenumbers.national_significant_number(number)


def normalize_email(value: str) -> str:
    """An address as its owner wrote it, domain lower-cased (and IDNA-normalised); a "mailto:"
    prefix and surrounding spaces go. No DNS look-up: this never touches the network."""
    text = normalize_text(value)
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=True)
    except EmailNotValidError as error:
        message = "not a valid e-mail address; expected one such as name@example.com"
        raise BadValue("email_invalid", message, reason=str(error), value=value) from None
    return f"{checked.local_part}@{checked.domain.lower()}"


_HAS_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_URL = re.compile(
    r"(?P<scheme>https?)://(?P<host>[^/?#:@\s]+)(?::(?P<port>[0-9]{1,5}))?(?P<rest>[/?#]\S*)?",
    re.IGNORECASE,
)
_LABEL = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
_DIGITS = re.compile(r"[0-9]+")
_URL_EXPECTED = "not a valid web address; expected one such as https://example.com"


def normalize_url(value: str) -> str:
    """An http(s) address: "https://" added when no scheme is given, scheme and host
    lower-cased, the rest kept as written. The host has a dot or is localhost; user names
    and passwords in the address are refused."""
    text = normalize_text(value)
    if not _HAS_SCHEME.match(text):
        text = "https://" + text.removeprefix("//")
    match = _URL.fullmatch(text)
    host = match["host"].lower() if match else ""
    if match is None or not _is_host(host) or not 0 < int(match["port"] or 80) < 65536:
        raise BadValue("url_invalid", _URL_EXPECTED, value=value)
    port = f":{int(match['port'])}" if match["port"] else ""
    return f"{match['scheme'].lower()}://{host}{port}{match['rest'] or ''}"


def _is_host(host: str) -> bool:
    if host == "localhost":
        return True
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    if _DIGITS.fullmatch(labels[-1]):  # an IPv4 address, or nothing
        return len(labels) == 4 and all(_DIGITS.fullmatch(n) and int(n) < 256 for n in labels)
    return True
