"""jieba's dictionary segmentation (cut and cut_for_search without HMM) over a compact trie."""

from __future__ import annotations

from dataclasses import dataclass

from dossier.core.text.words import Words, words

_NO_WORD = float("-inf")
# Bits of a position that starts a dictionary word of two, or of three, characters.
_TWO, _THREE = 1, 2


@dataclass(frozen=True, slots=True)
class Cut:
    """A run's words, as jieba.lcut(run, HMM=False), and its search words: the words of two or
    more characters of jieba.cut_for_search(run, HMM=False), in its order."""

    words: tuple[str, ...]
    search_words: tuple[str, ...]


def _route(run: str, found: Words) -> tuple[list[int], list[int]]:
    # jieba's route: from the end backwards, the most probable word starting at each position
    # (ties to the longer word, as jieba's max over (score, end) does; an unknown character
    # counts once). One trie call lists the words starting at a position, shortest first; it
    # is skipped where the next character follows the current one in no word.
    prefixes, scores, longest = found.trie.iter_prefixes_with_ids, found.scores, found.longest
    follows, singles, unknown = found.follows.get, found.singles.get, -found.log_total
    last = len(run) - 1
    score = [0.0] * (last + 2)
    ends = [0] * (last + 1)
    short = [0] * (last + 1)
    for start in range(last, -1, -1):
        if start < last and run[start + 1] in follows(run[start], ""):
            best, end, bits = _NO_WORD, start + 1, 0
            for word, key in prefixes(run[start : start + longest]):
                stop = start + len(word)
                candidate = scores[key] + score[stop]
                if candidate >= best:
                    best, end = candidate, stop
                if stop - start == 2:
                    bits = _TWO
                elif stop - start == 3:
                    bits |= _THREE
            if best == _NO_WORD:
                best = unknown + score[start + 1]
            short[start] = bits
        else:
            best, end = singles(run[start], unknown) + score[start + 1], start + 1
        score[start], ends[start] = best, end
    return ends, short


def analyse(run: str) -> Cut:
    """The words and search words of a run of Chinese characters, in one pass."""
    ends, short = _route(run, words())
    found: list[str] = []
    search: list[str] = []
    start = 0
    while start < len(run):
        end = ends[start]
        word = run[start:end]
        found.append(word)
        if end - start > 2:
            _inner_words(run, start, end, short, search)
        if end - start > 1:
            search.append(word)
        start = end
    return Cut(tuple(found), tuple(search))


def _inner_words(run: str, start: int, end: int, short: list[int], search: list[str]) -> None:
    # cut_for_search: the dictionary words of two, then of three, characters inside a word
    # (plain loops: a generator per word costs more than the words it finds).
    for i in range(start, end - 1):
        if short[i] & _TWO:
            search.append(run[i : i + 2])
    if end - start == 3:
        return  # its only three-character word is itself
    for i in range(start, end - 2):
        if short[i] & _THREE:
            search.append(run[i : i + 3])


def cut(run: str) -> list[str]:
    """The words of a run of Chinese characters, exactly as jieba.lcut(run, HMM=False)."""
    return list(analyse(run).words)
