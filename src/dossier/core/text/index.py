"""index_terms: the search terms stored for one field, by the kind of field it is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import chain
from typing import Literal, cast

from dossier.core.text.chinese import (
    analysis,
    bigrams,
    name_pinyin,
    pinyin_terms,
    search_words,
)
from dossier.core.text.company import strip_han_suffixes
from dossier.core.text.digits import MAX_TERM, number_terms
from dossier.core.text.normalise import normalise
from dossier.core.text.pinyin import word_pinyin
from dossier.core.text.scan import tokens
from dossier.core.text.segment import Cut

_NOT_ALNUM = re.compile(r"[\W_]+")

FieldKind = Literal["text", "name", "company", "phone", "email"]

# Pinyin is for names, not for a paragraph that happens to sit in a name field.
_MAX_NAME_RUN = 8
_MAX_COMPANY_RUN = 32
_MAX_JOINED_WORDS = 4
# Longer fields are prose, not a name or a company worth a cache slot.
_CACHED_FIELD = 32


def _han_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [*bigrams(run), *search_words(run)]


def _text_terms(text: str, *, phone: bool = False) -> list[str]:
    terms: list[str] = []
    for kind, token in tokens(text):
        if kind == "han":
            terms.extend(_han_terms(token))
        elif kind == "number":
            terms.extend(number_terms(token, phone=phone))
        else:
            terms.append(token[:MAX_TERM])
    return terms


def _person_han_terms(run: str) -> list[str]:
    terms = [*run, *bigrams(run)]
    found = name_pinyin(run) if len(run) <= _MAX_NAME_RUN else None
    if found:
        syllables, surname = found
        terms.extend(pinyin_terms(syllables, split=surname))
    return terms


def _joined(words: list[str]) -> list[str]:
    # "Zhang San" typed in Latin letters is found by "zhangsan", as 张三 is.
    return ["".join(words)[:MAX_TERM]] if 1 < len(words) <= _MAX_JOINED_WORDS else []


def _name_terms(text: str) -> list[str]:
    terms: list[str] = []
    words: list[str] = []
    for kind, token in tokens(text):
        if kind == "han":
            terms.extend(_person_han_terms(token))
        elif kind == "number":
            terms.extend(number_terms(token))
        else:
            words.append(token[:MAX_TERM])
    return [*terms, *words, *_joined(words)]


def _company_pinyin(core: str, found: Cut) -> list[str]:
    if len(core) > _MAX_COMPANY_RUN:
        return []
    syllables = [word_pinyin(word) for word in found.words]
    if None in syllables:
        return []
    every = tuple(chain.from_iterable(cast("list[tuple[str, ...]]", syllables)))
    # Each word spelt out too, so "huawei" finds 华为技术有限公司 and "yinhang" 招商银行.
    words = [word_pinyin(word) for word in found.search_words]
    return [*pinyin_terms(every), *["".join(word) for word in words if word]]


def _company_han_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    # The name and its legal form segmented apart: one jieba call on the name, while the few
    # legal forms stay cached, and the words are the ones a query without them asks for.
    core = strip_han_suffixes(run)
    legal = search_words(run[len(core) :]) if len(core) < len(run) else ()
    found = analysis(core)
    return [*bigrams(run), *found.search_words, *legal, *_company_pinyin(core, found)]


def _company_terms(text: str) -> list[str]:
    terms: list[str] = []
    for kind, token in tokens(text):
        if kind == "han":
            terms.extend(_company_han_terms(token))
        elif kind == "number":
            terms.extend(number_terms(token))
        else:
            terms.append(token[:MAX_TERM])
    return terms


def _email_terms(text: str) -> list[str]:
    terms = _text_terms(text)
    local, _, domain = text.rpartition("@")
    # zhang.san@… is also found by "zhangsan"; each side by its own parts already.
    for part in (local, domain):
        squashed = _NOT_ALNUM.sub("", part)[:MAX_TERM]
        if squashed:
            terms.append(squashed)
    return terms


def _phone_terms(text: str) -> list[str]:
    return _text_terms(text, phone=True)


_KINDS: dict[str, Callable[[str], list[str]]] = {
    "text": _text_terms,
    "name": _name_terms,
    "company": _company_terms,
    "phone": _phone_terms,
    "email": _email_terms,
}


def unique(terms: Iterable[str]) -> list[str]:
    """Terms once each, in first-seen order: positions do not matter to the queries we run."""
    return list(dict.fromkeys(terms))


def _index_terms(text: str, kind: FieldKind) -> list[str]:
    return unique(_KINDS[kind](normalise(text)))


@lru_cache(maxsize=65536)
def _cached_terms(text: str, kind: FieldKind) -> tuple[str, ...]:
    return tuple(_index_terms(text, kind))


# Names repeat (a million customers hold far fewer distinct names), and so do the companies of
# customers who work at one; phones and e-mails do not, so only these are cached whole.
_CACHED_KINDS = frozenset({"name", "company"})


def index_terms(text: str, kind: FieldKind = "text") -> list[str]:
    """The terms to store for one field; join them with spaces for FTS5 or array_to_tsvector."""
    if kind in _CACHED_KINDS and len(text) <= _CACHED_FIELD:
        return list(_cached_terms(text, kind))
    return _index_terms(text, kind)
