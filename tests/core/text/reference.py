"""The tokeniser's Chinese steps as they were before the compact dictionaries (commit c355146):
jieba's own word frequencies and pypinyin's own dictionaries, kept only to prove the terms equal.

``old_tokeniser()`` swaps these in for the compact ones inside index_terms and query_terms.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from math import log

import jieba
import pytest
from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT
from pypinyin.contrib.tone_convert import to_normal

from dossier.core.text import index as index_module
from dossier.core.text import query as query_module
from dossier.core.text.segment import Cut
from dossier.core.text.surnames import COMPOUND_SURNAMES, SURNAME_READINGS


@cache
def jieba_words() -> tuple[dict[str, int], float]:
    """jieba's FREQ (words, and their prefixes at 0) and log of its total."""
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, log(tokenizer.total)


def _best_ends(run: str) -> list[int]:
    freq, log_total = jieba_words()
    size = len(run)
    score = [0.0] * (size + 1)
    ends = [0] * size
    for start in range(size - 1, -1, -1):
        best, end = -log_total + score[start + 1], start + 1
        found = False
        stop = start + 1
        while stop <= size:
            count = freq.get(run[start:stop])
            if count is None:
                break
            if count:
                candidate = log(count) - log_total + score[stop]
                if not found or candidate >= best:
                    best, end, found = candidate, stop, True
            stop += 1
        score[start], ends[start] = best, end
    return ends


@lru_cache(maxsize=65536)
def segment(run: str) -> tuple[str, ...]:
    ends = _best_ends(run)
    words = []
    start = 0
    while start < len(run):
        words.append(run[start : ends[start]])
        start = ends[start]
    return tuple(words)


@lru_cache(maxsize=65536)
def search_words(run: str) -> tuple[str, ...]:
    freq = jieba_words()[0]
    words: list[str] = []
    for word in segment(run):
        size = len(word)
        if size > 2:
            words.extend(word[i : i + 2] for i in range(size - 1) if freq.get(word[i : i + 2]))
        if size > 3:
            words.extend(word[i : i + 3] for i in range(size - 2) if freq.get(word[i : i + 3]))
        if size > 1:
            words.append(word)
    return tuple(words)


def _letters(syllable: str) -> str:
    if syllable.isascii() and syllable.isalpha() and syllable.islower():
        return syllable
    return "".join(c for c in syllable if "a" <= c <= "z")


def _ascii_syllables(syllables: list[str], expected: int) -> tuple[str, ...] | None:
    cleaned = tuple(_letters(s) for s in syllables)
    if len(cleaned) != expected or not all(cleaned):
        return None
    return cleaned


@lru_cache(maxsize=65536)
def char_pinyin(char: str) -> str | None:
    found = _ascii_syllables(lazy_pinyin(char), 1)
    return found[0] if found else None


@lru_cache(maxsize=65536)
def word_pinyin(word: str) -> tuple[str, ...] | None:
    readings = PHRASES_DICT.get(word) if len(word) > 1 else None
    if readings and len(readings) == len(word):
        return _ascii_syllables([to_normal(r[0]) for r in readings], len(word))
    syllables = [char_pinyin(c) for c in word]
    return None if None in syllables else tuple(s for s in syllables if s)


def name_pinyin(run: str) -> tuple[tuple[str, ...], int] | None:
    if len(run) > 2 and run[:2] in COMPOUND_SURNAMES:
        surname: tuple[str, ...] = COMPOUND_SURNAMES[run[:2]]
    else:
        reading = SURNAME_READINGS.get(run[0]) or char_pinyin(run[0])
        if reading is None:
            return None
        surname = (reading,)
    given = [char_pinyin(c) for c in run[len(surname) :]]
    if None in given:
        return None
    return surname + tuple(s for s in given if s), len(surname)


def analysis(run: str) -> Cut:
    return Cut(segment(run), search_words(run))


@contextmanager
def old_tokeniser() -> Iterator[None]:
    """index_terms and query_terms computed with the steps above, caches emptied around."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(index_module, "analysis", analysis)
        patch.setattr(index_module, "search_words", search_words)
        patch.setattr(index_module, "name_pinyin", name_pinyin)
        patch.setattr(index_module, "word_pinyin", word_pinyin)
        patch.setattr(query_module, "search_words", search_words)
        index_module._cached_terms.cache_clear()
        try:
            yield
        finally:
            index_module._cached_terms.cache_clear()
