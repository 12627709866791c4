"""The compact dictionaries give exactly the terms jieba's and pypinyin's own gave: indexes
built before them must go on matching, term for term."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterable

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin.constants import PHRASES_DICT

from dossier.core.text import FieldKind, company, index_terms, query_terms
from dossier.core.text.surnames import COMPOUND_SURNAMES, SURNAME_READINGS
from dossier.demo import records
from tests.core.text.reference import jieba_words, old_tokeniser

KINDS: tuple[FieldKind, ...] = ("text", "name", "company")
HAN = re.compile(r"[\u4e00-\u9fff]+")

Outcome = tuple[tuple[str, ...], ...]


def _outcomes(texts: Iterable[str], kinds: tuple[FieldKind, ...] = KINDS) -> list[Outcome]:
    """Per text: its terms for each kind, then its query and typeahead groups as strings."""
    found = []
    for text in texts:
        terms = [tuple(index_terms(text, kind)) for kind in kinds]
        for typeahead in (False, True):
            query = query_terms(text, typeahead=typeahead)
            terms.append(tuple(repr(group) for group in query.groups))
        found.append(tuple(terms))
    return found


def assert_same_terms(texts: list[str], kinds: tuple[FieldKind, ...] = KINDS) -> None:
    new = _outcomes(texts, kinds)
    with old_tokeniser():
        old = _outcomes(texts, kinds)
    differ = [text for text, a, b in zip(texts, new, old, strict=True) if a != b]
    assert not differ, f"{len(differ)} of {len(texts)} differ, first: {differ[:5]}"


def _sample(items: Iterable[str], size: int, seed: int) -> list[str]:
    pool = sorted(set(items))
    return random.Random(seed).sample(pool, min(size, len(pool)))  # noqa: S311 (a sample)


def test_jieba_words_of_two_to_six_characters() -> None:
    words = [w for w, count in jieba_words()[0].items() if count and 2 <= len(w) <= 6]
    assert_same_terms(_sample(words, 12_000, seed=1))


def test_jieba_words_run_together() -> None:
    # Longer runs than any cache keeps, with words meeting across their boundaries.
    words = _sample((w for w, count in jieba_words()[0].items() if count), 6_000, seed=2)
    runs = ["".join(words[i : i + 12]) for i in range(0, len(words), 12)]
    assert_same_terms(runs)


def test_pypinyin_phrases() -> None:
    phrases = _sample((p for p in PHRASES_DICT if HAN.fullmatch(p)), 8_000, seed=3)
    # As names and companies they are spelt in pinyin; as a company with a legal form too.
    assert_same_terms([*phrases, *(p + "有限公司" for p in phrases[:2_000])])


def _given_names(faker: Faker, count: int) -> list[str]:
    return [faker.first_name() for _ in range(count)]


def test_chinese_names_from_the_surname_tables() -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(4)
    given_names = _given_names(faker, 40)
    surnames = [*SURNAME_READINGS, *COMPOUND_SURNAMES, *{faker.last_name() for _ in range(400)}]
    names = [s + g for s in surnames for g in given_names[: 40 if len(s) == 1 else 10]]
    assert_same_terms(names, ("name",))


def test_demo_names_companies_and_text() -> None:
    faker = Faker("zh_CN")
    faker.seed_instance(5)
    fields: list[Callable[[], str]] = [
        faker.name,
        faker.company,
        faker.street_address,
        faker.job,
        faker.address,
        faker.sentence,
    ]
    texts = [field() for _ in range(600) for field in fields]
    texts += [city for _, city, districts in records.REGIONS for city in [city, *districts]]
    texts += [*records.INDUSTRIES, *records.PROJECTS, *records.SUMMARIES, *records.RESULTS]
    texts += [*records.TAGS, *records.SOURCES, *records.LEVELS, *records.SERVICE_TYPES]
    assert_same_terms(texts)


MIXED = (
    "北京百度网讯科技有限公司華為技術深圳市腾讯计算机系统招商銀行股份张三李四欧阳曾单"
    "的了是在人有我中大国和地出道时年龘𠀀㐀銀行长沙重庆"
    "abcXYZ 0123456789-+.()@，。、 \t"
)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=MIXED, max_size=40))
def test_mixed_text(text: str) -> None:
    assert_same_terms([text], ("text", "name", "company", "phone", "email"))


@pytest.mark.parametrize(
    "text",
    [
        "華為技術有限公司 Huawei Co., Ltd. 138 0013 8000",
        "张三 zhang.san@example.com 招商银行股份有限公司深圳分行",
        "欧阳娜娜在长沙市的重庆银行行长办公室",
        "曾经的单于与解放军，区长查看朴树",
    ],
)
def test_examples(text: str) -> None:
    assert_same_terms([text], ("text", "name", "company", "phone", "email"))


@given(st.text(alphabet="华为有限责任股份合伙企业分总公司集团控股", max_size=14))
def test_legal_forms_strip_as_before(run: str) -> None:
    # Before: strip keeping nothing, and if anything is left, strip again keeping two.
    before = run if not company._strip(run, 0) else company._strip(run, 2)
    assert company.strip_han_suffixes(run) == before
