"""Toneless pinyin of characters and words, from the tables in data/ (written from pypinyin)."""

from __future__ import annotations

import array
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

# Written by scripts/build_pinyin_data.py; a table is 0.6 MB in memory where pypinyin's
# dictionaries took 55 MB, and the terms no longer move with pypinyin's releases.
DATA = Path(__file__).with_name("data")


@dataclass(frozen=True)
class Tables:
    """``syllables[codes[ord(char)]]`` is a character's reading (index 0: None); ``phrases``
    holds only the words whose readings differ from their characters' (None: no pinyin)."""

    codes: array.array[int]
    syllables: tuple[str | None, ...]
    phrases: dict[str, tuple[str, ...] | None]


def _rows(name: str) -> Iterator[list[str]]:
    with (DATA / name).open(encoding="utf-8") as rows:
        for row in rows:
            if not row.startswith("#"):
                yield row.rstrip("\n").split("\t")


@cache
def tables() -> Tables:
    """The tables, read on first use (about 20 ms)."""
    syllables: list[str | None] = [None]
    groups: list[str] = []
    for syllable, chars in _rows("pinyin_chars.txt"):
        syllables.append(syllable)
        groups.append(chars)
    codes = array.array("H", bytes(2 * (1 + max(ord(c) for chars in groups for c in chars))))
    for index, chars in enumerate(groups, 1):
        for char in chars:
            codes[ord(char)] = index
    phrases = {word: tuple(spelt.split()) or None for word, spelt in _rows("pinyin_phrases.txt")}
    return Tables(codes, tuple(syllables), phrases)


@lru_cache(maxsize=65536)
def char_pinyin(char: str) -> str | None:
    """The everyday toneless pinyin of one character (ü as v), or None if it has none."""
    found = tables()
    if len(char) != 1 or ord(char) >= len(found.codes):
        return None
    return found.syllables[found.codes[ord(char)]]


@lru_cache(maxsize=65536)
def word_pinyin(word: str) -> tuple[str, ...] | None:
    """Toneless pinyin of a word, one syllable per character, with the readings of pypinyin's
    phrase dictionary where it has the word (银行 yin hang, not yin xing)."""
    if len(word) > 1:
        phrases = tables().phrases
        if word in phrases:
            return phrases[word]
    syllables = [char_pinyin(c) for c in word]
    return None if None in syllables else tuple(s for s in syllables if s)
