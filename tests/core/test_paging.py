"""The list conventions: sort terms are checked against an allow-list, windows are bounded."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core import paging
from dossier.core.errors import Invalid
from dossier.core.paging import MAX_LIMIT, capped_count, check_window, paginate, parse_sort

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


class TestCappedCount:
    def test_small_lists_are_counted_exactly(self) -> None:
        assert capped_count(list(range(5)), 10) == (5, True)

    def test_a_long_list_stops_at_the_cap(self) -> None:
        assert capped_count(list(range(50)), 10) == (10, False)

    def test_a_page_says_when_the_count_stopped(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(paging, "COUNT_CAP", 10)
        page = paginate(list(range(50)), 5, 20)
        assert (page.count, page.count_exact, page.items) == (25, False, [20, 21, 22, 23, 24])
