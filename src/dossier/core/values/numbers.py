"""Numbers, amounts of money and yes/no answers as people type them. Never a float.

The dot is always the decimal point and the comma only groups thousands ("1,234.50");
"1,5" and "1 234,50" are refused rather than guessed. 万 and 亿 multiply exactly
("1.2万" is 12000). A currency symbol or code may stand before or after the amount.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from dossier.core.values.base import BadValue, normalize_text

_MAX_DIGITS = 30  # more is never an amount someone typed, and keeps arithmetic exact
_UNITS = {"万": 4, "亿": 8, "万亿": 12}
_CURRENCIES = {
    "hk$": "HKD", "hkd": "HKD", "港元": "HKD", "港币": "HKD",
    "us$": "USD", "$": "USD", "usd": "USD", "美元": "USD",
    "€": "EUR", "eur": "EUR", "欧元": "EUR",
    "¥": "CNY", "rmb": "CNY", "cny": "CNY", "人民币": "CNY", "元": "CNY",
}  # fmt: skip
_CURRENCY = "|".join(re.escape(c) for c in sorted(_CURRENCIES, key=len, reverse=True))
_AMOUNT = re.compile(
    rf"""(?P<sign>[+-])?\s*(?P<before>{_CURRENCY})?\s*(?P<sign2>[+-])?\s*
    (?P<number>[0-9]{{1,3}}(?:,[0-9]{{3}})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)
    \s*(?P<unit>万亿|万|亿)?\s*(?P<after>{_CURRENCY})?""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER_EXPECTED = "expected a number such as 1234.50, 1,234.50 or 1.2万"
_TRUE = {"是", "有", "对", "√", "✓", "✔", "y", "yes", "t", "true", "1", "on"}
_FALSE = {"否", "无", "错", "×", "✗", "✘", "n", "no", "f", "false", "0", "off"}


def parse_decimal(value: str, *, places: int | None = None) -> Decimal:
    """An exact decimal. With `places`, more decimal places are refused ("decimal_places")
    and the result carries exactly `places` places, as a database column wants.
    A currency symbol is allowed and ignored (parse_money keeps it)."""
    return _amount(value, places)[0]


def parse_money(value: str) -> tuple[Decimal, str | None]:
    """An amount with two decimal places and the ISO currency named by a symbol or code
    (¥, ￥, 元, RMB, CNY → CNY; $, US$, USD → USD; €, EUR → EUR; HK$, HKD → HKD), or None."""
    return _amount(value, 2)


def parse_int(value: str) -> int:
    """A whole number: "1,234", "3万", full-width digits; "1.5" and amounts of money are refused."""
    try:
        number, currency = _amount(value, None)
    except BadValue:
        number, currency = Decimal("0.5"), None
    if currency is not None or number != number.to_integral_value():
        raise BadValue("integer_invalid", "expected a whole number such as 1234", value=value)
    return int(number)


def parse_bool(value: str) -> bool:
    """Yes or no: 是/否, 有/无, 对/错, √/×, ✓/✗, y/n, yes/no, true/false, 1/0, on/off."""
    text = normalize_text(value).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise BadValue("bool_invalid", "expected yes or no (是 or 否)", value=value)


def _amount(value: str, places: int | None) -> tuple[Decimal, str | None]:
    match = _AMOUNT.fullmatch(normalize_text(value).replace("\u2212", "-"))
    if match is None or (match["sign"] and match["sign2"]):
        raise BadValue("number_invalid", _NUMBER_EXPECTED, value=value)
    digits = match["number"].replace(",", "")
    if len(digits) > _MAX_DIGITS:
        raise BadValue("number_invalid", f"a number has at most {_MAX_DIGITS} digits", value=value)
    sign = "-" if "-" in (match["sign"], match["sign2"]) else ""
    number = _scaled(Decimal(sign + digits), _UNITS.get(match["unit"] or "", 0), places)
    return number, _currency(match, value)


def _scaled(number: Decimal, power: int, places: int | None) -> Decimal:
    """`number` × 10^`power`, exactly; "1E+4" written out as 10000; at most `places` places."""
    with localcontext(prec=3 * _MAX_DIGITS + (places or 0)):
        number = number.scaleb(power)
        if _exponent(number) > 0:
            number = number.quantize(Decimal(1))
        if places is not None:
            if -_exponent(number.normalize()) > places:
                raise BadValue("decimal_places", f"at most {places} decimal places", places=places)
            number = number.quantize(Decimal(1).scaleb(-places))
        return number.copy_abs() if number.is_zero() else number  # no "-0"


def _exponent(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def _currency(match: re.Match[str], value: str) -> str | None:
    found = {_CURRENCIES[m.lower()] for m in (match["before"], match["after"]) if m}
    if len(found) > 1:
        raise BadValue("currency_conflict", "two different currencies in one amount", value=value)
    return found.pop() if found else None
