"""Broad queries: counts stop at a cap, the newest matches are ranked, names are never lost."""

from __future__ import annotations

import pytest

from dossier.accounts.models import User
from dossier.customers import services as customers
from dossier.search import selectors
from tests.builders import actor, make_user
from tests.customers.builders import make_customer
from tests.search.builders import upload_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def boss(db: None) -> User:
    return make_user("admin", username="boss")


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 5)
    monkeypatch.setattr(selectors, "RANK_CAP", 3)


def test_a_count_past_the_cap_says_so(boss: User, small_caps: None) -> None:
    for n in range(8):
        make_customer(boss, name=f"张{'伟芳娜敏静丽强磊'[n]}", kind="person")
    found = selectors.search(actor(boss), "张")
    assert (found.total, found.total_exact) == (5, False)
    assert sum(found.facets["kind"].values()) == 5  # the newest 5 are counted
    assert len(found.hits) == 8  # the ranked window is never smaller than the page


def test_under_the_cap_counts_are_exact(boss: User, small_caps: None) -> None:
    for n in range(4):
        make_customer(boss, name=f"张{'伟芳娜敏'[n]}", kind="person")
    found = selectors.search(actor(boss), "张")
    assert (found.total, found.total_exact) == (4, True)


def test_an_older_name_match_is_ranked_beside_newer_mentions_in_files(
    boss: User, small_caps: None
) -> None:
    named = make_customer(boss, name="华为技术有限公司")
    other = make_customer(boss, name="腾讯科技有限公司")
    for n in range(6):
        upload_text(boss, other.pk, f"纪要{n}.txt", "与华为的会议纪要")
    # A page of 3 reads the newest 3 matches (all files) and the newest 3 name matches.
    found = selectors.search(actor(boss), "华为", limit=3)
    assert not found.total_exact
    assert ("customer", named.pk) in {(h.kind, h.object_id) for h in found.hits}


def test_a_page_past_the_ranked_window_is_still_served(boss: User, small_caps: None) -> None:
    for n in range(8):
        make_customer(boss, name=f"张{'伟芳娜敏静丽强磊'[n]}", kind="person")
    first = selectors.search(actor(boss), "张", limit=4)
    second = selectors.search(actor(boss), "张", limit=4, offset=4)
    seen = [h.object_id for h in first.hits + second.hits]
    assert len(seen) == len(set(seen)) == 8


def test_an_exact_name_comes_first_however_many_newer_names_match(
    boss: User, small_caps: None
) -> None:
    exact = make_customer(boss, name="张伟", kind="person")
    for n in range(6):
        make_customer(boss, name=f"张伟{'芳娜敏静丽强'[n]}", kind="person")
    found = selectors.search(actor(boss), "张伟", limit=3)
    assert (found.hits[0].kind, found.hits[0].object_id) == ("customer", exact.pk)
    assert len(found.hits) == 3


def test_a_kind_filter_in_a_broad_query_still_finds_that_kind(boss: User, small_caps: None) -> None:
    older = make_customer(boss, name="李四", kind="person")
    customers.create_contact(actor(boss), older.pk, {"name": "张小龙"})
    for n in range(8):
        make_customer(boss, name=f"张{'伟芳娜敏静丽强磊'[n]}", kind="person")
    filters = selectors.SearchFilter(kind="contact")
    found = selectors.search(actor(boss), "张", filters)
    assert [h.title for h in found.hits] == ["张小龙"]
    assert not found.total_exact  # the newest 5 matches are all customers
