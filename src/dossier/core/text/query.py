"""query_terms: what a search box query asks of the index, as an AND of OR-groups of terms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from dossier.core.text.chinese import bigrams, search_words
from dossier.core.text.company import LATIN_SUFFIXES, strip_han_suffixes
from dossier.core.text.digits import MAX_TERM, number_query
from dossier.core.text.normalise import normalise
from dossier.core.text.scan import TokenKind, tokens

# A pasted paragraph is not a query; the first words are enough to find it.
MAX_GROUPS = 32


@dataclass(frozen=True, slots=True)
class Term:
    """One indexed term to look for; `prefix` means any indexed term starting with `text`."""

    text: str
    prefix: bool = False

    def matches(self, indexed: str) -> bool:
        return indexed.startswith(self.text) if self.prefix else indexed == self.text


Group = tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class Query:
    """Documents match when every group has at least one matching term (AND of ORs)."""

    groups: tuple[Group, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def matches(self, terms: Iterable[str]) -> bool:
        """The reference meaning of a query, for tests and for checking an engine against."""
        indexed = set(terms)
        return all(any(_found(term, indexed) for term in group) for group in self.groups)


def _found(term: Term, indexed: set[str]) -> bool:
    if not term.prefix:
        return term.text in indexed
    return any(term.matches(candidate) for candidate in indexed)


def _han_groups(run: str) -> list[Group]:
    if len(run) == 1:
        return [(Term(run),)]
    # A jieba word implies the bigram it starts with, so offering it beside that bigram keeps
    # the same matches and lets the engine's ranking favour whole words.
    groups: dict[str, list[Term]] = {pair: [Term(pair)] for pair in bigrams(run)}
    for word in search_words(run):
        if len(word) > 2:
            groups[word[:2]].append(Term(word))
    return [tuple(group) for group in groups.values()]


def _without_legal_forms(found: list[tuple[TokenKind, str]]) -> list[tuple[TokenKind, str]]:
    # "华为技术有限公司" and "Acme Co., Ltd." ask for the company, not for its legal form.
    while len(found) > 1 and found[-1][0] == "word" and found[-1][1] in LATIN_SUFFIXES:
        found.pop()
    return [(kind, strip_han_suffixes(t) if kind == "han" else t) for kind, t in found]


def query_terms(query: str, *, typeahead: bool = False) -> Query:
    """The AND of OR-groups a query means; `typeahead` makes its last word a prefix."""
    found = _without_legal_forms(tokens(normalise(query)))
    groups: list[Group] = []
    for position, (kind, token) in enumerate(found):
        if kind == "han":
            groups.extend(_han_groups(token))
        elif kind == "number":
            groups.extend((Term(digits, prefix),) for digits, prefix in number_query(token))
        else:
            last = typeahead and position == len(found) - 1
            groups.append((Term(token[:MAX_TERM], prefix=last),))
    return Query(tuple(unique_groups(groups)[:MAX_GROUPS]))


def unique_groups(groups: list[Group]) -> list[Group]:
    """Groups once each, in order: 哈哈哈 asks for 哈哈 once."""
    return list(dict.fromkeys(groups))
