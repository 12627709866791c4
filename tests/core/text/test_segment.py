"""The fast segmenter cuts exactly as jieba does without HMM."""

from __future__ import annotations

import jieba
import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.core.text.segment import cut

# Characters that form many dictionary words with each other, plus a few rare ones.
CHARACTERS = (
    "北京百度网讯科技有限公司华为技术深圳市腾讯计算机系统招商银行股份"
    "张三的了是在人有我中大国和地出道时年龘𠀀"
)


@pytest.fixture(autouse=True, scope="module")
def _jieba_loaded() -> None:
    jieba.initialize()


@given(st.text(alphabet=CHARACTERS, min_size=1, max_size=30))
def test_cuts_like_jieba(run: str) -> None:
    assert cut(run) == jieba.lcut(run, HMM=False)


def test_cuts_company_names() -> None:
    assert cut("北京百度网讯科技有限公司") == ["北京", "百度", "网讯", "科技", "有限公司"]
