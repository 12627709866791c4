"""Chinese runs: jieba words, character bigrams and pinyin, each with its library loaded once."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Protocol

from dossier.core.text.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

# Runs longer than this come from free text and are rarely repeated: caching them only churns.
_CACHED_RUN = 32


class _Segmenter(Protocol):
    FREQ: dict[str, int]

    def initialize(self) -> None: ...

    def lcut(self, sentence: str, cut_all: bool = ..., HMM: bool = ...) -> list[str]: ...  # noqa: N803


@cache
def _jieba() -> _Segmenter:
    import jieba

    # jieba prints "Building prefix dict…" to stderr on every start: silence it before loading.
    jieba.setLogLevel(logging.WARNING)
    tokenizer: _Segmenter = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _lazy_pinyin() -> Callable[[str], list[str]]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin


def _segment(run: str) -> tuple[str, ...]:
    # HMM off: new-word guessing costs a third more time and only invents words for bigrams
    # we index anyway.
    return tuple(_jieba().lcut(run, HMM=False))


_segment_cached = lru_cache(maxsize=65536)(_segment)


def segment(run: str) -> tuple[str, ...]:
    """jieba's words of a run of Chinese characters, in order (their concatenation is `run`)."""
    return _segment_cached(run) if len(run) <= _CACHED_RUN else _segment(run)


def _subwords(word: str, size: int, freq: dict[str, int]) -> list[str]:
    return [word[i : i + size] for i in range(len(word) - size + 1) if freq.get(word[i : i + size])]


def search_words(run: str, *, shortest: int = 3) -> list[str]:
    """The words jieba's cut_for_search yields (words, and dictionary words inside longer ones)
    of at least `shortest` characters: bigrams are indexed anyway."""
    freq = _jieba().FREQ
    words: list[str] = []
    for word in segment(run):
        for size in range(max(shortest, 2), min(len(word), 4)):
            words.extend(_subwords(word, size, freq))
        if len(word) >= shortest:
            words.append(word)
    return words


def bigrams(run: str) -> list[str]:
    """Every pair of neighbouring characters: any two-character query is found as one term."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _ascii_syllables(syllables: list[str], expected: int) -> tuple[str, ...] | None:
    cleaned = tuple("".join(c for c in s if "a" <= c <= "z") for s in syllables)
    if len(cleaned) != expected or not all(cleaned):
        return None
    return cleaned


@lru_cache(maxsize=65536)
def char_pinyin(char: str) -> str | None:
    """The everyday toneless pinyin of one character (ü as v), or None if it has none."""
    found = _ascii_syllables(_lazy_pinyin()(char), 1)
    return found[0] if found else None


@lru_cache(maxsize=65536)
def word_pinyin(word: str) -> tuple[str, ...] | None:
    """Toneless pinyin of a word, one syllable per character, using pypinyin's phrase readings
    (银行 yin hang, not yin xing)."""
    if len(word) == 1:
        single = char_pinyin(word)
        return (single,) if single else None
    return _ascii_syllables(_lazy_pinyin()(word), len(word))


def name_pinyin(run: str) -> tuple[tuple[str, ...], int] | None:
    """Syllables of a person's name read with surname readings, and how many are the surname."""
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


def pinyin_terms(syllables: tuple[str, ...], *, split: int = 0) -> list[str]:
    """Full spelling, each syllable and the initials; with `split`, also each side joined."""
    terms = ["".join(syllables), *syllables, "".join(s[0] for s in syllables)]
    if 1 < split < len(syllables):
        terms.append("".join(syllables[:split]))
    if len(syllables) - split > 1 and split > 0:
        terms.append("".join(syllables[split:]))
    return terms
