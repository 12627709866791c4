"""Properties of the tokeniser that hold for any input."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.core.text import FieldKind, index_terms, normalise, query_terms
from tests.core.text.names import chinese_names

KINDS: list[FieldKind] = ["text", "name", "company", "phone", "email"]
SAFE_TERM = re.compile(r"[^\W_]{1,64}")
FTS5_SYNTAX = set("\"'*^:()+-{}[],.@ ")

# Plain st.text() seldom produces what the lexer looks for; these mix it in.
SHAPED = st.text(
    alphabet="张三張華为有限公司曾欧阳 0123456789+-().@ab_CoLtd　１٣\x00\u200f\u0301😀",
    max_size=40,
)
ANY_TEXT = st.text() | SHAPED


@pytest.mark.parametrize("kind", KINDS)
@given(text=ANY_TEXT)
def test_terms_are_safe_for_the_engines(kind: FieldKind, text: str) -> None:
    for term in index_terms(text, kind):
        assert SAFE_TERM.fullmatch(term), term
        assert not FTS5_SYNTAX & set(term)


@given(query=ANY_TEXT, typeahead=st.booleans())
def test_query_terms_are_safe_for_the_engines(query: str, typeahead: bool) -> None:
    for group in query_terms(query, typeahead=typeahead).groups:
        assert group
        for term in group:
            assert SAFE_TERM.fullmatch(term.text), term


@pytest.mark.parametrize("kind", KINDS)
@given(text=ANY_TEXT)
def test_deterministic(kind: FieldKind, text: str) -> None:
    assert index_terms(text, kind) == index_terms(text, kind)
    assert query_terms(text) == query_terms(text)


@pytest.mark.parametrize("kind", KINDS)
@given(text=ANY_TEXT)
def test_text_finds_itself(kind: FieldKind, text: str) -> None:
    assert query_terms(text).matches(index_terms(text, kind))


@given(text=ANY_TEXT)
def test_normalised_text_tokenises_alike(text: str) -> None:
    assert index_terms(normalise(text), "name") == index_terms(text, "name")


@settings(max_examples=10, deadline=None)
@given(piece=ANY_TEXT.filter(bool), times=st.integers(500, 5000))
def test_long_input_never_raises(piece: str, times: int) -> None:
    text = piece * times
    for kind in KINDS:
        index_terms(text, kind)
    query_terms(text)


@given(name=chinese_names())
def test_names_found_by_themselves_pinyin_initials_and_surname(
    name: tuple[str, str, tuple[str, ...]],
) -> None:
    text, surname, syllables = name
    terms = index_terms(text, "name")
    for query in (
        text,
        "".join(syllables),
        " ".join(syllables),
        "".join(s[0] for s in syllables),
        surname,
    ):
        assert query_terms(query).matches(terms), query


@st.composite
def formatted_phones(draw: st.DrawFn) -> tuple[str, str]:
    """(formatted, digits) of a mainland mobile with a random prefix and random separators."""
    digits = (
        "1" + draw(st.sampled_from("3456789")) + draw(st.text("0123456789", min_size=9, max_size=9))
    )
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "0086", "0086-", "(+86) ", "86 "]))
    groups = [digits[:3], digits[3:7], digits[7:]] if draw(st.booleans()) else [digits]
    separators = st.sampled_from(["", " ", "-", ".", " - ", "(", ")", ") "])
    body = groups[0] + "".join(draw(separators) + group for group in groups[1:])
    return prefix + body, digits


@given(phone=formatted_phones(), data=st.data())
def test_any_four_digits_of_a_phone_find_it(phone: tuple[str, str], data: st.DataObject) -> None:
    formatted, digits = phone
    terms = index_terms(formatted, "phone")
    start = data.draw(st.integers(0, len(digits) - 4))
    end = data.draw(st.integers(start + 4, len(digits)))
    assert query_terms(digits[start:end]).matches(terms)
    assert query_terms(formatted).matches(terms)
    assert query_terms("+86" + digits).matches(terms)


@given(phone=formatted_phones(), data=st.data())
def test_any_slice_of_the_formatted_phone_finds_it(
    phone: tuple[str, str], data: st.DataObject
) -> None:
    formatted, _ = phone
    start = data.draw(st.integers(0, len(formatted)))
    end = data.draw(st.integers(start, len(formatted)))
    piece = formatted[start:end]
    if sum(c.isdigit() for c in piece) >= 4:
        assert query_terms(piece).matches(index_terms(formatted, "phone")), piece
