"""Tokeniser benchmark: index_terms over synthetic customer rows beside a raw baseline.

    .venv/bin/python bench/tokenise.py                  # 100,000 rows, seed 1
    .venv/bin/python bench/tokenise.py --rows 20000 --seed 7

Each row is a name, a company, a phone and an e-mail (Faker zh_CN, deterministic from the
seed; companies are composed from a city, a random brand, an industry and a legal form, so the
caches do not just see the few hundred names Faker repeats). The baseline is NFKC + str.split
over the same fields in the same run. The first pass starts with cold caches, as an import
does; the second repeats the rows with warm caches. CPU rows/s is printed beside wall-clock
rows/s because load on a shared machine moves the latter.
"""

from __future__ import annotations

import argparse
import random
import time
import unicodedata
from collections.abc import Callable

from faker import Faker

from dossier.core.text import FieldKind, index_terms, query_terms

Row = tuple[str, str, str, str]
FIELDS: tuple[FieldKind, ...] = ("name", "company", "phone", "email")
INDUSTRIES = ["科技", "网络", "信息技术", "贸易", "实业", "电子", "传媒", "医药", "建设工程"]
LEGAL = ["有限公司", "股份有限公司", "有限责任公司", "集团有限公司"]
BRAND_CHARS = (
    "华为腾讯阿里百度京东美团小米联想海尔格力万科恒大平安招商建设银泰金鑫博达宏远盛天成泰和安信诚"
)


def _phone(rng: random.Random, fake: Faker) -> str:
    digits = fake.phone_number()
    style = rng.randrange(4)
    if style == 1:
        return f"+86 {digits[:3]} {digits[3:7]} {digits[7:]}"
    if style == 2:
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style == 3:
        return f"0{rng.choice(['10', '21', '755', '571'])}-{rng.randrange(10**7, 10**8)}"
    return digits


def _company(rng: random.Random, fake: Faker) -> str:
    if rng.random() < 0.1:
        return f"{fake.last_romanized_name()} Trading Co., Ltd."
    brand = "".join(rng.choices(BRAND_CHARS, k=rng.choice([2, 2, 3])))
    return fake.city_name() + brand + rng.choice(INDUSTRIES) + rng.choice(LEGAL)


def make_rows(count: int, seed: int) -> list[Row]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    rng = random.Random(seed)
    return [
        (fake.name(), _company(rng, fake), _phone(rng, fake), fake.email()) for _ in range(count)
    ]


def baseline(row: Row) -> list[str]:
    return [word for field in row for word in unicodedata.normalize("NFKC", field).split()]


def tokenise(row: Row) -> list[str]:
    return [
        term for field, kind in zip(row, FIELDS, strict=True) for term in index_terms(field, kind)
    ]


def timed(rows: list[Row], function: Callable[[Row], list[str]]) -> tuple[float, float, int, int]:
    """Wall and CPU seconds, terms and stored characters; counted, not kept, as in an import."""
    terms = chars = 0
    wall, cpu = time.perf_counter(), time.process_time()
    for row in rows:
        result = function(row)
        terms += len(result)
        chars += len(" ".join(result))
    return time.perf_counter() - wall, time.process_time() - cpu, terms, chars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rows = make_rows(args.rows, args.seed)

    started = time.perf_counter()
    index_terms("華為技術有限公司", "company")
    loading = time.perf_counter() - started

    print(f"## Tokeniser, {args.rows:,} customer rows (name, company, phone, e-mail)\n")
    print(f"Dictionaries (jieba's words, OpenCC, pinyin tables) loaded once in {loading:.2f} s.\n")
    print("| pass | rows/s (wall) | rows/s (CPU) | terms/row | stored chars/row |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, function in [
        ("baseline: NFKC + str.split", baseline),
        ("index_terms, cold caches", tokenise),
        ("index_terms, warm caches", tokenise),
    ]:
        wall, cpu, terms, chars = timed(rows, function)
        n = len(rows)
        print(f"| {label} | {n / wall:,.0f} | {n / cpu:,.0f} | {terms / n:.1f} | {chars / n:.0f} |")

    queries = [field for row in rows[:10_000] for field in (row[0], row[2][-6:])]
    started = time.perf_counter()
    for query in queries:
        query_terms(query)
    elapsed = time.perf_counter() - started
    print(f"\nquery_terms: {len(queries) / elapsed:,.0f} queries/s (names and phone tails).")


if __name__ == "__main__":
    main()
