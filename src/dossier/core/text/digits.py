"""Numbers: digit groups joined by separators, indexed by suffix so any run is a prefix query."""

from __future__ import annotations

import re

MIN_RUN = 4
# Longer numbers are not phones, ID or card numbers: their suffixes would only bloat the index.
MAX_NUMBER = 24
MAX_TERM = 64
# A phone number's national part plus country code has at least this many digits.
_MIN_PHONE = 7
_GROUP = re.compile(r"[0-9]+")


def _run_terms(run: str) -> list[str]:
    if len(run) < MIN_RUN:
        return [run]
    if len(run) > MAX_NUMBER:
        return [run[:MAX_TERM]]
    return [run[i:] for i in range(len(run) - MIN_RUN + 1)]


def _phone_variants(number: str, plus: bool) -> list[str]:
    # One canonical international form (86 assumed without a prefix, as normalize_phone does),
    # plus the spellings people type in front of it: 00<country>…, and 0<area>… for landlines.
    if plus:
        intl = number
    elif number.startswith("00"):
        intl = number[2:]
    elif number.startswith("0"):
        intl = "86" + number[1:]
    elif number.startswith("86") and len(number) == 13:
        intl = number
    else:
        intl = "86" + number
    if intl.endswith(number):
        # The number's own suffixes are indexed already; only the longer ones are new.
        terms = [intl[i:] for i in range(len(intl) - len(number))]
    else:
        terms = _run_terms(intl)
    terms.append("00" + intl)
    national = intl.removeprefix("86")
    if national != intl and not (len(national) == 11 and national.startswith("1")):
        terms.append("0" + national)
    return terms


def number_terms(token: str, *, phone: bool = False) -> list[str]:
    """Index terms of a number token: the suffixes of its digits joined, and its short groups
    on their own (a substring of a long group is a prefix of a joined suffix already)."""
    groups = _GROUP.findall(token)
    if len(groups) == 1:
        joined = groups[0]
        terms = _run_terms(joined)
    else:
        joined = "".join(groups)
        if len(joined) > MAX_NUMBER:
            return [term for group in groups for term in _run_terms(group)]
        terms = [group for group in groups if len(group) < MIN_RUN]
        terms.extend(_run_terms(joined))
    if phone and _MIN_PHONE <= len(joined) <= MAX_NUMBER:
        terms.extend(_phone_variants(joined, token.startswith("+")))
    return terms


def number_query(token: str) -> list[tuple[str, bool]]:
    """What a number token asks for: (digits, is_prefix) pairs that must all match.

    Runs of MIN_RUN digits or more are prefixes: a prefix of some indexed suffix is exactly a
    substring of the number, which is what "any four digits of the phone" means.
    """
    groups = _GROUP.findall(token)
    joined = "".join(groups)
    runs = [joined] if len(groups) == 1 or len(joined) <= MAX_NUMBER else groups
    return [(run[:MAX_TERM], len(run) >= MIN_RUN) for run in runs]
