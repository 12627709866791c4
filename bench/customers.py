"""Customers benchmark: service-layer create throughput and list/filter latency over HTTP,
each beside a raw baseline measured in the same run (DESIGN.md §4).

    .venv/bin/python bench/customers.py                   # full: 100,000 creates, 1,000,000 rows
    .venv/bin/python bench/customers.py --create 300 --customers 5000 --requests 40  # quick
    .venv/bin/python bench/customers.py --skip-list        # only the create phase
    .venv/bin/python bench/customers.py --skip-create --think-ms 1000  # only the list phase

The create phase goes through `customers.services.create_customer` (validation, revision,
audit event). The 1,000,000-row list database is bulk-loaded with raw sqlite3 (indexes dropped
and rebuilt), which is set-up, not a measured target.

Everything runs from a clean state in a temporary data directory; results are printed as
Markdown and written to bench/results/customers-<date>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import _sqlite  # noqa: E402
import _whatif  # noqa: E402
from _data import CATEGORIES, INDUSTRIES, LEVELS, OWNERS, TAGS  # noqa: E402
from _http import CpuWatch, Server, drive  # noqa: E402
from _report import markdown  # noqa: E402

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
TARGET_P95_MS = 50.0
TODAY = datetime.now().astimezone().date().isoformat()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def child(step: str, data_dir: Path, *extra: str) -> Any:
    out = data_dir.parent / f"{data_dir.name}-{step}.json"
    subprocess.run(
        [
            sys.executable,
            str(HERE / "_phases.py"),
            step,
            "--data-dir",
            str(data_dir),
            "--out",
            str(out),
            *extra,
        ],
        check=True,
    )
    return json.loads(out.read_text())


def dossier(data_dir: Path, *args: str) -> str:
    env = {**os.environ, "DOSSIER_DATA_DIR": str(data_dir), "DOSSIER_LOG_LEVEL": "WARNING"}
    done = subprocess.run([DOSSIER, *args], env=env, check=True, capture_output=True, text=True)
    return done.stdout


# ---- 1. create through the service layer ------------------------------------------------


def bench_create(work: Path, count: int, seed: int) -> dict[str, Any]:
    data_dir = work / "create"
    log(f"create: {count} customers through customers.services.create_customer")
    watch = CpuWatch()
    service = child("create", data_dir, "--count", str(count), "--seed", str(seed))
    service["cpu"] = watch.stop()
    columns, customers, tags, links = _sqlite.rows_written(
        data_dir / "dossier.db", service["last_timed_id"]
    )
    log("create: raw executemany baseline into a fresh copy of the migrated database")
    raw_seconds = _sqlite.raw_insert(
        data_dir / "baseline.db", columns, customers, tags, links, service["batch"]
    )
    service_rate = count / service["seconds"]
    raw_rate = len(customers) / raw_seconds
    return {
        "service": {**service, "rows_per_s": service_rate},
        "raw": {
            "count": len(customers),
            "tag_links": len(links),
            "seconds": raw_seconds,
            "rows_per_s": raw_rate,
        },
        "raw_over_service": raw_rate / service_rate,
    }


# ---- 2. list/filter over HTTP at scale ---------------------------------------------------


def _windows(count: int) -> list[dict[str, str]]:
    """One-month created_at windows spread over the three years of data."""
    found = []
    for number in range(count):
        month = 12 + 3 * number  # months after 2023-01: 2024-01, 2024-04, …
        first = date(2023 + month // 12, month % 12 + 1, 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        found.append({"created_from": first.isoformat(), "created_to": last.isoformat()})
    return found


PROVINCES = ["广东省", "江苏省", "北京市", "四川省", "浙江省", "山东省", "西藏自治区", "青海省"]
CITIES = ["深圳市", "苏州市", "北京市", "成都市", "宁波市", "青岛市", "拉萨市", "西宁市"]
# `q` reads the search index: common words of the generated company names and person names
# (tens of thousands of matches), and 7-digit phone fragments (few matches).
Q_COMMON = ["科技", "王", "网络", "信息"]
Q_RARE = ["1380013", "1591234", "1865432", "1773210"]


def query_kinds() -> dict[str, dict[str, Any]]:
    """Query kind -> who asks and the parameter sets requests cycle through."""
    windows = _windows(10)
    updated = [{"updated_from": w["created_from"], "updated_to": w["created_to"]} for w in windows]

    def admin(*params: dict[str, Any]) -> dict[str, Any]:
        return {"user": "admin", "params": list(params)}

    return {
        "no filter": admin({}),
        "category": admin(*({"category": c} for c in CATEGORIES)),
        "region (province)": admin(*({"province": p} for p in PROVINCES)),
        "region (province + city)": admin(
            *({"province": p, "city": c} for p, c in zip(PROVINCES, CITIES, strict=True))
        ),
        "industry": admin(*({"industry": i} for i in INDUSTRIES)),
        "level": admin(*({"level": v} for v in LEVELS)),
        "owner": admin(*({"owner": o} for o in OWNERS)),
        "tag": admin(*({"tag": t} for t in TAGS)),
        "created range (1 month)": admin(*windows),
        "created range, sort=-created_at": admin(*({**w, "sort": "-created_at"} for w in windows)),
        "updated range (1 month)": admin(*updated),
        "name search q (common words)": admin(*({"q": q} for q in Q_COMMON)),
        "name search q (phone digits, rare)": admin(*({"q": q} for q in Q_RARE)),
        "category+province": admin(
            *({"category": CATEGORIES[n % 3], "province": p} for n, p in enumerate(PROVINCES))
        ),
        "industry+level": admin(
            *({"industry": i, "level": LEVELS[n % 4]} for n, i in enumerate(INDUSTRIES))
        ),
        # Pairs without an index of their own: one index, the other column tested per row.
        "level+category": admin(
            *({"level": v, "category": CATEGORIES[n % 3]} for n, v in enumerate(LEVELS * 2))
        ),
        "owner+industry": admin(
            *(
                {"owner": o, "industry": INDUSTRIES[n % len(INDUSTRIES)]}
                for n, o in enumerate(OWNERS)
            )
        ),
        "owner+created range": admin(*({"owner": o, **windows[n]} for n, o in enumerate(OWNERS))),
        "tag+category": admin(
            *({"tag": t, "category": CATEGORIES[n % 3]} for n, t in enumerate(TAGS))
        ),
        "deep page (offset=10000)": admin({"offset": 10000}),
        "sales user's own (no filter)": {"user": "s01", "params": [{}]},
    }


def build_list_db(work: Path, count: int, seed: int) -> tuple[Path, dict[str, Any]]:
    data_dir = work / "list"
    log("list: dossier init + 2 teams, 10 sales users")
    dossier(data_dir, "init", *ADMIN)
    setup = child("setup-list", data_dir)
    log(f"list: raw load of {count:,} customers")
    load = _sqlite.bulk_load(
        data_dir / "dossier.db",
        count,
        seed,
        [tuple(o) for o in setup["owners"]],
        setup["categories"],
    )
    # `q` reads the search index, which the raw load does not write: `dossier reindex` builds
    # it through the real path (search.services.reindex), as after a restore.
    log(f"list: dossier reindex of {count:,} customers (the search index that `q` reads)")
    started = time.perf_counter()
    dossier(data_dir, "reindex")
    load["search_index_seconds"] = time.perf_counter() - started
    return data_dir, load


def reuse_list_db(work: Path, source: Path) -> tuple[Path, dict[str, Any]]:
    """A copy of a list data directory kept by an earlier run (--keep), its load figures too."""
    data_dir = work / "list"
    log(f"list: copying {source} (kept by an earlier run)")
    subprocess.run(["cp", "-r", str(source), str(data_dir)], check=True)
    # The code measured may have migrations the copy lacks (new indexes): apply them and give
    # the planner their statistics, as the raw load does for its own indexes.
    dossier(data_dir, "migrate")
    _sqlite.analyze(data_dir / "dossier.db")
    earlier = source.parent / "load.json"
    return data_dir, json.loads(earlier.read_text()) if earlier.exists() else {}


def sql_baseline(data_dir: Path, kinds: dict[str, Any], runs: int) -> tuple[dict, dict, dict]:
    """The SQL each kind runs (captured from the real view), timed and explained with raw
    sqlite3; plus each kind through Django in-process, without HTTP."""
    spec = data_dir.parent / "kinds.json"
    spec.write_text(json.dumps(kinds, ensure_ascii=False))
    log("list: capturing the SQL of each query kind; timing it in-process and raw")
    planned = child("plan", data_dir, "--spec", str(spec), "--runs", str(runs))
    con = _sqlite.connect(data_dir / "dossier.db")
    result = {}
    for kind, captures in planned["captured"].items():
        parts = _sqlite.split(captures[0][1:])
        plans = {name: _sqlite.plan(con, query) for name, query in parts.items()}
        result[kind] = {
            "matches": _sqlite.matches(con, _whatif.exact(captures)),
            "answered_count": [c[0]["count"] for c in captures],
            "sql": {name: query["sql"] for name, query in parts.items()},
            "plan": plans,
            "indexes": {name: _sqlite.indexes_in(lines) for name, lines in plans.items()},
            "timing": _sqlite.time_kind(con, captures, max(runs, len(captures))),
        }
    con.close()
    return result, planned["in_process"], planned["captured"]


def http_runs(data_dir: Path, kinds: dict[str, Any], args: argparse.Namespace) -> dict[str, Any]:
    tokens = {
        user: dossier(data_dir, "token", "create", "--user", user).strip().splitlines()[-1]
        for user in sorted({item["user"] for item in kinds.values()})
    }
    log(f"list: dossier serve; {args.requests} requests per kind from {args.clients} clients")
    server = Server(DOSSIER, data_dir, data_dir.parent / "serve.log")
    results: dict[str, Any] = {"kinds": {}, "two_servers": {}}
    requests = _requests(kinds, tokens, args.requests)
    try:
        for name, (paths, headers) in requests.items():
            results["kinds"][name] = _measure([server.port], paths, headers, args, [server])
            measured = results["kinds"][name]
            log(f"  {name}: p95 {measured.get('concurrent', measured.get('paced'))['p95_ms']} ms")
        if args.two_servers:
            log("list: the same clients spread over two `dossier serve` processes")
            second = Server(DOSSIER, data_dir, data_dir.parent / "serve-2.log")
            try:
                for name in (FLOOR, "owner", "no filter"):
                    paths, headers = requests[name]
                    results["two_servers"][name] = _measure(
                        [server.port, second.port], paths, headers, args, [server, second]
                    )
            finally:
                second.stop()
    finally:
        server.stop()
    return results


FLOOR = "GET /api/v1/health (HTTP+WSGI floor)"
AUTH_FLOOR = "GET /api/v1/me (floor + token auth)"


def _requests(
    kinds: dict[str, Any], tokens: dict[str, str], count: int
) -> dict[str, tuple[list[str], dict[str, str]]]:
    admin = {"Authorization": f"Bearer {tokens['admin']}"}
    requests = {
        FLOOR: (["/api/v1/health"] * count, {}),
        AUTH_FLOOR: (["/api/v1/me"] * count, admin),
    }
    for kind, item in kinds.items():
        params = item["params"]
        requests[kind] = (
            [f"/api/v1/customers?{urlencode(params[n % len(params)])}" for n in range(count)],
            {"Authorization": f"Bearer {tokens[item['user']]}"},
        )
    return requests


def _measure(
    ports: list[int],
    paths: list[str],
    headers: dict[str, str],
    args: argparse.Namespace,
    servers: list[Server],
) -> dict[str, Any]:
    """A single-client pass first (service time; also warms caches), then the concurrent one,
    then, with --think-ms, the concurrent one again with a pause between each client's requests."""
    pids = [s.process.pid for s in servers]
    budget = args.kind_seconds
    if args.paced_only:
        watch = CpuWatch(pids)
        paced = drive(ports, paths, headers, args.clients, args.think_ms, budget).summary()
        return {"paced": {**paced, **watch.stop(), "think_ms": args.think_ms}}
    alone = drive(ports, paths[: args.single], headers, 1, budget_s=budget).summary()
    watch = CpuWatch(pids)
    together = {
        **drive(ports, paths, headers, args.clients, budget_s=budget).summary(),
        **watch.stop(),
    }
    result = {"single_client": alone, "concurrent": together}
    if args.think_ms:
        watch = CpuWatch(pids)
        paced = drive(ports, paths, headers, args.clients, args.think_ms, budget).summary()
        result["paced"] = {**paced, **watch.stop(), "think_ms": args.think_ms}
    return result


# ---- main -------------------------------------------------------------------------------


def snapshot(revision: str, work: Path) -> str:
    """Export `src/` of a committed revision into the work directory and put it first on the
    PYTHONPATH of every child (phases, `dossier` CLI, `dossier serve`): the benchmark then runs
    committed code, not a working tree that other people are editing. Returns the short hash."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=True,
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "archive", commit, "src"], capture_output=True, cwd=HERE.parent, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(work / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    )
    return commit


def machine(snapshot_of: str | None) -> dict[str, Any]:
    import django

    if snapshot_of:
        commit = f"{snapshot_of} (exported with git archive; the working tree was not used)"
    else:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"], capture_output=True, text=True, cwd=HERE
        ).stdout.strip()
        commit += " + uncommitted changes in src/" if dirty else ""
    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "django": django.get_version(),
        "commit": commit,
        "date": TODAY,
    }


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--create",
        type=int,
        default=100_000,
        metavar="N",
        help="customers created through the service layer (default 100,000)",
    )
    parser.add_argument(
        "--customers",
        type=int,
        default=1_000_000,
        metavar="M",
        help="customers in the list database (default 1,000,000)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=200,
        metavar="K",
        help="HTTP requests per query kind (default 200)",
    )
    parser.add_argument(
        "--clients", type=int, default=20, metavar="C", help="concurrent HTTP clients (default 20)"
    )
    parser.add_argument(
        "--single",
        type=int,
        default=20,
        help="requests of the single-client pass per kind (default 20)",
    )
    parser.add_argument(
        "--sql-runs", type=int, default=30, help="timed raw-SQL calls per query kind (default 30)"
    )
    parser.add_argument(
        "--kind-seconds",
        type=float,
        default=90.0,
        metavar="S",
        help="per query kind and pass, start no new request after S seconds (default 90)",
    )
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0.0,
        help="also run each kind with this pause between a client's requests",
    )
    parser.add_argument(
        "--two-servers",
        action="store_true",
        help="also spread the clients over two `dossier serve` processes",
    )
    parser.add_argument(
        "--no-what-if",
        action="store_true",
        help="skip timing the index set before customers 0006, the uncapped count, the write cost",
    )
    parser.add_argument(
        "--sql-only",
        action="store_true",
        help="list phase: stop after the raw SQL and in-process timings (no HTTP, no what-if), "
        "e.g. to time an earlier --snapshot's SQL on the same data",
    )
    parser.add_argument(
        "--snapshot",
        metavar="REV",
        help="run the code of this committed revision (e.g. HEAD), exported from git, instead "
        "of the working tree",
    )
    parser.add_argument(
        "--paced-only",
        action="store_true",
        help="HTTP: only the pass with --think-ms between a client's requests",
    )
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--list-from",
        type=Path,
        metavar="DIR",
        help="copy this list data directory (DIR/list of an earlier --keep run) instead of "
        "building one; --customers is then what it holds",
    )
    parser.add_argument("--skip-create", action="store_true")
    parser.add_argument("--skip-list", action="store_true")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory")
    parser.add_argument(
        "--report",
        type=Path,
        metavar="JSON",
        help="only print the Markdown of an earlier results file",
    )
    parser.add_argument("--output", type=Path, default=HERE / "results" / f"customers-{TODAY}.json")
    return parser.parse_args()


def main() -> None:
    args = parse()
    if args.report:
        print(markdown(json.loads(args.report.read_text())))
        return
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    log(f"working in {work}")
    exported = snapshot(args.snapshot, work) if args.snapshot else None
    if exported:
        log(f"running the code of {exported} from {work / 'src'}")
    results: dict[str, Any] = {
        "machine": machine(exported),
        "arguments": {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()},
    }
    started = time.perf_counter()
    try:
        if not args.skip_create:
            results["create"] = bench_create(work, args.create, args.seed)
        if not args.skip_list:
            kinds = query_kinds()
            if args.list_from:
                data_dir, results["load"] = reuse_list_db(work, args.list_from)
            else:
                data_dir, results["load"] = build_list_db(work, args.customers, args.seed)
                (work / "load.json").write_text(json.dumps(results["load"], default=str))
            results["sql"], results["in_process"], captured = sql_baseline(
                data_dir, kinds, args.sql_runs
            )
            if not args.sql_only:
                results["http"] = http_runs(data_dir, kinds, args)
            if not (args.no_what_if or args.sql_only):
                log("what-if: uncapped count, write cost, the index set before 0006, on a copy")
                results["what_if"] = _whatif.run(
                    data_dir / "dossier.db",
                    work,
                    captured,
                    args.sql_runs,
                    skip=tuple(kind for kind in kinds if kind.startswith("name search")),
                )
        results["target_p95_ms"] = TARGET_P95_MS
        results["wall_seconds"] = time.perf_counter() - started
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            subprocess.run(["rm", "-rf", str(work)], check=False)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=str))
    print(markdown(results))
    log(f"results written to {args.output}")


if __name__ == "__main__":
    main()
