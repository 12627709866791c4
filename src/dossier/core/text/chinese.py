"""Chinese runs: jieba words, character bigrams and pinyin, each with its library loaded once."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from dossier.core.text.segment import analyse
from dossier.core.text.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

# Runs longer than this come from free text and are rarely repeated: caching them only churns.
_CACHED_RUN = 32


@cache
def _lazy_pinyin() -> Callable[[str], list[str]]:
    from pypinyin import lazy_pinyin

    return lazy_pinyin


@cache
def _phrases() -> dict[str, list[list[str]]]:
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


@lru_cache(maxsize=4096)
def _toneless(syllable: str) -> str:
    from pypinyin.contrib.tone_convert import to_normal

    return to_normal(syllable)


# Without HMM: new-word guessing costs a third more time and only invents words for bigrams we
# index anyway. One cut serves both the words and the search words of a run.
_analyse_cached = lru_cache(maxsize=65536)(analyse)


def segment(run: str) -> tuple[str, ...]:
    """jieba's words of a run of Chinese characters, in order (their concatenation is `run`)."""
    return (_analyse_cached(run) if len(run) <= _CACHED_RUN else analyse(run)).words


def search_words(run: str) -> tuple[str, ...]:
    """The words of two or more characters jieba's cut_for_search yields: the words, and the
    dictionary words of two and three characters inside longer ones."""
    return (_analyse_cached(run) if len(run) <= _CACHED_RUN else analyse(run)).search_words


def bigrams(run: str) -> list[str]:
    """Every pair of neighbouring characters: any two-character query is found as one term."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


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
    """The everyday toneless pinyin of one character (ü as v), or None if it has none."""
    found = _ascii_syllables(_lazy_pinyin()(char), 1)
    return found[0] if found else None


@lru_cache(maxsize=65536)
def word_pinyin(word: str) -> tuple[str, ...] | None:
    """Toneless pinyin of a word, one syllable per character, with the readings of pypinyin's
    phrase dictionary where it has the word (银行 yin hang, not yin xing)."""
    readings = _phrases().get(word) if len(word) > 1 else None
    if readings and len(readings) == len(word):
        # lazy_pinyin would find the same readings but costs ~60 µs a word.
        return _ascii_syllables([_toneless(r[0]) for r in readings], len(word))
    syllables = [char_pinyin(c) for c in word]
    return None if None in syllables else tuple(s for s in syllables if s)


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
