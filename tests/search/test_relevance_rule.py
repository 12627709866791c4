"""search.domain.relevance: the order of matches, as a plain rule."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dossier.core.text import index_terms, query_terms
from dossier.search.domain import name_share, relevance

names = st.text(alphabet="张王李伟芳娜华为科技abc123", min_size=1, max_size=12)


def _terms(name: str) -> str:
    return " ".join(index_terms(name, "name"))


def test_an_exact_name_outranks_any_other_match() -> None:
    query = query_terms("张伟")
    exact = relevance(query, _terms("张伟"), exact=True)
    assert exact > relevance(query, _terms("张伟"), exact=False)
    assert exact > relevance(query, _terms("张伟芳"), exact=False)


def test_the_name_outranks_the_text() -> None:
    query = query_terms("华为")
    in_name = relevance(query, _terms("华为技术有限公司"), exact=False)
    in_text_only = relevance(query, _terms("腾讯科技有限公司"), exact=False)
    assert in_name > in_text_only


def test_a_partial_name_match_sits_between() -> None:
    query = query_terms("华为 合同")
    both = relevance(query, " ".join(index_terms("华为合同", "text")), exact=False)
    one = relevance(query, _terms("华为技术有限公司"), exact=False)
    none = relevance(query, _terms("腾讯"), exact=False)
    assert both > one > none


@given(names, names)
def test_shorter_names_rank_first_among_equal_name_matches(short: str, extra: str) -> None:
    query = query_terms(short)
    if not query or name_share(query, _terms(short).split()) < 1:
        return  # a name its own query does not wholly find (mixed scripts) proves nothing here
    longer = relevance(query, _terms(short) + " " + _terms(extra + "x"), exact=False)
    assert relevance(query, _terms(short), exact=False) >= longer


def test_matches_in_the_text_alone_tie_whatever_their_names() -> None:
    query = query_terms("合同")
    unnamed = relevance(query, "", exact=False)
    named = relevance(query, _terms("华为技术有限公司"), exact=False)
    assert unnamed == named == 0.0
