"""Text normalisation shared by indexing and querying: NFKC, case folding, accents, t2s."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Protocol

# Latin, Greek and Cyrillic combining diacritics: dropped so that "cafe" finds "café", as FTS5's
# unicode61 `remove_diacritics` would. Marks of other scripts (kana voicing, Indic vowel signs)
# carry meaning and stay.
_DIACRITICS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
# CJK unified ideographs (extension A, the main block, extensions B–H): what jieba, the
# bigrams and pinyin work on. NFKC turns compatibility ideographs into these.
HAN_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U000323af"
_HAN = re.compile(f"[{HAN_CLASS}]")
# Decimal digits of every script become ASCII, so a phone typed in Arabic-Indic digits matches.
_NON_ASCII_DIGIT = re.compile(r"(?![0-9])\d")
# Control characters and lone surrogates would reach OpenCC's C++ string (a NUL truncates it,
# a surrogate cannot be encoded); they separate words anyway.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# The astral Han extensions have gaps, and newer ones are unassigned to older Pythons; an
# unassigned code point is no letter, so it must not end up inside a term.
_PLAIN = re.compile(r"[\x20-\x7e\u4e00-\u9fff]*")
_ASTRAL = re.compile(r"[\U00010000-\U0010ffff]")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _t2s() -> _Converter:
    # Loaded on first use only: importing dossier.core.text must stay cheap for every process.
    from opencc import OpenCC

    converter: _Converter = OpenCC("t2s")
    return converter


def _ascii_digits(text: str) -> str:
    return _NON_ASCII_DIGIT.sub(lambda m: str(unicodedata.decimal(m[0])), text)


def _assigned(match: re.Match[str]) -> str:
    return " " if unicodedata.category(match[0]) == "Cn" else match[0]


def _fold(text: str) -> str:
    if _PLAIN.fullmatch(text):
        # NFKC and case folding leave the main ideograph block alone, ASCII only needs lower():
        # one regex pass instead of eight for nearly every name, company, phone and e-mail.
        return text.lower()
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    if folded.isascii():
        return folded
    stripped = _DIACRITICS.sub("", unicodedata.normalize("NFD", folded))
    return _ASTRAL.sub(_assigned, _ascii_digits(unicodedata.normalize("NFC", stripped)))


def normalise(text: str) -> str:
    """NFKC, case-fold, drop Latin diacritics, ASCII digits, traditional → simplified Chinese."""
    result = _fold(_UNSAFE.sub(" ", text))
    if _HAN.search(result):
        result = _t2s().convert(result)
    return result
