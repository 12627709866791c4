# ruff: noqa: E501, DTZ011, S106, S310
"""Search benchmark: N customers + N/10 files, p50/p95/p99 per query kind, in process and HTTP.

Usage: python bench/search.py load DIR --customers N   (fast raw bulk path, documented below)
       python bench/search.py query DIR [--http]        (percentiles beside raw FTS5 MATCH)
       python bench/search.py reindex DIR               (the real services.reindex path)
       … --database-url postgresql://…                  (any phase on PostgreSQL)

The load is a bulk path: rows are built with the same tokeniser calls as search.sources and
written with bulk_create (the FTS5 triggers fill the index); files are index entries only (the
search path never reads the documents table). The service-layer write path is measured by the
import benchmark. Deterministic from --seed.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲燕建国志红梅林海波宇浩凯文斌鑫晨晓东雪琳婷欣怡子轩涵梓睿博俊佳嘉"
CITIES = [
    ("广东省", "深圳市"),
    ("浙江省", "杭州市"),
    ("北京市", "北京市"),
    ("上海市", "上海市"),
    ("江苏省", "南京市"),
    ("四川省", "成都市"),
]
WORDS = [
    "科技",
    "信息",
    "电子",
    "机械",
    "贸易",
    "物流",
    "医疗",
    "教育",
    "建筑",
    "食品",
    "化工",
    "能源",
    "汽车",
    "金融",
    "咨询",
    "软件",
    "网络",
    "传媒",
    "环保",
    "农业",
]
PHRASES = [
    "软件采购合同",
    "分三期支付",
    "年度维护服务",
    "云服务迁移方案",
    "增值税专用发票",
    "新能源汽车电池",
    "数据安全评估",
    "设备租赁协议",
    "annual maintenance agreement",
    "hydraulic pumps and valves",
]
SALES = 10
DATABASE_URL = ""


def setup(data: Path) -> None:
    os.environ["DOSSIER_DATA_DIR"] = str(data)
    # --database-url postgresql://… runs the same phases on PostgreSQL (DIR keeps the keys).
    os.environ["DOSSIER_DATABASE_URL"] = DATABASE_URL or f"sqlite:///{data / 'bench.db'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "dossier.settings"
    import django

    django.setup()


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def company(rng: random.Random) -> str:
    return f"{rng.choice(CITIES)[1][:2]}{rng.choice(GIVEN)}{rng.choice(GIVEN)}{rng.choice(WORDS)}有限公司"


def load(data: Path, customers: int, seed: int) -> None:
    data.mkdir(parents=True, exist_ok=True)
    setup(data)
    from django.core.management import call_command
    from django.db import transaction

    from dossier.accounts.models import User
    from dossier.accounts.services import NewUser, create_user
    from dossier.core.actor import Actor
    from dossier.customers.models import Category, Customer
    from dossier.search import services, sources

    call_command("migrate", verbosity=0)
    system = Actor.system("cli")
    for name, role in [("boss", "admin"), *[(f"s{n:02d}", "sales") for n in range(SALES)]]:
        if not User.objects.filter(username=name).exists():
            create_user(system, NewUser(username=name, password="correct-horse-battery", role=role))
    owners = list(User.objects.filter(username__startswith="s").values_list("pk", flat=True))
    category = Category.objects.get(code="active")
    rng, now, started = random.Random(seed), datetime.now(UTC), time.perf_counter()
    batch = 5000
    for start in range(0, customers, batch):
        rows = []
        for _ in range(min(batch, customers - start)):
            is_person = rng.random() < 0.5
            province, city = rng.choice(CITIES)
            rows.append(
                Customer(
                    kind="person" if is_person else "company",
                    name=person(rng) if is_person else company(rng),
                    phone=f"+86{rng.choice(['138', '139', '186', '150'])}{rng.randrange(10**8):08d}",
                    email=f"u{start}{rng.randrange(10**6)}@example.com"
                    if rng.random() < 0.3
                    else "",
                    province=province,
                    city=city,
                    category=category,
                    owner_id=rng.choice(owners),
                    custom={},
                    created_at=now,
                    updated_at=now,
                )
            )
        with transaction.atomic():
            made = Customer.objects.bulk_create(rows)
            entries = []
            for c in made:
                row = sources.Row("customer", c.pk, c.pk, c.name, date.today(), name_key=c.name)
                row.add(c.name, "name" if c.kind == "person" else "company", name=True)
                row.add(c.phone, "phone")
                row.add(c.email, "email")
                row.add(c.province)
                row.add(c.city)
                row.body = " · ".join(
                    x for x in (c.name, c.phone, c.email, c.province, c.city) if x
                )
                entries.append(row)
            services.write_rows(entries)
        print(f"customers {start + len(rows)} {time.perf_counter() - started:.0f}s", flush=True)
    last = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    for start in range(0, customers // 10, batch):
        rows = []
        for i in range(min(batch, customers // 10 - start)):
            text = "。".join(rng.sample(PHRASES, 3)) + f" 编号{rng.randrange(10**6):06d}"
            row = sources.Row(
                "document",
                start + i + 1,
                rng.randrange(1, last + 1),
                f"文件{start + i + 1}.pdf",
                date.today(),
            )
            row.add(row.title, name=True)
            row.add(text)
            row.body = text
            rows.append(row)
        with transaction.atomic():
            services.write_rows(rows)
    print(f"loaded in {time.perf_counter() - started:.0f}s", flush=True)


def samples(rng: random.Random) -> dict[str, list[str]]:
    from dossier.customers.models import Customer

    top = Customer.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    picked = list(Customer.objects.filter(pk__in=[rng.randrange(1, top) for _ in range(400)]))
    people = [c for c in picked if c.kind == "person"][:40]
    firms = [c for c in picked if c.kind == "company"][:40]
    from dossier.core.text.chinese import name_pinyin

    def spelt(name: str, initials: bool) -> str:
        found = name_pinyin(name)
        syllables = found[0] if found else []
        return "".join(s[0] for s in syllables) if initials else "".join(syllables)

    return {
        "exact person name": [c.name for c in people],
        "surname alone": [c.name[0] for c in people],
        "two-character name": [c.name[:2] for c in people],
        "pinyin full": [spelt(c.name, False) for c in people],
        "initials": [spelt(c.name, True) for c in people],
        "phone tail (4)": [c.phone[-4:] for c in picked[:40]],
        "mobile, whole": [c.phone[3:] for c in picked[:40]],
        "company exact": [c.name for c in firms],
        "company fragment": [c.name[2:6] for c in firms],
        "document phrase": [p for p in PHRASES[:8]] * 5,
        "English words": ["maintenance agreement", "hydraulic"] * 20,
        "e-mail": [c.email for c in picked if c.email][:40],
    }


def pct(values: list[float]) -> dict[str, float]:
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": q[49], "p95": q[94], "p99": q[98], "n": len(values)}


def timed(fn: Any, queries: list[str]) -> dict[str, float]:
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append((time.perf_counter() - t) * 1000)
    return pct(out)


def one_request(actor: Any, q: str) -> Any:
    """A search as a request makes it: in one transaction (ATOMIC_REQUESTS)."""
    from django.db import transaction

    from dossier.search import selectors

    with transaction.atomic():
        return selectors.search(actor, q)


def first_matches(query: Any) -> list[Any]:
    """The least any search does: the first 20 matches, unranked, unscoped (SQLite only)."""
    from django.db import connection

    from dossier.search.engines.sqlite import match

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s LIMIT 20", [match(query)]
        )
        return cursor.fetchall()


def query(data: Path, http: bool, seed: int) -> None:
    setup(data)
    from dossier.accounts.selectors import actor_by_username
    from dossier.core.text import query_terms
    from dossier.search.engines import engine

    rng = random.Random(seed)
    sets = samples(rng)
    who = {"admin": actor_by_username("boss"), "sales": actor_by_username("s03")}
    results: dict[str, Any] = {}
    for kind, qs in sets.items():
        qs = [q for q in qs if q][:40]
        row = {"raw MATCH, ranked": timed(lambda q: engine().raw_match(query_terms(q), 20), qs)}
        if not DATABASE_URL:
            row["raw MATCH, first 20"] = timed(lambda q: first_matches(query_terms(q)), qs)
        for label, actor in who.items():
            row[f"in process, {label}"] = timed(lambda q, a=actor: one_request(a, q), qs)
        results[kind] = row
        print(kind, json.dumps(row), flush=True)
    if http:
        results = {"in process": results, "http": over_http(data, sets)}
    size = engine().size_bytes()
    from dossier.customers.models import Customer

    n = Customer.objects.count()
    results["index"] = {
        "bytes": size,
        "customers": n,
        "bytes per 1000 customers": size / (n / 1000),
    }
    text = json.dumps(results, ensure_ascii=False, indent=1)
    (data / "search-results.json").write_text(text)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / f"search-{date.today().isoformat()}-{n}.json").write_text(text)
    print(json.dumps(results["index"]))


def over_http(data: Path, sets: dict[str, list[str]]) -> dict[str, Any]:
    env = {**os.environ}
    run = [sys.executable, "-m", "dossier"]
    token = (
        subprocess.run(
            [*run, "token", "create", "--user", "boss", "--read-only"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    sys.path.insert(0, str(Path(__file__).parent))
    from _http import free_port

    port = free_port()
    server_log = (data / "serve.log").open("w")
    server = subprocess.Popen(
        [*run, "serve", "--host", "127.0.0.1", "--port", str(port), "--no-worker"],
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120  # a loaded machine starts Django slowly
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    message = f"dossier serve did not start: see {data / 'serve.log'}"
                    raise SystemExit(message) from None
                time.sleep(0.2)

        def get(q: str) -> None:
            url = f"http://127.0.0.1:{port}/api/v1/search?" + urllib.parse.urlencode({"q": q})
            req = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
            with urllib.request.urlopen(req, timeout=10) as response:
                response.read()

        out = {}
        for kind, qs in sets.items():
            out[kind] = timed(get, [q for q in qs if q][:40])
            print("http", kind, json.dumps(out[kind]), flush=True)
        return out
    finally:
        server.terminate()
        server.wait(timeout=10)


def reindex(data: Path) -> None:
    setup(data)
    from dossier.search import services

    t = time.perf_counter()
    done = services.reindex(kinds=["customer"])
    seconds = time.perf_counter() - t
    print(json.dumps({"rows": done, "seconds": seconds, "rows/s": done / seconds}))


if __name__ == "__main__":
    command, where, *rest = sys.argv[1:]
    seed = 6
    if "--database-url" in rest:
        DATABASE_URL = rest[rest.index("--database-url") + 1]
    if command == "load":
        load(Path(where), int(rest[rest.index("--customers") + 1]), seed)
    elif command == "query":
        query(Path(where), "--http" in rest, seed)
    else:
        reindex(Path(where))
