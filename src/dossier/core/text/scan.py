"""Splits normalised text into Chinese runs, numbers and words: the one lexer both sides use."""

from __future__ import annotations

import re
from typing import Literal

from dossier.core.text.normalise import HAN_CLASS

TokenKind = Literal["han", "number", "word"]

# What may sit between the digit groups of one number: 138 0013-8000, (010) 1234.5678.
_SEPARATORS = r"\s\-\u2010-\u2015.()"
_TOKEN = re.compile(
    rf"(?P<han>[{HAN_CLASS}]+)"
    rf"|(?P<number>\+?[0-9]+(?:[{_SEPARATORS}]{{1,3}}[0-9]+)*)"
    rf"|(?P<word>[^\W\d_{HAN_CLASS}]+)"
)


def tokens(normalised: str) -> list[tuple[TokenKind, str]]:
    """(kind, text) for each token of already normalised text; everything else separates."""
    found: list[tuple[TokenKind, str]] = [
        (match.lastgroup, match[0])  # type: ignore[misc]
        for match in _TOKEN.finditer(normalised)
    ]
    return found
