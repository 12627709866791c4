"""Folder-import benchmark (issue 4): `dossier import-folder` of 10,000 small files, files/s,
beside plain baselines measured in the same run.

    .venv/bin/python bench/import_folder.py                       # 100 folders × 100 files
    .venv/bin/python bench/import_folder.py --folders 10 --files 20   # quick
    .venv/bin/python bench/import_folder.py --profile-only 1000   # cProfile a 1,000-file import

Everything runs in a temporary directory (`--work` to choose where). A seeded generator writes
a tree of customer folders, each with small text files (1–20 KB of Chinese and English, names
such as 2024年采购合同.txt, 报价单 v2.txt, 会议纪要-1120.txt) in the sub-folders 合同, 报价单 and
沟通记录, dated by their modification time. A fresh data directory (`dossier init`) gets half as
many customers as there are folders, created through `customers.services.create_customer` in
a child process: a quarter of the folders carry such a customer's exact name, a quarter a
shorter or slightly different one (华为技术 for 华为技术有限公司), so both the exact and the
close match are exercised; the other half become new customers.

Measured, in this order and in the same run: `cp -r` of the tree; a Python pass that reads and
SHA-256-hashes every file (what the plan alone must do); `dossier import-folder --dry-run` on an
empty folder (the CLI's start-up floor); `dossier import-folder --dry-run` of the tree (the
plan); `dossier import-folder` of the tree; the same again (must import nothing). Every
`dossier` command runs under /usr/bin/time -v for its peak RSS and CPU time. The caches are
warm: the tree was just written, so every pass reads from the page cache.

Results are printed as Markdown and written to bench/results/import-folder-<date>.{json,md}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import pstats
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _http import CpuWatch  # noqa: E402

BIN = Path(sys.executable).parent
DOSSIER = str(BIN / "dossier") if (BIN / "dossier").exists() else "dossier"
ADMIN = [
    "--admin-username",
    "admin",
    "--admin-password",
    "welcome-2026",
    "--admin-email",
    "a@example.com",
    "--no-input",
]
TIME = "/usr/bin/time"
TARGET_FILES_PER_S = 50.0  # below this the run is called slow and a smaller run is profiled
TODAY = datetime.now().astimezone().date().isoformat()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def env_for(data_dir: Path) -> dict[str, str]:
    # COLUMNS: the plan lines are parsed; keep rich from wrapping them.
    return {
        **os.environ,
        "DOSSIER_DATA_DIR": str(data_dir),
        "DOSSIER_LOG_LEVEL": "WARNING",
        "COLUMNS": "250",
    }


# ---- the tree -----------------------------------------------------------------------------

CITIES = ["深圳市", "北京", "上海", "杭州", "广州市", "成都", "苏州", "南京", "武汉", "宁波"]
_BRAND_WORDS = (
    "华信 蓝天 东方 宏达 金桥 恒通 瑞丰 天成 鼎盛 远航 博雅 中联 新锐 永安 嘉禾 海纳 云帆 "
    "启明 长城 星河 汇丰 凯旋 万象 盛世 明阳 华远 泰和 众诚 德润 安捷 卓越 润泽 锦程 飞鸿 "
    "宇通 弘毅 正源 天宇 合力 恒信 清源 通达 立方 九州 百川 银河 方圆 创新 华美 雅图 "
    "晨光 绿源 荣昌 佳业 同创 聚能 鸿运 信达 鹏程 致远 睿智 冠华 晶科 海川 祥和 融通 "
    "精工 易达 天利 华腾 盈科 思源 兴业 宝丰 中科 广源 腾飞 新元 乐享 惠民 丰华 益康 "
    "宏图 迅捷 锐思 博远 嘉联 顺发 金鼎 天瑞 恒达 优品 智联 环宇 海信 光华 华章 利达 "
    "明德 远景 新程 恒源 泰丰 安泰 鑫源 卓达 凯达 华晨"
)
BRANDS = _BRAND_WORDS.split()
TRADES = ["科技", "物流", "精密机械", "电子", "贸易", "软件", "医疗器械", "建材", "食品", "网络"]
FORMS = ["有限公司", "股份有限公司", "有限责任公司"]

PRODUCTS = ["服务器", "交换机", "办公家具", "打印耗材", "云服务", "安防系统", "软件授权", "UPS电源"]
ZH = [
    "根据双方友好协商，就上述事项达成如下一致意见。",
    "甲方应在收到发票后三十日内支付合同款项。",
    "乙方负责设备的安装、调试及一年免费保修服务。",
    "本报价有效期为三十天，含税含运费。",
    "客户希望在下个季度前完成第一期交付。",
    "会议讨论了项目进度、风险和下一步计划。",
    "如有任何疑问，请随时与我们的销售代表联系。",
    "付款方式：预付百分之三十，验收后支付余款。",
    "对方财务要求开具增值税专用发票。",
    "技术部将于本周五前提交详细的实施方案。",
    "双方同意每月召开一次项目例会。",
    "本合同一式两份，甲乙双方各执一份，具有同等法律效力。",
]
EN = [
    "Please find attached the revised quotation for your review.",
    "Delivery is expected within four weeks of the purchase order.",
    "The customer asked for a discount on the annual maintenance fee.",
    "Action items: confirm the site survey date and send the draft contract.",
    "All prices are in CNY and include 13% VAT.",
    "We look forward to a long and successful partnership.",
    "Minutes recorded by the account manager; circulated to all attendees.",
    "Payment terms: 30% in advance, 70% upon acceptance.",
]


def customer_names(count: int, rng: random.Random) -> list[str]:
    brands = rng.sample(BRANDS, count) if count <= len(BRANDS) else None
    if brands is None:  # more folders than brand words: two-word brands, still unique
        pairs = [a + b for a in BRANDS for b in BRANDS if a != b]
        brands = rng.sample(pairs, count)
    return [
        f"{rng.choice(CITIES)}{brand}{rng.choice(TRADES)}{rng.choice(FORMS)}" for brand in brands
    ]


def folder_for(name: str, how: str, rng: random.Random) -> str:
    """The customer folder's name: the customer's name, or a close variant of it."""
    if how == "exact":
        return name
    body = name
    for form in FORMS:
        if body.endswith(form):
            body = body[: -len(form)]
            break
    city = next((c for c in CITIES if body.startswith(c)), "")
    short = body[len(city) :]  # 华信科技
    return rng.choice([short, short, body, f"{body}公司"])


def _unique(name: str, taken: set[str]) -> str:
    stem, dot, ext = name.rpartition(".")
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{stem} ({n}){dot}{ext}", n + 1
    taken.add(candidate)
    return candidate


def file_name(sub: str, rng: random.Random) -> str:
    year = rng.choice([2022, 2023, 2024, 2025])
    mmdd = f"{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    n = rng.randint(1, 9)
    product = rng.choice(PRODUCTS)
    choices = {
        "合同": [
            f"{year}年采购合同.txt",
            f"{year}年服务合同-{n}.txt",
            f"框架协议 v{n}.txt",
            f"{product}采购合同（{year}）.txt",
            f"补充协议-{mmdd}.txt",
            f"Contract {year}-{mmdd}.txt",
        ],
        "报价单": [
            f"报价单 v{n}.txt",
            f"{product}报价-{mmdd}.txt",
            f"{year}年度报价单.txt",
            f"Quotation {product} v{n}.txt",
        ],
        "沟通记录": [
            f"会议纪要-{mmdd}.txt",
            f"电话记录 {year}-{mmdd[:2]}-{mmdd[2:]}.txt",
            f"邮件往来-{n}.txt",
            f"拜访记录 {mmdd}.txt",
            f"Meeting notes {mmdd}.txt",
        ],
    }[sub]
    return rng.choice(choices)


def text_body(title: str, size: int, rng: random.Random) -> bytes:
    lines = [title, f"编号 {rng.getrandbits(64):016x}", ""]
    length = sum(len(x.encode()) + 1 for x in lines)
    while length < size:
        sentence = rng.choice(ZH) if rng.random() < 0.7 else rng.choice(EN)
        lines.append(sentence)
        length += len(sentence.encode()) + 1
    return "\n".join(lines).encode()[:size]


def make_tree(root: Path, folders: list[str], per_folder: int, seed: int) -> dict[str, Any]:
    """`per_folder` files below each customer folder; sizes 1–20 KB; deterministic."""
    rng = random.Random(seed + 1)
    subs = ["合同", "报价单", "沟通记录"]
    total = 0
    for folder in folders:
        taken: dict[str, set[str]] = {s: set() for s in subs}
        for number in range(per_folder):
            sub = subs[number % 3]
            name = _unique(file_name(sub, rng), taken[sub])
            path = root / folder / sub / name
            path.parent.mkdir(parents=True, exist_ok=True)
            body = text_body(f"{folder} / {sub} / {name} #{number}", rng.randint(1024, 20480), rng)
            path.write_bytes(body)
            stamp = datetime(2022, 1, 1, tzinfo=UTC).timestamp() + rng.randint(0, 4 * 365 * 86400)
            os.utime(path, (stamp, stamp))
            total += len(body)
    return {"files": len(folders) * per_folder, "bytes": total}


# ---- baselines ----------------------------------------------------------------------------


def _timed(run: Any) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def baseline_cp(tree: Path, work: Path, files: int, repeat: int) -> dict[str, Any]:
    runs = []
    for _ in range(repeat):
        target = work / "copy"
        shutil.rmtree(target, ignore_errors=True)
        runs.append(
            _timed(lambda t=target: subprocess.run(["cp", "-r", str(tree), str(t)], check=True))
        )
        shutil.rmtree(target, ignore_errors=True)
    best = min(runs)
    log(f"cp -r: {best:.2f} s, {files / best:,.0f} files/s")
    return {"seconds": best, "files_per_s": files / best, "runs": [round(r, 3) for r in runs]}


def baseline_hash(tree: Path, files: int, repeat: int) -> dict[str, Any]:
    """What the plan must do at least: walk, read and SHA-256 every file (1 MiB reads, as
    `imports._sha256`)."""

    def run() -> None:
        count = 0
        for path in sorted(p for p in tree.rglob("*") if p.is_file()):
            digest = hashlib.sha256()
            with path.open("rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
            digest.hexdigest()
            count += 1
        if count != files:
            raise RuntimeError(f"hashed {count} files, not {files}")

    runs = [_timed(run) for _ in range(repeat)]
    best = min(runs)
    log(f"python read + sha256: {best:.2f} s, {files / best:,.0f} files/s")
    return {"seconds": best, "files_per_s": files / best, "runs": [round(r, 3) for r in runs]}


# ---- dossier ------------------------------------------------------------------------------


def _time_v(report: str) -> dict[str, float]:
    found = {}
    for key, pattern in [
        ("peak_rss_mib", r"Maximum resident set size \(kbytes\): (\d+)"),
        ("user_s", r"User time \(seconds\): ([\d.]+)"),
        ("sys_s", r"System time \(seconds\): ([\d.]+)"),
    ]:
        match = re.search(pattern, report)
        if match:
            value = float(match.group(1))
            found[key] = round(value / 1024, 1) if key == "peak_rss_mib" else value
    return found


def run_dossier(data_dir: Path, work: Path, label: str, *args: str) -> dict[str, Any]:
    """One `dossier` command under /usr/bin/time -v: wall s, peak RSS, CPU, its output."""
    report = work / f"time-{label}.txt"
    watch = CpuWatch()
    started = time.perf_counter()
    done = subprocess.run(
        [TIME, "-v", "-o", str(report), DOSSIER, *args],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    cpu = watch.stop()
    (work / f"out-{label}.txt").write_text(done.stdout + done.stderr)
    if done.returncode:
        raise RuntimeError(f"dossier {' '.join(args)} exited {done.returncode}:\n{done.stderr}")
    return {
        "seconds": seconds,
        **_time_v(report.read_text()),
        **cpu,
        "stdout_tail": done.stdout.strip().splitlines()[-2:],
        "stdout": done.stdout,
    }


def plan_summary(stdout: str) -> dict[str, Any]:
    hows: dict[str, int] = {"exact": 0, "close": 0, "new": 0}
    per_folder = {}
    for line in stdout.splitlines():
        match = re.search(r"^(.*?)  →  .*\((exact|close \(\d+\)|new)\)\s*$", line)
        if match:
            hows[match.group(2).split()[0]] += 1
            per_folder[match.group(1)] = match.group(2)
    planned = re.search(r"(\d+) file\(s\) to import, (\d+) already there", stdout)
    imported = re.search(r"Imported (\d+) file\(s\); made (\d+) new customer", stdout)
    return {
        "matches": hows,
        "per_folder": per_folder,
        "to_import": int(planned.group(1)) if planned else None,
        "already": int(planned.group(2)) if planned else None,
        "imported": int(imported.group(1)) if imported else None,
        "customers_made": int(imported.group(2)) if imported else None,
    }


def create_customers(data_dir: Path, names: list[str]) -> float:
    """The pre-existing customers, through the service layer in a child process."""
    spec = data_dir.parent / "customers.json"
    spec.write_text(json.dumps(names, ensure_ascii=False))
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, __file__, "--_create-customers", str(spec)],
        env={**env_for(data_dir), "DJANGO_SETTINGS_MODULE": "dossier.settings"},
        check=True,
    )
    return time.perf_counter() - started


def _create_customers_child(spec: Path) -> None:
    import django

    django.setup()
    from django.db import transaction

    from dossier.core.actor import Actor
    from dossier.customers import services

    actor = Actor.system("cli")
    with transaction.atomic():
        for name in json.loads(spec.read_text()):
            services.create_customer(
                actor, {"name": name, "kind": "company", "owner": "admin", "custom": {}}
            )


def rows_after(data_dir: Path) -> dict[str, int]:
    con = sqlite3.connect(data_dir / "dossier.db")
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        found = {}
        for table in [
            "customers_customer",
            "documents_document",
            "documents_documentversion",
            "documents_folder",
            "audit_auditevent",
            "jobs_job",
        ]:
            if table in tables:
                found[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return found
    finally:
        con.close()


def blob_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())


def build(work: Path, folders: int, per_folder: int, seed: int) -> tuple[Path, Path, dict]:
    """Tree and data directory: `folders` customer folders, half of them with a customer."""
    rng = random.Random(seed)
    names = customer_names(folders, rng)
    existing = folders // 2
    hows = ["exact" if n < existing // 2 else "close" for n in range(existing)]
    folder_names = [folder_for(names[n], hows[n], rng) for n in range(existing)]
    folder_names += names[existing:]
    tree = work / "tree"
    log(f"tree: {folders} folders × {per_folder} files (seed {seed})")
    started = time.perf_counter()
    shape = make_tree(tree, folder_names, per_folder, seed)
    shape["generate_seconds"] = time.perf_counter() - started
    data_dir = work / "data"
    log("dossier init")
    subprocess.run(
        [DOSSIER, "init", *ADMIN], env=env_for(data_dir), check=True, capture_output=True
    )
    log(f"{existing} customers through customers.services.create_customer")
    shape["create_customers_seconds"] = create_customers(data_dir, names[:existing])
    shape["expected"] = {
        "exact": hows.count("exact"),
        "close": hows.count("close"),
        "new": folders - existing,
    }
    shape["intended"] = [
        {"folder": folder_names[n], "customer": names[n], "intended": hows[n]}
        for n in range(existing)
    ]
    shape["examples"] = [
        {
            "folder": folder_names[n],
            "customer": names[n] if n < existing else None,
            "intended": hows[n] if n < existing else "new",
        }
        for n in (0, existing // 2, existing // 2 + 1, existing)
        if n < folders
    ]
    return tree, data_dir, shape


# ---- profile ------------------------------------------------------------------------------


def profile_import(work: Path, files: int, seed: int, top: int) -> dict[str, Any]:
    per_folder = 100 if files >= 100 else files
    folders = max(2, files // per_folder)
    where = work / "profile"
    where.mkdir()
    tree, data_dir, _shape = build(where, folders, per_folder, seed)
    out = where / "import.prof"
    log(f"cProfile: dossier import-folder of {folders * per_folder} files")
    started = time.perf_counter()
    command = [sys.executable, "-m", "cProfile", "-o", str(out), DOSSIER, "import-folder"]
    subprocess.run(
        [*command, str(tree), "--owner", "admin"],
        env=env_for(data_dir),
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    keep = Path(__file__).resolve().parent / "results" / f"import-folder-{TODAY}.prof"
    keep.parent.mkdir(exist_ok=True)
    shutil.copyfile(out, keep)
    files = folders * per_folder
    return {
        "files": files,
        "seconds_under_profile": seconds,
        **summarise(keep, files, top),
        "saved": str(keep),
    }


def _label(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    return f"{_short(filename)}:{line}({name})"


def summarise(prof: Path, files: int, top: int) -> dict[str, Any]:
    """The profile's top functions, by own time and (for dossier's own code, without the CLI
    frames) by cumulative time, and where `upload_document`'s time goes, one level down."""
    stats = pstats.Stats(str(prof))
    table = stats.stats  # type: ignore[attr-defined]
    rows, upload, statements = [], None, 0
    for key, (_cc, calls, tt, ct, _callers) in table.items():
        label = _label(key)
        rows.append(
            {
                "function": label,
                "calls": calls,
                "tottime_s": round(tt, 3),
                "cumtime_s": round(ct, 3),
            }
        )
        if key[2] == "upload_document" and key[0].endswith("services/files.py"):
            upload = key
        if "SQLiteCursorWrapper.execute" in key[2]:
            statements += calls
    own = [
        r for r in rows if r["function"].startswith("dossier/") and "/cli.py" not in r["function"]
    ]
    breakdown = []
    if upload is not None:
        upload_ct = table[upload][3]
        for key, (_cc, _calls, _tt, _ct, callers) in table.items():
            if upload in callers:
                edge = callers[upload]  # (primitive calls, calls, own, cumulative) from there
                breakdown.append(
                    {
                        "function": _label(key),
                        "calls": edge[1],
                        "cumtime_s": round(edge[3], 3),
                        "share_pct": round(100 * edge[3] / upload_ct, 1),
                        "ms_per_file": round(1000 * edge[3] / files, 2),
                    }
                )
        breakdown.sort(key=lambda r: -r["cumtime_s"])
    return {
        "profiled_total_s": round(stats.total_tt, 3),  # type: ignore[attr-defined]
        "sql_statements": statements,
        "upload_document_s": round(table[upload][3], 3) if upload else None,
        "upload_document": breakdown[:top],
        "by_cumtime": sorted(own, key=lambda r: -r["cumtime_s"])[:top],
        "by_tottime": sorted(rows, key=lambda r: -r["tottime_s"])[:top],
    }


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/src/", "/lib/python"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# ---- report -------------------------------------------------------------------------------


def markdown(result: dict[str, Any]) -> str:
    shape, r = result["tree"], result["runs"]
    files = shape["files"]
    imp = r["import"]

    def row(label: str, item: dict[str, Any], count: int | None = files) -> str:
        rate = f"{count / item['seconds']:,.0f}" if count else "–"
        ratio = imp["seconds"] / item["seconds"] if item is not imp else 1.0
        rss = f"{item['peak_rss_mib']:,.0f} MiB" if "peak_rss_mib" in item else "–"
        cpu = (
            f"{item['user_s'] + item['sys_s']:,.1f} s"
            if "user_s" in item and "sys_s" in item
            else "–"
        )
        others = f"{item['others_pct']} %" if "others_pct" in item else "–"
        return (
            f"| {label} | {item['seconds']:,.2f} | {rate} | {ratio:,.1f}× | {rss} | {cpu} "
            f"| {others} |"
        )

    lines = [
        f"### {files:,} files in {shape['folders']} customer folders, {result['machine']['date']}",
        "",
        f"Tree: {files:,} files, {shape['bytes'] / 2**20:,.1f} MiB "
        f"(mean {shape['bytes'] / files / 1024:,.1f} KB), seed {shape['seed']}. "
        f"Matches of the dry run: {r['plan']['summary']['matches']} "
        f"(intended {shape['expected']}).",
        "",
        "| step | wall s | files/s | import is N× slower | peak RSS | CPU (user+sys) "
        "| CPU of others |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        row("baseline A: `cp -r` of the tree", result["baselines"]["cp"]),
        row("baseline B: Python walk + read + SHA-256", result["baselines"]["hash"]),
        row("`dossier import-folder EMPTY --dry-run` (start-up floor)", r["floor"], None),
        row("`dossier import-folder --dry-run` (plan only)", r["plan"]),
        row("**`dossier import-folder`**", imp),
        row("`dossier import-folder` again (imports 0)", r["again"], None),
        "",
        f"Import: {imp['summary']['imported']} files imported, "
        f"{imp['summary']['customers_made']} customers made; "
        f"second run: {r['again']['summary']['to_import']} to import, "
        f"{r['again']['summary']['already']} already there. "
        f"Net of start-up: import {result['derived']['import_net_files_per_s']:,.1f} files/s, "
        f"plan {result['derived']['plan_net_files_per_s']:,.0f} files/s. "
        f"Rows after: {result['rows_after']}.",
        "",
    ]
    if result.get("profile"):
        lines += profile_markdown(result["profile"])
    return "\n".join(lines)


def profile_markdown(profile: dict[str, Any]) -> list[str]:
    files, wall = profile["files"], profile.get("seconds_under_profile")
    wall_text = f"{wall:,.1f} s wall under the profiler, " if wall else ""
    lines = [
        f"cProfile of a {files:,}-file import ({wall_text}"
        f"{profile['sql_statements']:,} SQL statements = "
        f"{profile['sql_statements'] / files:,.1f} per file incl. the plan's):",
        "",
        f"| `upload_document` ({profile['upload_document_s']} s) calls | calls | cum s "
        "| share | ms per file |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| `{x['function']}` | {x['calls']:,} | {x['cumtime_s']} | {x['share_pct']} % "
        f"| {x['ms_per_file']} |"
        for x in profile["upload_document"]
    ]
    lines += ["", "| dossier function (cumulative) | calls | cum s | own s |"]
    lines += ["| --- | ---: | ---: | ---: |"]
    lines += [
        f"| `{x['function']}` | {x['calls']:,} | {x['cumtime_s']} | {x['tottime_s']} |"
        for x in profile["by_cumtime"]
    ]
    lines += ["", "| function (own time) | calls | own s | cum s |", "| --- | ---: | ---: | ---: |"]
    lines += [
        f"| `{x['function']}` | {x['calls']:,} | {x['tottime_s']} | {x['cumtime_s']} |"
        for x in profile["by_tottime"]
    ]
    return [*lines, ""]


def machine() -> dict[str, Any]:
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    model = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "load_average_at_start": os.getloadavg(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "commit": commit + (" + uncommitted changes in src/" if dirty else ""),
        "date": TODAY,
    }


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folders", type=int, default=100, help="customer folders (100)")
    parser.add_argument("--files", type=int, default=100, help="files per folder (100)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each baseline (best)")
    parser.add_argument(
        "--profile-files",
        type=int,
        default=1000,
        metavar="N",
        help="if the import is below 50 files/s, cProfile an import of N files (1,000)",
    )
    parser.add_argument(
        "--profile-only", type=int, metavar="N", help="only cProfile an import of N files"
    )
    parser.add_argument("--top", type=int, default=25, help="rows of the profile tables")
    parser.add_argument("--work", type=Path, help="where the temporary directory goes")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--name", help="results file stem (default import-folder-<date>)")
    parser.add_argument(
        "--explain",
        nargs=2,
        metavar=("PROF", "FILES"),
        help="print the tables of a saved profile of an import of FILES files",
    )
    parser.add_argument("--_create-customers", dest="create_spec", type=Path, help="internal")
    return parser.parse_args()


def measure(args: argparse.Namespace, work: Path, result: dict[str, Any]) -> None:
    """The full run: tree, baselines, the four `dossier` runs, the profile if slow."""
    tree, data_dir, shape = build(work, args.folders, args.files, args.seed)
    shape |= {"folders": args.folders, "per_folder": args.files, "seed": args.seed}
    result["tree"] = shape
    files = shape["files"]
    result["baselines"] = {
        "cp": baseline_cp(tree, work, files, args.repeat),
        "hash": baseline_hash(tree, files, args.repeat),
    }
    empty = work / "empty"
    empty.mkdir()
    runs: dict[str, Any] = {}
    owner = ["--owner", "admin"]
    steps = [
        ("floor", [str(empty), "--dry-run", *owner]),
        ("plan", [str(tree), "--dry-run", *owner]),
        ("import", [str(tree), *owner]),
        ("again", [str(tree), *owner]),
    ]
    for label, extra in steps:
        log(f"dossier import-folder ({label})")
        item = run_dossier(data_dir, work, label, "import-folder", *extra)
        item["summary"] = plan_summary(item.pop("stdout"))
        log(
            f"  {item['seconds']:.2f} s, peak RSS {item.get('peak_rss_mib')} MiB, {item['summary']}"
        )
        runs[label] = item
    result["runs"] = runs
    floor = runs["floor"]["seconds"]
    result["derived"] = {
        "import_files_per_s": files / runs["import"]["seconds"],
        "plan_files_per_s": files / runs["plan"]["seconds"],
        "import_net_files_per_s": files / (runs["import"]["seconds"] - floor),
        "plan_net_files_per_s": files / (runs["plan"]["seconds"] - floor),
        "import_over_cp": runs["import"]["seconds"] / result["baselines"]["cp"]["seconds"],
        "import_over_hash": runs["import"]["seconds"] / result["baselines"]["hash"]["seconds"],
        "plan_over_hash": runs["plan"]["seconds"] / result["baselines"]["hash"]["seconds"],
    }
    result["rows_after"] = rows_after(data_dir)
    result["data_dir_bytes"] = blob_bytes(data_dir)
    problems = []
    if runs["import"]["summary"]["imported"] != files:
        problems.append(f"imported {runs['import']['summary']['imported']}, not {files}")
    if runs["again"]["summary"]["to_import"] != 0:
        problems.append(f"second run planned {runs['again']['summary']['to_import']} files")
    if runs["plan"]["summary"]["matches"] != shape["expected"]:
        found = runs["plan"]["summary"]["per_folder"]
        result["unmatched"] = [
            {**x, "got": found.get(x["folder"])}
            for x in shape["intended"]
            if found.get(x["folder"], "").split()[0:1] != [x["intended"]]
        ]
        problems.append(
            f"matches {runs['plan']['summary']['matches']} ≠ intended: {result['unmatched']}"
        )
    result["problems"] = problems
    if result["derived"]["import_files_per_s"] < TARGET_FILES_PER_S and args.profile_files:
        result["profile"] = profile_import(work, args.profile_files, args.seed, args.top)


def main() -> None:
    args = parse()
    if args.create_spec:
        _create_customers_child(args.create_spec)
        return
    if args.explain:
        prof, files = Path(args.explain[0]), int(args.explain[1])
        found = {"files": files}
        print("\n".join(profile_markdown(found | summarise(prof, files, args.top))))
        return
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-import-", dir=args.work))
    result: dict[str, Any] = {"machine": machine(), "args": vars(args) | {"work": str(work)}}
    result["args"].pop("create_spec", None)
    try:
        if args.profile_only:
            result["profile"] = profile_import(work, args.profile_only, args.seed, args.top)
            print(json.dumps(result["profile"], ensure_ascii=False, indent=1))
            return
        measure(args, work, result)
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    text = markdown(result)
    print(text)
    for problem in result["problems"]:
        print(f"PROBLEM: {problem}")
    stem = args.name or f"import-folder-{TODAY}"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    (out / f"{stem}.md").write_text(text + "\n")
    log(f"wrote bench/results/{stem}.json and .md")


if __name__ == "__main__":
    main()
