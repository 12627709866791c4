"""normalise: NFKC, case folding, Latin diacritics, ASCII digits and traditional → simplified."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.text import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("張三", "张三"),
        ("華為技術有限公司", "华为技术有限公司"),
        ("ＡＣＭＥ　Ｃｏ．", "acme co."),
        ("１３８－００１３", "138-0013"),
        ("Straße", "strasse"),
        ("Café Müller", "cafe muller"),
        ("٠١٣٨", "0138"),
        ("a\x00b\x1fc", "a b c"),
        ("\ud800x", " x"),
    ],
)
def test_normalises(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@given(st.text())
def test_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text(alphabet=st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF), max_size=20))
def test_is_idempotent_on_chinese(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
