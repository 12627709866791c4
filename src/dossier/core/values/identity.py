"""Chinese identity numbers: the resident ID card (居民身份证) and the unified social credit
code of an organisation (统一社会信用代码), both checked by their check digits."""

from __future__ import annotations

import re

from stdnum import numdb
from stdnum.cn import ric, uscc
from stdnum.exceptions import InvalidChecksum, InvalidLength, ValidationError

from dossier.core.values.base import BadValue, normalize_text

_SEPARATORS = re.compile(r"[\s-]")
_RIC_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_RIC_PROBLEMS = {
    "length": "a resident ID number has 18 characters",
    "format": "a resident ID number is 17 digits and a last digit or X",
    "checksum": "the check digit does not match; please look for a typo",
    "birth date": "the birth date inside the resident ID number does not exist",
    "region": "the region code at the start of the resident ID number is unknown",
}
_USCC_PROBLEMS = {
    "length": "a unified social credit code has 18 characters",
    "format": "a unified social credit code is 8 digits, then digits and capital letters "
    "(no I, O, S, V or Z)",
    "checksum": "the check character does not match; please look for a typo",
}


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", normalize_text(value)).upper()


def normalize_cn_resident_id(value: str) -> str:
    """The 18-character number, spaces and dashes removed, a final x upper-cased; checked for
    length, check digit (ISO 7064 MOD 11-2), birth date and region code. The old 15-digit numbers
    are refused (code "id_old_format"): everyone has had an 18-digit number since 2013."""
    number = _compact(value)
    if re.fullmatch(r"[0-9]{15}", number):
        raise BadValue("id_old_format", "this is an old 15-digit ID; enter the 18-digit number")
    reason = _ric_problem(number)
    if reason is not None:
        raise BadValue("id_invalid", _RIC_PROBLEMS[reason], reason=reason)
    return number


def _ric_problem(number: str) -> str | None:
    if len(number) != 18:
        return "length"
    if not _RIC_SHAPE.fullmatch(number):
        return "format"
    if ric.calc_check_digit(number) != number[-1]:
        return "checksum"
    try:
        ric.get_birth_date(number)
    except ValidationError:
        return "birth date"
    return None if _known_region(number[:6]) else "region"


def _known_region(code: str) -> bool:
    """Whether `code` names a county, in any period. stdnum's own check also wants the county
    to have existed in the birth year, but the code is where the card was issued, not where
    its holder was born: it would refuse everyone from 南京玄武区 (320102) born before 1983."""
    return any("county" in properties for _part, properties in numdb.get("cn/loc").info(code))


def normalize_credit_code(value: str) -> str:
    """The 18-character code, spaces and dashes removed, upper-cased; checked for length,
    alphabet and check character (GB 32100-2015)."""
    code = _compact(value)
    try:
        return str(uscc.validate(code))
    except ValidationError as error:
        reason = _uscc_reason(error)
        raise BadValue("credit_code_invalid", _USCC_PROBLEMS[reason], reason=reason) from None


def _uscc_reason(error: ValidationError) -> str:
    if isinstance(error, InvalidLength):
        return "length"
    return "checksum" if isinstance(error, InvalidChecksum) else "format"
