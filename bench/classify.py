"""Classification benchmark: files/s for 5 KB texts through the rules, the classifier and both.

    .venv/bin/python bench/classify.py                  # 400 files to learn, 300 to classify
    .venv/bin/python bench/classify.py --files 1000 --size 20000

Texts are Faker zh_CN sentences with a few words of their type mixed in (deterministic from
the seed), cut to --size characters. CPU files/s is printed beside wall-clock files/s: load on
a shared machine moves the latter.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from faker import Faker

from dossier.documents.classify import Classifier, Rule, apply_rules, features, suggest

WORDS = {
    "contract": "甲方 乙方 签订 违约责任 本合同 合同金额",
    "quote": "报价 单价 数量 报价有效期 合计 交货期",
    "invoice": "发票号码 税额 价税合计 开票日期 纳税人识别号",
    "email": "发件人 收件人 主题 抄送 此致敬礼",
    "minutes": "会议时间 参会人员 议题 决议 记录人",
    "feedback": "投诉 建议 满意 客户反馈 回访",
    "material": "产品介绍 手册 白皮书 技术参数 功能特点",
    "other": "通知 放假 签到 通讯录 行政部",
}
# Twenty rules that match nothing in these texts: every file pays for all of them.
RULES = [Rule(f"不存在的关键词{n}", doctype="other") for n in range(15)] + [
    Rule(rf"^XYZ-{n}\d+", regex=True, folder="x") for n in range(5)
]

File = tuple[str, str, str]


def make_files(count: int, size: int, seed: int) -> list[File]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    files = []
    for i in range(count):
        label = list(WORDS)[i % len(WORDS)]
        words = WORDS[label].split()
        parts: list[str] = []
        while sum(map(len, parts)) < size:
            parts.append(rng.choice(words) if rng.random() < 0.2 else fake.sentence())
        files.append((f"{fake.word()}_{i:04d}.pdf", "".join(parts)[:size], label))
    return files


def timed(files: list[File], function: Callable[[str, str], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for filename, text, _ in files:
        function(filename, text)
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=700)
    parser.add_argument("--size", type=int, default=5000, help="characters per text")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    files = make_files(args.files, args.size, args.seed)
    train, test = files[: len(files) * 4 // 7], files[len(files) * 4 // 7 :]

    classifier = Classifier()
    started = time.perf_counter()
    for filename, text, label in train:
        classifier.learn(filename=filename, text=text, label=label)
    learnt = time.perf_counter() - started
    started = time.perf_counter()
    classifier.calibrate(train)
    calibrated = time.perf_counter() - started
    size = len(classifier.to_json().encode())

    print(f"## Classification, {len(test):,} files of {args.size:,} characters\n")
    print(f"Learnt {len(train)} files in {learnt:.2f} s ({len(train) / learnt:,.0f} files/s);")
    print(f"calibrated (5-fold) in {calibrated:.2f} s; threshold {classifier.threshold:.4f};")
    print(f"model JSON {size / 1024:,.0f} KiB.\n")
    print("| step | files/s (wall) | files/s (CPU) |")
    print("| --- | ---: | ---: |")
    found = {(f, t): features(f, t) for f, t, _ in test}
    steps: list[tuple[str, Callable[[str, str], object]]] = [
        ("features (index_terms)", features),
        ("naive Bayes on ready features", lambda f, t: classifier.predict_features(found[f, t])),
        ("20 rules, none matching", lambda f, t: apply_rules(RULES, filename=f, text=t)),
        (
            "suggest: rules + features + Bayes",
            lambda f, t: suggest(RULES, classifier, filename=f, text=t),
        ),
    ]
    for label, function in steps:
        wall, cpu = timed(test, function)
        print(f"| {label} | {len(test) / wall:,.0f} | {len(test) / cpu:,.0f} |")
    right = sum(
        1 for f, t, label in test if (p := classifier.predict(filename=f, text=t)) and p[0] == label
    )
    print(f"\n{right} of {len(test)} test files suggested correctly (a sanity check, not a score).")


if __name__ == "__main__":
    main()
