"""Relevance smoke table: what a query must find, and must not find, among a few customers."""

from __future__ import annotations

import pytest

from dossier.core.text import FieldKind, index_terms, query_terms

DOCUMENTS: dict[str, tuple[str, FieldKind]] = {
    "张三": ("张三", "name"),
    "张伟": ("张伟", "name"),
    "章三": ("章三", "name"),
    "曾国藩": ("曾国藩", "name"),
    "欧阳娜娜": ("欧阳娜娜", "name"),
    "王芳": ("王芳", "name"),
    "mobile": ("+86 138 0013 8000", "phone"),
    "landline": ("010-6552 9988", "phone"),
    "huawei": ("华为技术有限公司", "company"),
    "tencent": ("深圳市腾讯计算机系统有限公司", "company"),
    "acme": ("Acme Co., Ltd.", "company"),
    "bank": ("招商銀行股份有限公司", "company"),
    "mail": ("zhang.san@example.com", "email"),
    "qq": ("12345678@qq.com", "email"),
}

TERMS = {key: index_terms(text, kind) for key, (text, kind) in DOCUMENTS.items()}

TABLE: list[tuple[str, set[str]]] = [
    ("张", {"张三", "张伟"}),
    ("张三", {"张三"}),
    ("張三", {"张三"}),
    # Pinyin cannot tell homophones apart: 章三 is zhangsan too.
    ("zhangsan", {"张三", "章三", "mail"}),
    ("zhang san", {"张三", "章三", "mail"}),
    ("zs", {"张三", "章三"}),
    ("zhangwei", {"张伟"}),
    ("zhang", {"张三", "张伟", "章三", "mail"}),
    ("zw", {"张伟"}),
    ("章", {"章三"}),
    ("zhangs", set()),
    ("三", {"张三", "章三"}),
    ("zeng", {"曾国藩"}),
    ("zgf", {"曾国藩"}),
    ("ouyang", {"欧阳娜娜"}),
    ("nana", {"欧阳娜娜"}),
    ("wangfang", {"王芳"}),
    ("1380013", {"mobile"}),
    ("138-0013-8000", {"mobile"}),
    ("+86 13800138000", {"mobile"}),
    ("0086 138 0013 8000", {"mobile"}),
    ("8000", {"mobile"}),
    ("6552 9988", {"landline"}),
    ("01065529988", {"landline"}),
    ("1234", {"qq"}),
    ("huawei", {"huawei"}),
    ("华为", {"huawei"}),
    ("華為技術有限公司", {"huawei"}),
    ("hwjs", {"huawei"}),
    ("腾讯", {"tencent"}),
    ("tengxun", {"tencent"}),
    ("有限公司", {"huawei", "tencent", "bank"}),
    ("acme", {"acme"}),
    ("acme inc", {"acme"}),
    ("招商银行", {"bank"}),
    ("yinhang", {"bank"}),
    ("example.com", {"mail"}),
    ("zhang.san@example.com", {"mail"}),
    ("qq.com", {"qq"}),
    ("zs 1380", set()),
    ("张三 example", set()),
]


@pytest.mark.parametrize(("query", "expected"), TABLE)
def test_query_finds_exactly(query: str, expected: set[str]) -> None:
    compiled = query_terms(query)
    assert {key for key, terms in TERMS.items() if compiled.matches(terms)} == expected


def test_typeahead_finds_by_the_start_of_the_last_word() -> None:
    compiled = query_terms("zhangs", typeahead=True)
    assert {key for key, terms in TERMS.items() if compiled.matches(terms)} == {
        "张三",
        "章三",
        "mail",
    }


def test_fields_of_one_customer_are_anded_across() -> None:
    customer = TERMS["张三"] + TERMS["mobile"]
    assert query_terms("zs 1380").matches(customer)
    assert not query_terms("zw 1380").matches(customer)
