"""index_terms and query_terms, one example per rule of the tokeniser."""

from __future__ import annotations

import pytest

from dossier.core.text import Query, Term, index_terms, query_terms
from dossier.core.text.company import strip_han_suffixes
from tests.core.text.helpers import finds


class TestChinese:
    def test_traditional_finds_simplified(self) -> None:
        assert finds("張三", "张三", "name")
        assert finds("张三", "張三", "name")

    def test_every_two_characters_are_a_term(self) -> None:
        terms = index_terms("客户关系管理", "text")
        assert {"客户", "户关", "关系", "系管", "管理"} <= set(terms)

    def test_jieba_words_longer_than_a_bigram_are_terms(self) -> None:
        assert "计算机" in index_terms("计算机系统", "text")

    def test_text_has_no_single_characters_inside_longer_runs(self) -> None:
        assert "张" not in index_terms("张三来电", "text")
        assert "年" in index_terms("2024年", "text")

    def test_names_index_single_characters(self) -> None:
        assert {"张", "三"} <= set(index_terms("张三", "name"))

    def test_surname_alone_finds_the_name(self) -> None:
        assert finds("张", "张伟", "name")
        assert not finds("张", "章三", "name")

    def test_query_asks_for_every_bigram(self) -> None:
        query = query_terms("关系管理")
        assert [group[0].text for group in query.groups] == ["关系", "系管", "管理"]

    def test_jieba_words_sit_beside_their_first_bigram(self) -> None:
        query = query_terms("计算机")
        assert query.groups[0] == (Term("计算"), Term("计算机"))


class TestPinyin:
    @pytest.mark.parametrize("query", ["zhangsan", "zhang san", "zs", "张三", "zhang", "san"])
    def test_name_found_by_its_pinyin(self, query: str) -> None:
        assert finds(query, "张三", "name")

    def test_name_pinyin_terms(self) -> None:
        assert index_terms("张三", "name") == ["张", "三", "张三", "zhangsan", "zhang", "san", "zs"]

    @pytest.mark.parametrize(
        ("name", "query", "wrong"),
        [
            ("曾小明", "zengxiaoming", "cengxiaoming"),
            ("单雄信", "shan", "dan"),
            ("解缙", "xiejin", "jiejin"),
        ],
    )
    def test_surnames_read_as_surnames(self, name: str, query: str, wrong: str) -> None:
        assert finds(query, name, "name")
        assert not finds(wrong, name, "name")

    def test_compound_surname_joined(self) -> None:
        assert finds("ouyang", "欧阳修", "name")
        assert finds("oyx", "欧阳修", "name")

    def test_latin_name_found_joined(self) -> None:
        assert finds("zhangsan", "Zhang San", "name")

    def test_company_words_spelt_out(self) -> None:
        assert finds("huawei", "华为技术有限公司", "company")
        assert finds("hwjs", "华为技术有限公司", "company")

    def test_company_words_use_phrase_readings(self) -> None:
        assert "yinhang" in index_terms("招商银行", "company")

    def test_text_has_no_pinyin(self) -> None:
        assert not finds("zhangsan", "张三", "text")


class TestNumbers:
    def test_phone_indexed_by_suffixes(self) -> None:
        terms = set(index_terms("13800138000", "phone"))
        assert {"13800138000", "3800138000", "8000", "8613800138000"} <= terms
        assert "1380" not in terms

    def test_four_digit_query_is_a_prefix(self) -> None:
        assert query_terms("1380") == Query(((Term("1380", prefix=True),),))

    def test_short_number_is_exact(self) -> None:
        assert query_terms("12") == Query(((Term("12"),),))

    @pytest.mark.parametrize(
        "query", ["1380013", "0013 8000", "+86 138 0013 8000", "0086-138-0013-8000", "(138)0013"]
    )
    def test_any_run_finds_the_phone(self, query: str) -> None:
        assert finds(query, "+86 138 0013 8000", "phone")

    def test_digits_not_in_order_do_not_find_it(self) -> None:
        assert not finds("8000 0013", "+86 138 0013 8000", "phone")

    def test_landline_with_and_without_trunk_zero(self) -> None:
        assert finds("010 1234 5678", "+86 10 1234 5678", "phone")
        assert finds("+86 10 12345678", "010-12345678", "phone")

    def test_extension_is_its_own_number(self) -> None:
        assert finds("801", "010-1234 5678 转 801", "phone")

    def test_full_width_digits(self) -> None:
        assert finds("１３８００１３", "13800138000", "phone")

    def test_very_long_numbers_are_one_term(self) -> None:
        assert index_terms("1" * 100, "text") == ["1" * 64]


class TestCompanies:
    @pytest.mark.parametrize(
        ("query", "name"),
        [
            ("华为", "华为技术有限公司"),
            ("华为有限公司", "华为"),
            ("華為股份有限公司", "华为"),
            ("华为技术有限公司", "华为技术"),
            ("acme", "Acme Co., Ltd."),
            ("Acme Inc.", "Acme Co., Ltd."),
            ("ACME LLC", "acme"),
        ],
    )
    def test_legal_forms_do_not_matter(self, query: str, name: str) -> None:
        assert finds(query, name, "company")

    @pytest.mark.parametrize(
        ("run", "core"),
        [
            ("华为技术股份有限公司", "华为技术"),
            ("万达集团股份有限公司", "万达"),
            ("华为公司", "华为"),
            ("港公司", "港公司"),
            ("集团有限公司", "集团有限公司"),
        ],
    )
    def test_strips_trailing_legal_forms(self, run: str, core: str) -> None:
        assert strip_han_suffixes(run) == core

    def test_legal_form_alone_is_still_asked_for(self) -> None:
        assert [g[0].text for g in query_terms("有限公司").groups] == ["有限", "限公", "公司"]
        assert query_terms("ltd") == Query(((Term("ltd"),),))


class TestEmails:
    @pytest.mark.parametrize(
        "query",
        ["zhang.san@example.com", "Zhang.San@Example.COM", "zhang.san", "zhangsan", "example.com"],
    )
    def test_found_by_address_local_part_and_domain(self, query: str) -> None:
        assert finds(query, "zhang.san@example.com", "email")

    def test_other_address_not_found(self) -> None:
        assert not finds("li.si@example.com", "zhang.san@example.com", "email")


class TestCaching:
    def test_callers_get_their_own_list(self) -> None:
        index_terms("张三", "name").clear()
        assert index_terms("张三", "name")


class TestQueries:
    def test_words_are_anded(self) -> None:
        query = query_terms("zs 1380")
        assert query == Query(((Term("zs"),), (Term("1380", prefix=True),)))

    def test_typeahead_makes_the_last_word_a_prefix(self) -> None:
        assert finds("zhangs", "张三", "name", typeahead=True)
        assert not finds("zhangs", "张三", "name")

    def test_typeahead_leaves_chinese_exact(self) -> None:
        assert query_terms("张", typeahead=True) == Query(((Term("张"),),))

    def test_punctuation_only_is_an_empty_query(self) -> None:
        assert not query_terms("?!—  ")

    def test_repeated_groups_once(self) -> None:
        assert query_terms("哈哈哈 abc abc").groups == (
            (Term("哈哈"), Term("哈哈哈")),
            (Term("abc"),),
        )
