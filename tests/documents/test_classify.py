"""File classification: rules, the learnt classifier, and its accuracy on a labelled set."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.documents.classify import (
    BadRule,
    Classifier,
    Rule,
    Suggestion,
    apply_rules,
    check_rule,
    features,
    suggest,
)

Example = tuple[str, str, str]  # filename, text, label

# ----------------------------------------------------------------------------- labelled set

# Per type and language, file names and content lines; {c} company, {n} person, {d} date,
# {m} e-mail, {y} year, {k} digit, {x} number, {p} product, {e} an English name. A key may
# repeat: its items add up.
SPEC = """
contract names: {c}采购合同{y}.docx | 合同_{c}_{d}.pdf | {c}技术服务协议.pdf
contract names: HT-{y}-{x}{c}.pdf | 销售合同（{p}）.docx
contract lines: 甲方：{c} | 乙方：{c} | 经双方友好协商，签订本合同。
contract lines: 第八条 违约责任 | 合同总金额：人民币{x}元整 | 保密条款
contract lines: 任何一方违约，应向守约方支付违约金。 | 签订日期：{d}
contract lines: 本合同一式两份，甲乙双方各执一份。 | 甲方代表（签字）：{n}
contract lines: 本合同自双方签字盖章之日起生效。 | 争议解决：提交人民法院诉讼解决。
contract en_names: Sales Agreement - {e}.pdf | Service Contract {y}.docx
contract en_lines: This Agreement is made between Party A and Party B. | Term and termination
contract en_lines: Governing law: the laws of the PRC. | Liability for breach of contract
contract en_lines: IN WITNESS WHEREOF the parties have signed this Agreement. | Confidentiality
invoice names: 发票_{x}.pdf | 增值税专用发票-{c}.pdf | {c}电子发票{d}.pdf | fp{x}.pdf
invoice names: {d}开票信息.pdf
invoice lines: 发票代码：{x} | 发票号码：{x} | 开票日期：{d} | 购买方名称：{c}
invoice lines: 纳税人识别号：91{x}MA | 税率：13% | 税额：{x}.00 | 开票人：{n}
invoice lines: 价税合计（大写）：{x}元 | 价税合计（小写）：¥{x}.00 | 销售方：{c}
invoice lines: 增值税电子普通发票
invoice en_names: Invoice INV-{x}.pdf | invoice_{d}.pdf
invoice en_lines: Invoice Number: INV-{x} | Invoice Date: {d} | Bill To: {e}
invoice en_lines: Subtotal {x}.00 | VAT 13% | Total Due: USD {x}.00 | Payment due within 30 days
quote names: 报价单_{c}_{d}.xlsx | {p}报价-v{k}.xlsx | 关于{p}的报价.pdf
quote names: {c}询价回复.xlsx | 报价{d}.pdf
quote lines: 报价单 | 客户名称：{c} | 序号 产品名称 规格型号 数量 单价 金额
quote lines: {p} {k}台 单价{x}元 | 合计：{x}元（含税） | 报价有效期：30天
quote lines: 付款方式：预付30%，发货前付清 | 交货期：合同签订后{k}周
quote lines: 以上报价含运费 | 报价人：{n}
quote en_names: Quotation Q{x}.xlsx | Price quote {e}.pdf
quote en_lines: Quotation | Item Qty Unit Price Amount | {p} x{k} unit price {x}
quote en_lines: This quotation is valid for 30 days. | Prices exclude shipping. | Lead time: 4 weeks
minutes names: 会议纪要{d}.docx | {p}项目周会纪要.docx | {d}会议记录.docx
minutes names: {c}沟通会纪要.docx
minutes lines: 会议时间：{d} 14:00 | 会议地点：第{k}会议室 | 参会人员：{n}、{n}、{n}
minutes lines: 会议议题：{p}项目进度 | 讨论内容： | 会议决议： | 一、同意按计划推进
minutes lines: 下一步行动：{n}负责跟进 | 记录人：{n} | 会议主持：{n}
minutes en_names: Meeting minutes {d}.docx | Weekly sync notes {y}.docx
minutes en_lines: Attendees: {e}, {e} | Agenda | Action items | Decisions | Next meeting: {d}
minutes en_lines: Minutes taken by {e}
feedback names: 客户反馈_{n}.txt | {c}投诉记录.docx | 满意度调查{d}.xlsx
feedback names: {n}意见反馈.docx | 售后回访{d}.docx
feedback lines: 客户反馈 | 对贵公司的服务不太满意 | 投诉内容：{p}多次出现故障
feedback lines: 建议：希望加快响应速度 | 总体满意度：{k}分 | 客户表示非常满意
feedback lines: 希望尽快处理 | 回访人：{n} | 问题已转售后部门处理 | 客户意见
feedback en_names: Customer feedback {e}.txt | Complaint {x}.docx
feedback en_lines: Customer complaint | We are not satisfied with the delivery time.
feedback en_lines: Suggestion: | Overall satisfaction: {k}/5
feedback en_lines: Please resolve this issue as soon as possible.
email names: RE：{p}的问题.eml | Fwd：{c}来函.eml | 邮件-{p}.msg | 回复：关于{p}.eml
email lines: 发件人：{n} <{m}> | 收件人：{n} <{m}> | 抄送：{m} | 主题：关于{p}
email lines: 发送时间：{d} 10:{k} | {n}您好： | 附件请查收。 | 此致 敬礼 | 顺祝商祺！
email en_names: RE: {p} order.eml | Fwd: meeting {d}.msg
email en_lines: From: {e} <{m}> | To: {m} | Cc: {m} | Subject: {p} | Dear {e},
email en_lines: Best regards, | Sent: {d}
material names: {p}产品介绍.pdf | {p}用户手册v{k}.pdf | 行业白皮书{y}.pdf
material names: {c}公司简介.pptx | {p}技术参数.pdf
material lines: 产品介绍 | 功能特点 | 技术参数 | 应用场景 | 本手册适用于{p}
material lines: 目录 第一章 概述 | 白皮书 | 安装说明 | 产品优势：高效、稳定、安全
material lines: 型号：{p}-{k}
material en_names: {p} brochure.pdf | User manual {p}.pdf
material en_lines: Product overview | Key features | Specifications | White paper
material en_lines: Installation guide | Chapter 1 Introduction
other names: 关于放假安排的通知.docx | 员工通讯录.xlsx | 培训签到表{d}.xlsx
other names: 照片{k}.jpg | 新建文本文档.txt
other lines: 通知 | 各部门： | 放假时间：{d} | 姓名 部门 电话 | {n} 行政部 {x}
other lines: 请各部门做好安排 | 培训主题： | 签到 | 行政部
other en_names: notes.txt | photo_{k}.jpg
other en_lines: Holiday schedule | Team list | Training sign-in | Lunch menu
"""


def _kinds() -> dict[str, dict[str, list[str]]]:
    kinds: dict[str, dict[str, list[str]]] = {}
    for line in SPEC.strip().splitlines():
        head, _, items = line.partition(": ")
        label, key = head.split()
        kinds.setdefault(label, {}).setdefault(key, []).extend(items.split(" | "))
    return kinds


KINDS = _kinds()
BLIND_NAMES = ["scan_{x}.pdf", "IMG_{x}.jpg", "新建 Microsoft Word 文档.docx", "文档{k}.docx"]
PRODUCTS = ["智能门锁", "工业路由器", "ERP系统", "服务器", "办公软件", "空气净化器", "数据平台"]


class Maker:
    """Deterministic files of every kind: clean, English, blind-named, noisy and ambiguous."""

    def __init__(self, seed: int) -> None:
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.rng = self.fake.random

    def fill(self, template: str) -> str:
        f, rng = self.fake, self.rng
        values: dict[str, Callable[[], str]] = {
            "c": f.company,
            "n": f.name,
            "d": lambda: f.date(),
            "m": f.email,
            "y": lambda: str(rng.randint(2019, 2025)),
            "k": lambda: str(rng.randint(1, 9)),
            "x": lambda: str(rng.randint(10, 99999999)),
            "p": lambda: rng.choice(PRODUCTS),
            "e": lambda: f.last_romanized_name() + " " + rng.choice(["Ltd", "Inc", "Corp"]),
        }
        for key, make in values.items():
            while "{" + key + "}" in template:
                template = template.replace("{" + key + "}", make(), 1)
        return template

    def body(self, lines: list[str], keep: int, filler: int) -> str:
        chosen = self.rng.sample(lines, min(keep, len(lines)))
        chosen += [self.fake.sentence() for _ in range(filler)]
        self.rng.shuffle(chosen)
        return "\n".join(self.fill(line) for line in chosen)

    def clean(self, label: str, english: bool = False) -> Example:
        kind, prefix = KINDS[label], "en_" if english else ""
        name = self.fill(self.rng.choice(kind[prefix + "names"]))
        return name, self.body(kind[prefix + "lines"], self.rng.randint(4, 8), 3), label

    def noisy(self, label: str) -> Example:
        """A blind file name, few type words among many others, OCR-like dropped characters."""
        text = self.body(KINDS[label]["lines"], self.rng.randint(1, 3), self.rng.randint(4, 10))
        text = "".join(ch for ch in text if self.rng.random() > 0.08)
        return self.fill(self.rng.choice(BLIND_NAMES)), text, label

    def ambiguous(self, label: str) -> Example:
        """A file of one kind quoting another: an e-mail carrying a quote, minutes on a contract."""
        other = self.rng.choice([k for k in KINDS if k != label])
        name, text, _ = self.clean(label)
        return name, text + "\n" + self.body(KINDS[other]["lines"], 2, 0), label


def labelled_set(seed: int) -> dict[str, list[Example]]:
    maker = Maker(seed)
    subsets: dict[str, list[Example]] = {"clean": [], "english": [], "noisy": [], "ambiguous": []}
    for _ in range(40):
        for label in KINDS:
            subsets["clean"].append(maker.clean(label))
    for _ in range(10):
        for label in KINDS:
            subsets["english"].append(maker.clean(label, english=True))
            subsets["ambiguous"].append(maker.ambiguous(label))
    for _ in range(20):
        for label in KINDS:
            subsets["noisy"].append(maker.noisy(label))
    return subsets


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    """Three in five to learn from, two to measure on; the set cycles through the labels."""
    return [e for i, e in enumerate(examples) if i % 5 < 3], examples[3::5] + examples[4::5]


@pytest.fixture(scope="module")
def labelled() -> tuple[list[Example], dict[str, list[Example]]]:
    train: list[Example] = []
    test: dict[str, list[Example]] = {}
    for subset, examples in labelled_set(seed=1).items():
        learn, test[subset] = split(examples)
        train.extend(learn)
    return train, test


@pytest.fixture(scope="module")
def trained(labelled: tuple[list[Example], dict[str, list[Example]]]) -> Classifier:
    classifier = Classifier()
    for filename, text, label in labelled[0]:
        classifier.learn(filename=filename, text=text, label=label)
    classifier.calibrate(labelled[0])
    return classifier


def measure(classifier: Classifier, examples: list[Example]) -> tuple[float, float]:
    """Accuracy of the suggestions made, and the share of files given no suggestion."""
    made = right = 0
    for filename, text, label in examples:
        predicted = classifier.predict(filename=filename, text=text)
        made += predicted is not None
        right += predicted is not None and predicted[0] == label
    return right / max(made, 1), 1 - made / len(examples)


# ------------------------------------------------------------------------------------ rules

CONTRACT = Rule("合同", doctype="contract", name="合同关键词")


class TestRules:
    def test_keyword_in_the_file_name_names_the_rule(self) -> None:
        found = apply_rules([CONTRACT], filename="采购合同2024.docx", text="")
        assert found == Suggestion(
            "contract", None, (), 1.0, "rule “合同关键词”: file name contains “合同”", "rule"
        )

    def test_keyword_in_the_content(self) -> None:
        found = apply_rules([CONTRACT], filename="scan_0001.pdf", text="本合同一式两份")
        assert found is not None
        assert found.reason == "rule “合同关键词”: content contains “合同”"

    def test_where_limits_the_place(self) -> None:
        rule = Rule("合同", where="filename", folder="合同")
        assert apply_rules([rule], filename="scan.pdf", text="本合同") is None
        content_only = Rule("合同", where="content", tags=("待审",))
        assert apply_rules([content_only], filename="合同.pdf", text="") is None

    def test_regex_ignores_case_and_width(self) -> None:
        rule = Rule(r"INV-\d{4}", regex=True, doctype="invoice")
        found = apply_rules([rule], filename="ｉｎｖ－２０２４.pdf", text="")
        assert found is not None
        assert found.reason == r"rule “INV-\d{4}”: file name matches /INV-\d{4}/"

    @pytest.mark.parametrize(
        ("pattern", "filename"), [("ＨＴ", "ht-001.pdf"), ("ht", "ＨＴ-001.pdf")]
    )
    def test_keyword_folds_case_and_width(self, pattern: str, filename: str) -> None:
        assert apply_rules([Rule(pattern, doctype="contract")], filename=filename, text="")

    def test_traditional_chinese_matches_simplified(self) -> None:
        assert apply_rules([CONTRACT], filename="買賣合約.pdf", text="本合同") is not None
        assert apply_rules([Rule("違約", doctype="contract")], filename="", text="违约责任")

    def test_first_matching_rule_wins(self) -> None:
        rules = [Rule("报价", doctype="quote"), CONTRACT]
        found = apply_rules(rules, filename="合同报价.pdf", text="")
        assert found is not None
        assert found.doctype == "quote"
        assert apply_rules(rules[::-1], filename="合同报价.pdf", text="") == apply_rules(
            [CONTRACT], filename="合同报价.pdf", text=""
        )

    def test_content_is_scanned_only_so_far(self) -> None:
        text = "x" * 100_000 + "合同"
        assert apply_rules([CONTRACT], filename="a.pdf", text=text) is None

    def test_a_bad_rule_is_skipped(self) -> None:
        rules = [Rule("(", regex=True, doctype="quote"), CONTRACT]
        found = apply_rules(rules, filename="合同(.pdf", text="")
        assert found is not None
        assert found.doctype == "contract"

    @pytest.mark.parametrize(
        ("rule", "says"),
        [
            (Rule("(合同", regex=True, doctype="contract"), "invalid: missing ), unterminated"),
            (Rule("(a+)+b", regex=True, doctype="contract"), "(a+)+"),
            (Rule(r"^(\w+\s?)+$", regex=True, doctype="contract"), "very long"),
            (Rule(r"(a)\1", regex=True, doctype="contract"), "refers back"),
            (Rule("a*", regex=True, doctype="contract"), "matches every file"),
            (Rule("x" * 201, doctype="contract"), "longer than 200"),
            (Rule("  ", doctype="contract"), "empty"),
            (Rule("合同"), "sets no document type, folder or tag"),
            (Rule("合同", doctype="receipt"), "Unknown document type “receipt”"),
            (Rule("合同", tags=("",)), "A tag is empty"),
        ],
    )
    def test_bad_rules_are_refused_with_a_reason(self, rule: Rule, says: str) -> None:
        with pytest.raises(BadRule) as raised:
            check_rule(rule)
        assert says in raised.value.message
        assert isinstance(raised.value, ValueError)

    @pytest.mark.parametrize(
        "pattern",
        [r"\d{1,3}(\.\d{1,3}){3}", r"^(发票|invoice)[-_ ]?\d+", r"(报价|quote)s?", "a+b+"],
    )
    def test_ordinary_regexes_are_accepted(self, pattern: str) -> None:
        check_rule(Rule(pattern, regex=True, doctype="invoice"))


# ------------------------------------------------------------------------------- classifier


class TestFeatures:
    def test_come_from_the_search_tokeniser(self) -> None:
        found = features("采购合同.pdf", "甲方：华为技术有限公司 Invoice 2024")
        assert {"f:合同", "f:采购", "f:pdf", "甲方", "华为", "invoice", "2024"} <= set(found)

    def test_long_numbers_become_their_length(self) -> None:
        assert {"#8", "#5", "f:#8"} <= set(features("fp12345678.pdf", "发票号码 12345678"))

    def test_only_the_opening_of_the_text_counts(self) -> None:
        assert "合同" not in features("a.pdf", "。" * 20_000 + "合同")


class TestClassifier:
    def test_untrained_suggests_nothing(self) -> None:
        assert Classifier().predict(filename="采购合同.pdf", text="甲方 乙方") is None
        assert suggest([], Classifier(), filename="采购合同.pdf", text="甲方") is None

    def test_one_label_is_not_enough_to_tell_anything(self) -> None:
        classifier = Classifier(threshold=0.0)
        classifier.learn(filename="采购合同.pdf", text="甲方 乙方", label="contract")
        assert classifier.predict(filename="采购合同.pdf", text="甲方 乙方") is None

    def test_a_file_with_no_known_word_gets_nothing(self, trained: Classifier) -> None:
        assert trained.predict(filename="", text="") is None
        assert trained.predict(filename="qwzx.bin", text="ʘʘʘ") is None

    def test_suggestion_shows_confidence_and_words(self, trained: Classifier) -> None:
        text = "甲方：某某公司\n乙方：某某公司\n违约责任\n签订日期：2024-01-02"
        found = suggest([], trained, filename="采购合同2024.docx", text=text)
        assert found is not None
        assert (found.doctype, found.source) == ("contract", "learned")
        assert found.reason.startswith(f"learned from {trained.documents} confirmed files: 合同 (")
        assert "“合同”" in found.reason
        assert trained.threshold <= found.confidence <= 1

    def test_rules_come_first(self, trained: Classifier) -> None:
        rule = Rule("采购", doctype="quote", name="采购")
        found = suggest([rule], trained, filename="采购合同.docx", text="甲方 乙方")
        assert found is not None
        assert (found.doctype, found.confidence, found.source) == ("quote", 1.0, "rule")

    def test_a_folder_rule_leaves_the_type_to_the_classifier(self, trained: Classifier) -> None:
        rule = Rule("华为", folder="华为", tags=("重点",), name="华为")
        found = suggest([rule], trained, filename="华为采购合同.docx", text="甲方 乙方 违约责任")
        assert found is not None
        assert (found.doctype, found.folder, found.tags) == ("contract", "华为", ("重点",))
        assert found.reason.startswith("rule “华为”: file name contains “华为”; learned from ")

    def test_corrections_teach_it(self, trained: Classifier) -> None:
        """This office files price confirmations, quote-like letters, as contracts."""
        classifier = Classifier.from_json(trained.to_json())
        maker = Maker(seed=5)
        own = [
            "价格确认函",
            "致：{c}",
            "经双方确认，以下价格自{d}起执行",
            "盖章确认",
            "确认方：{c}",
        ]
        files = [
            (maker.fill("价格确认函_{c}.pdf"), maker.body(KINDS["quote"]["lines"], 2, 1))
            for _ in range(15)
        ]
        files = [(name, text + "\n" + maker.body(own, 3, 0)) for name, text in files]
        before = [classifier.predict(filename=name, text=text) for name, text in files[5:]]
        assert not any(p and p[0] == "contract" for p in before)
        assert any(p and p[0] == "quote" for p in before)
        for name, text in files[:5]:
            classifier.learn(filename=name, text=text, label="contract")
        after = [classifier.predict(filename=name, text=text) for name, text in files[5:]]
        assert all(p and p[0] == "contract" for p in after)

    def test_unlearn_takes_back_a_wrong_teaching(self, trained: Classifier) -> None:
        classifier = Classifier.from_json(trained.to_json())
        classifier.learn(filename="采购合同.pdf", text="甲方 乙方 新词", label="invoice")
        classifier.unlearn(filename="采购合同.pdf", text="甲方 乙方 新词", label="invoice")
        assert classifier.to_json() == trained.to_json()

    def test_unlearn_of_an_unknown_label_is_refused(self) -> None:
        with pytest.raises(ValueError, match="No file was learnt"):
            Classifier().unlearn(filename="a.pdf", text="", label="contract")

    def test_an_unreachable_precision_means_no_suggestions(self) -> None:
        classifier = Classifier()
        examples = [("a.pdf", "同样的内容", label) for label in ["contract", "quote"] * 10]
        for filename, text, label in examples:
            classifier.learn(filename=filename, text=text, label=label)
        assert classifier.calibrate(examples) > 1
        assert classifier.predict(filename="a.pdf", text="同样的内容") is None

    def test_accuracy_and_no_suggestion_rate(
        self, trained: Classifier, labelled: tuple[list[Example], dict[str, list[Example]]]
    ) -> None:
        everything = [example for examples in labelled[1].values() for example in examples]
        accuracy, silent = measure(trained, everything)
        print(f"\nthreshold {trained.threshold:.3f}, temperature {trained.temperature:.2f}")
        print(f"all {len(everything)} files: accuracy {accuracy:.3f}, no suggestion {silent:.3f}")
        for subset, examples in labelled[1].items():
            sub_accuracy, sub_silent = measure(trained, examples)
            print(f"{subset} ({len(examples)}): accuracy {sub_accuracy:.3f}, none {sub_silent:.3f}")
        assert accuracy >= 0.9
        assert silent <= 0.35
        noisy_silent = measure(trained, labelled[1]["noisy"])[1]
        assert 0 < noisy_silent <= 0.35  # the threshold really withholds guesses
        clean_accuracy, clean_silent = measure(trained, labelled[1]["clean"])
        assert clean_accuracy >= 0.95
        assert clean_silent <= 0.05


labels = st.sampled_from(["contract", "quote", "invoice", "email"])
texts = st.text(alphabet="合同甲方乙方发票税额报价单价会议纪要 abcxyz0123456789", max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(texts, texts, labels), min_size=1, max_size=8), texts, texts)
def test_json_round_trip_predicts_the_same(
    examples: list[Example], filename: str, text: str
) -> None:
    classifier = Classifier(threshold=0.0, temperature=1.7)
    for name, body, label in examples:
        classifier.learn(filename=name, text=body, label=label)
    again = Classifier.from_json(classifier.to_json())
    assert again.to_json() == classifier.to_json()
    for name, body in [(filename, text), *[(n, b) for n, b, _ in examples]]:
        assert again.predict(filename=name, text=body) == classifier.predict(
            filename=name, text=body
        )


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(texts, texts, labels), min_size=1, max_size=6), texts, texts, labels)
def test_learn_then_unlearn_changes_nothing(
    examples: list[Example], filename: str, text: str, label: str
) -> None:
    classifier = Classifier()
    for name, body, known in examples:
        classifier.learn(filename=name, text=body, label=known)
    before = classifier.to_json()
    classifier.learn(filename=filename, text=text, label=label)
    classifier.unlearn(filename=filename, text=text, label=label)
    assert classifier.to_json() == before
