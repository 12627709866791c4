"""Chinese runs: jieba words, character bigrams and the pinyin of names."""

from __future__ import annotations

from functools import lru_cache

from dossier.core.text.pinyin import char_pinyin
from dossier.core.text.segment import Cut, analyse
from dossier.core.text.surnames import COMPOUND_SURNAMES, SURNAME_READINGS

# Runs longer than this come from free text and are rarely repeated: caching them only churns.
_CACHED_RUN = 32


# Without HMM: new-word guessing costs a third more time and only invents words for bigrams we
# index anyway. One cut serves both the words and the search words of a run.
_analyse_cached = lru_cache(maxsize=65536)(analyse)


def analysis(run: str) -> Cut:
    """A run's jieba words and search words, for callers that need both."""
    return _analyse_cached(run) if len(run) <= _CACHED_RUN else analyse(run)


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
    terms = ["".join(syllables), *syllables, "".join([s[0] for s in syllables])]
    if 1 < split < len(syllables):
        terms.append("".join(syllables[:split]))
    if len(syllables) - split > 1 and split > 0:
        terms.append("".join(syllables[split:]))
    return terms
