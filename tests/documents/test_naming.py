"""Naming rules for customer files: examples of each rule, and properties for any text."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dossier.documents.naming import (
    DEFAULT_RULE,
    BadRule,
    NamingContext,
    check_rule,
    extension,
    preview,
    render,
    sanitise,
    unique,
)

DAY = date(2024, 3, 5)
HUAWEI = NamingContext(
    customer="华为技术有限公司",
    project="ERP升级",
    doctype="合同",
    date=DAY,
    original="报价 v3 final.PDF",
)
RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)
}

# Plain st.text() rarely hits what the sanitiser looks for; these characters do.
NEAR_MISSES = st.text(
    alphabet='./\\ _-:*?"<>|\x00\x1f\u200b\ufe52\uff0e\uff0f'
    + "CONconPRNaux1239LPTcom华为()【】（）~{}%",
    max_size=30,
)
TEXT = st.text() | NEAR_MISSES
ORIGINALS = TEXT | st.builds(
    "{}.{}".format, TEXT, st.sampled_from(["pdf", "PDF", "Docx", "tar.gz", "", "a" * 11, "x~"])
)
CONTEXTS = st.builds(
    NamingContext,
    customer=TEXT,
    project=TEXT,
    doctype=TEXT,
    date=st.none() | st.dates(),
    version=st.integers(min_value=0, max_value=10**17),
    original=ORIGINALS,
    seq=st.integers(min_value=0, max_value=10**17),
)
GOOD_RULES = st.sampled_from(
    [
        DEFAULT_RULE,
        "{customer}_{project}_{date}",
        "{doctype}-{customer}-{seq:03d}",
        "{customer} - {project} - {date:%Y年%m月%d日}",
        "{customer}（{project}）_v{version:02d}",
        "{original}",
        "{{{customer}}}/{project}\\..{date:%c}",
        "..{doctype}..",
        "CON",
    ]
)
FRAGMENTS = st.lists(
    st.sampled_from(
        [
            "{customer}",
            "{project}",
            "{doctype}",
            "{date}",
            "{date:%Y-%m}",
            "{date:%Q}",
            "{date:%}",
            "{version:02d}",
            "{version:x}",
            "{seq:03d}",
            "{seq}",
            "{original}",
            "{original:>5}",
            "{customer.__class__}",
            "{customer!r}",
            "{}",
            "{",
            "}",
            "{{",
            "}}",
            "_",
            "-",
            " ",
            ".",
            "/",
            "合同",
            "CON",
        ]
    ),
    max_size=8,
).map("".join)
RULES = GOOD_RULES | FRAGMENTS | st.text(max_size=40)


def is_safe(name: str) -> bool:
    """What every name we produce must be, checked without the module's own helpers."""
    first = name.split(".")[0].rstrip(" ").upper()
    return (
        bool(name)
        and "/" not in name
        and "\\" not in name
        and not name.startswith(".")
        and not name.endswith((".", " "))
        and not any(unicodedata.category(char).startswith("C") for char in name)
        and not any(char in '<>:"|?*' for char in name)
        and first not in RESERVED
        and len(name) <= 180
        and len(name.encode("utf-8")) < 255
    )


def outcome(call: Callable[[], object]) -> str:
    try:
        call()
    except BadRule as bad:
        return bad.code
    return "ok"


class TestRender:
    def test_seed_convention_customer_project_date(self) -> None:
        # 客户名称_项目名称_日期, as in "ABC公司_营销项目_20231001".
        ctx = NamingContext("ABC公司", "营销项目", date=date(2023, 10, 1))
        assert render(DEFAULT_RULE, ctx) == "ABC公司_营销项目_20231001"

    def test_extension_comes_from_the_original_lower_cased(self) -> None:
        assert render(DEFAULT_RULE, HUAWEI) == "华为技术有限公司_ERP升级_20240305.pdf"

    def test_date_alone_means_year_month_day(self) -> None:
        assert render("{customer}_{date}", HUAWEI) == "华为技术有限公司_20240305.pdf"

    def test_any_strftime_format_with_chinese_text(self) -> None:
        assert render("{date:%Y年%m月%d日}", HUAWEI) == "2024年03月05日.pdf"

    def test_an_empty_project_takes_one_separator_along(self) -> None:
        ctx = NamingContext("华为", date=DAY)
        assert render("{customer}_{project}_{date}", ctx) == "华为_20240305"
        assert render("{customer} - {project} - {date}", ctx) == "华为 - 20240305"
        assert render("{project}_{customer}", ctx) == "华为"

    def test_empty_brackets_around_an_empty_value_go(self) -> None:
        ctx = NamingContext("华为", date=DAY)
        assert render("{customer}（{project}）_{date}", ctx) == "华为_20240305"

    def test_no_date_leaves_no_trace(self) -> None:
        assert render(DEFAULT_RULE, NamingContext("华为", "ERP")) == "华为_ERP"

    def test_doctype_customer_and_padded_seq(self) -> None:
        ctx = NamingContext("华为", doctype="合同", seq=7, original="scan.JPG")
        assert render("{doctype}-{customer}-{seq:03d}", ctx) == "合同-华为-007.jpg"

    def test_version_and_original_stem(self) -> None:
        ctx = NamingContext("华为", version=3, original="报价 v3 final.PDF")
        assert render("{original}_v{version:02d}", ctx) == "报价 v3 final_v03.pdf"

    def test_original_from_a_whole_client_path(self) -> None:
        ctx = NamingContext("华为", original="C:\\Users\\li\\报价.xlsx")
        assert render("{original}", ctx) == "报价.xlsx"

    def test_doubled_braces_are_literal_and_then_sanitised(self) -> None:
        # Braces are not among the characters a file name keeps.
        assert render("{{{customer}}}", NamingContext("华为")) == "华为"
        assert render("a{{b}}c", NamingContext("华为")) == "a_b_c"

    def test_slashes_in_values_are_no_folders(self) -> None:
        ctx = NamingContext("../A/B公司", "x\\y", date=DAY)
        assert render(DEFAULT_RULE, ctx) == "A_B公司_x_y_20240305"

    def test_a_long_chinese_customer_is_trimmed_under_255_bytes_keeping_the_extension(
        self,
    ) -> None:
        ctx = NamingContext("华" * 200, "项目", date=DAY, original="合同.docx")
        name = render(DEFAULT_RULE, ctx)
        assert name.endswith(".docx")
        assert name.startswith("华" * 80)
        assert len(name.encode("utf-8")) < 255
        assert len(name) <= 180

    def test_no_extension_when_the_original_has_none(self) -> None:
        assert render("{customer}", NamingContext("华为", original="README")) == "华为"
        assert render("{customer}", NamingContext("华为", original=".env")) == "华为"

    def test_nothing_left_is_untitled(self) -> None:
        assert render("{project}", NamingContext("华为", original="x.pdf")) == "未命名.pdf"


class TestCheckRule:
    def test_good_rules_pass(self) -> None:
        for rule in (DEFAULT_RULE, "{doctype}-{customer}-{seq:03d}", "{date:}", "{{x}}"):
            check_rule(rule)

    def test_attribute_access_is_refused(self) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule("{customer.__class__}")
        assert bad.value.code == "unknown_placeholder"
        assert bad.value.params["placeholder"] == "customer.__class__"
        assert "customer.__class__" in bad.value.message

    @pytest.mark.parametrize("rule", ["{customer[0]}", "{customer!r}", "{0}", "{}", "{name}"])
    def test_anything_but_the_placeholders_is_unknown(self, rule: str) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule(rule)
        assert bad.value.code == "unknown_placeholder"

    @pytest.mark.parametrize("rule", ["{customer", "customer}", "{cus{tomer}", "{{customer}", "}{"])
    def test_unbalanced_braces_are_refused(self, rule: str) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule(rule)
        assert bad.value.code == "unbalanced"
        assert bad.value.params["position"] >= 1  # type: ignore[operator]

    @pytest.mark.parametrize(
        "rule", ["{date:%Q}", "{date:%}", "{date:%-d}", "{seq:x}", "{version:>5}", "{customer:10}"]
    )
    def test_bad_formats_are_refused(self, rule: str) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule(rule)
        assert bad.value.code == "bad_format"

    @pytest.mark.parametrize("rule", ["", "   ", "_-_", "{{}}"])
    def test_a_rule_that_can_only_give_nothing_is_empty(self, rule: str) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule(rule)
        assert bad.value.code == "empty"

    def test_a_very_long_rule_is_refused(self) -> None:
        with pytest.raises(BadRule) as bad:
            check_rule("{customer}" * 30)
        assert bad.value.code == "too_long"

    def test_bad_rule_is_a_value_error(self) -> None:
        assert issubclass(BadRule, ValueError)


class TestSanitise:
    @pytest.mark.parametrize(
        ("raw", "clean"),
        [
            ("CON.txt", "CON_.txt"),
            ("con", "con_"),
            ("Lpt9.tar.gz", "Lpt9_.tar.gz"),
            ("COM10.txt", "COM10.txt"),
            ("..\\..\\etc/passwd", "etc_passwd"),
            (".hidden", "hidden"),
            ("报价. .", "报价"),
            ('a<b>c:d"e|f?g*h.pdf', "a_b_c_d_e_f_g_h.pdf"),
            ("a\x00b\tc\u200bd.pdf", "ab cd.pdf"),
            ("ＡＢＣ（１）.ＰＤＦ", "ABC(1).PDF"),
            ("a   b___c--d..e", "a b_c-d.e"),
            ("【合同】 华为 _ 2024", "【合同】 华为_2024"),
            ("", "未命名"),
            ("///", "未命名"),
            ("..pdf", "pdf"),
            ("_.pdf", "pdf"),
            ("x_.pdf", "x.pdf"),
        ],
    )
    def test_examples(self, raw: str, clean: str) -> None:
        assert sanitise(raw) == clean

    def test_length_counts_characters_and_keeps_the_extension(self) -> None:
        assert sanitise("a" * 100 + ".pdf", max_length=40) == "a" * 36 + ".pdf"

    def test_too_small_a_limit_is_a_programming_error(self) -> None:
        with pytest.raises(ValueError, match="max_length"):
            sanitise("a", max_length=5)


class TestUnique:
    def test_a_free_name_is_kept(self) -> None:
        assert unique("a.pdf", ["b.pdf"]) == "a.pdf"

    def test_a_taken_name_is_numbered_before_the_extension(self) -> None:
        assert unique("a.pdf", ["a.pdf"]) == "a (2).pdf"
        assert unique("a.pdf", ["a.pdf", "a (2).pdf"]) == "a (3).pdf"

    def test_comparison_ignores_case(self) -> None:
        assert unique("Report.PDF", ["report.pdf"]) == "Report (2).PDF"

    def test_an_already_numbered_name_counts_on(self) -> None:
        assert unique("a (2).pdf", ["a (2).pdf"]) == "a (3).pdf"

    def test_the_number_never_pushes_past_the_limit(self) -> None:
        name = sanitise("华" * 200 + ".pdf")
        numbered = unique(name, [name])
        assert numbered.endswith(" (2).pdf")
        assert len(numbered.encode("utf-8")) < 255


class TestPreview:
    def test_collisions_are_resolved_in_order(self) -> None:
        first = NamingContext("华为", date=DAY, original="a.pdf")
        second = NamingContext("华为", date=DAY, original="b.PDF")
        third = NamingContext("华为", date=DAY, original="c.docx")
        assert preview("{customer}_{date}", [first, second, third], ["华为_20240305.PDF"]) == [
            ("a.pdf", "华为_20240305 (2).pdf"),
            ("b.PDF", "华为_20240305 (3).pdf"),
            ("c.docx", "华为_20240305.docx"),
        ]

    def test_a_bad_rule_fails_before_anything(self) -> None:
        with pytest.raises(BadRule):
            preview("{nope}", [HUAWEI])


class TestProperties:
    @given(rule=GOOD_RULES, ctx=CONTEXTS)
    def test_render_is_always_a_safe_name(self, rule: str, ctx: NamingContext) -> None:
        assert is_safe(render(rule, ctx))

    @given(rule=GOOD_RULES, ctx=CONTEXTS)
    def test_render_keeps_the_original_extension(self, rule: str, ctx: NamingContext) -> None:
        ext = extension(ctx.original)
        if ext:
            assert render(rule, ctx).endswith("." + ext)

    @given(rule=GOOD_RULES, ctx=CONTEXTS)
    def test_render_is_stable_under_sanitise(self, rule: str, ctx: NamingContext) -> None:
        name = render(rule, ctx)
        assert sanitise(name) == name

    @given(name=TEXT, max_length=st.sampled_from([32, 50, 180, 400]))
    def test_sanitise_is_idempotent_and_safe(self, name: str, max_length: int) -> None:
        once = sanitise(name, max_length=max_length)
        assert sanitise(once, max_length=max_length) == once
        assert is_safe(once) and len(once) <= max_length

    @given(name=TEXT, ext=st.from_regex(r"[a-z0-9]{1,10}", fullmatch=True))
    def test_sanitise_keeps_an_extension(self, name: str, ext: str) -> None:
        # Drawn directly rather than filtered out of arbitrary names: most have no extension.
        assert extension(sanitise(f"{name}x.{ext}")) == ext

    @given(name=TEXT, taken=st.lists(TEXT, max_size=5), max_length=st.sampled_from([32, 180]))
    def test_unique_is_free_and_keeps_the_extension(
        self, name: str, taken: list[str], max_length: int
    ) -> None:
        clean = sanitise(name, max_length=max_length)
        # Crowd the folder: the name itself and its first numbered forms are taken.
        crowded = [*taken, clean, unique(clean, [clean], max_length=max_length).upper()]
        result = unique(name, crowded, max_length=max_length)
        assert result.casefold() not in {other.casefold() for other in crowded}
        assert extension(result) == extension(clean)
        assert sanitise(result, max_length=max_length) == result
        assert len(result) <= max_length and is_safe(result)

    @given(rule=RULES, ctx=CONTEXTS)
    def test_render_fails_exactly_when_check_rule_does(self, rule: str, ctx: NamingContext) -> None:
        assert outcome(lambda: check_rule(rule)) == outcome(lambda: render(rule, ctx))

    @given(rule=RULES, ctx=CONTEXTS)
    def test_every_rule_check_accepts_renders_safely(self, rule: str, ctx: NamingContext) -> None:
        try:
            check_rule(rule)
        except BadRule as bad:
            assert bad.code and bad.message
            return
        assert is_safe(render(rule, ctx))

    @given(contexts=st.lists(CONTEXTS, max_size=6), taken=st.lists(TEXT, max_size=4))
    def test_preview_names_are_distinct_and_free(
        self, contexts: list[NamingContext], taken: list[str]
    ) -> None:
        names = [new for _original, new in preview("{customer}", contexts, taken)]
        folded = [name.casefold() for name in names]
        assert len(set(folded)) == len(folded)
        assert not set(folded) & {other.casefold() for other in taken}
