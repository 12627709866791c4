"""The list conventions: sort terms are checked against an allow-list, windows are bounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.errors import Invalid
from dossier.core.paging import MAX_LIMIT, check_window, parse_sort

ALLOWED = ("name", "created_at", "id")


def test_default_when_no_sort() -> None:
    assert parse_sort(None, ALLOWED, ["-created_at"]) == ["-created_at"]


def test_descending_and_several_terms() -> None:
    assert parse_sort("-created_at, name", ALLOWED, []) == ["-created_at", "name"]


@given(st.text(min_size=1, max_size=40))
def test_anything_outside_the_allow_list_is_refused_naming_sort(term: str) -> None:
    terms = [t.strip().removeprefix("-") for t in term.split(",")]
    if all(t in ALLOWED for t in terms):
        return
    with pytest.raises(Invalid) as caught:
        parse_sort(term, ALLOWED, [])
    assert caught.value.field == "sort"


@given(st.integers(), st.integers())
def test_window_is_bounded(limit: int, offset: int) -> None:
    valid = 1 <= limit <= MAX_LIMIT and offset >= 0
    if valid:
        check_window(limit, offset)
    else:
        with pytest.raises(Invalid):
            check_window(limit, offset)
