"""The benchmark steps that need Django, each run in its own child process so that every step
gets settings for its own data directory: `python bench/_phases.py STEP --data-dir D --out F`."""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import random
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import OWNERS, TEAMS, service_input

PASSWORD = "bench-pass-2026!"


def setup_django(data_dir: Path) -> None:
    os.environ["DOSSIER_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DOSSIER_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dossier.settings"
    data_dir.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def make_users(usernames: list[str], teams: list[str]) -> None:
    """Teams and sales users, through the accounts services as `dossier` itself would."""
    from django.db import transaction

    from dossier.accounts import services as accounts
    from dossier.core.actor import Actor

    system = Actor.system("cli")
    with transaction.atomic():
        for team in teams:
            accounts.create_team(system, team)
        for number, username in enumerate(usernames):
            team = teams[number * len(teams) // len(usernames)]
            accounts.create_user(
                system,
                accounts.NewUser(
                    username=username,
                    password=PASSWORD,
                    role="sales",
                    team=team,
                    email=f"{username}@example.com",
                ),
            )


def backup(source: Path, target: Path) -> None:
    """A consistent copy of the database file (WAL included) via SQLite's backup API."""
    from django.db import connection

    connection.close()
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


# ---- step: create ----------------------------------------------------------------------


def _inputs(count: int, seed: int) -> list[dict[str, Any]]:
    from faker import Faker

    rng = random.Random(seed)
    zh = Faker("zh_CN")
    zh.seed_instance(seed)
    return [service_input(rng, zh, index) for index in range(count)]


def _create_all(actor: Any, inputs: list[dict[str, Any]], batch: int) -> float:
    from django.db import transaction

    from dossier.customers.services import create_customer

    started = time.perf_counter()
    for first in range(0, len(inputs), batch):
        with transaction.atomic():
            for data in inputs[first : first + batch]:
                create_customer(actor, data)
    return time.perf_counter() - started


def _queries_per_create(actor: Any, inputs: list[dict[str, Any]]) -> dict[str, Any]:
    """Run a few more creates, counting SQL statements by kind and profiling the calls."""
    from django.db import connection, transaction

    from dossier.customers.services import create_customer

    kinds: dict[str, int] = {}

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        word = sql.lstrip().split(None, 1)[0].upper()
        kinds[word] = kinds.get(word, 0) + 1
        return execute(sql, params, many, context)

    profile = cProfile.Profile()
    with connection.execute_wrapper(count), transaction.atomic():
        profile.enable()
        for data in inputs:
            create_customer(actor, data)
        profile.disable()
    stats = pstats.Stats(profile)
    total = sum(kinds.values())
    top = sorted(
        ((key, value) for key, value in stats.stats.items()),  # type: ignore[attr-defined]
        key=lambda item: item[1][3],
        reverse=True,
    )
    hot = []
    for (filename, line, name), (_cc, _nc, _tt, cumulative, _callers) in top:
        if "/src/dossier/" in filename:  # the package, from the working tree or a snapshot
            where = filename.split("/src/dossier/", 1)[1]
            hot.append(
                {
                    "function": f"{where}:{line} {name}",
                    "ms_per_create": round(cumulative * 1000 / len(inputs), 3),
                }
            )
        if len(hot) == 12:
            break
    return {
        "creates": len(inputs),
        "statements_per_create": round(total / len(inputs), 2),
        "by_statement": {k: round(v / len(inputs), 2) for k, v in sorted(kinds.items())},
        "hot_functions": hot,
    }


def step_create(args: argparse.Namespace) -> dict[str, Any]:
    setup_django(args.data_dir)
    migrate()
    make_users(["sales1"], ["基准销售部"])
    db = args.data_dir / "dossier.db"
    backup(db, args.data_dir / "baseline.db")

    from dossier.accounts.models import User
    from dossier.accounts.selectors import actor_for

    actor = actor_for(User.objects.select_related("role").get(username="sales1"), via="cli")
    generated = time.perf_counter()
    inputs = _inputs(args.count + args.profile_count, args.seed)
    generated = time.perf_counter() - generated
    seconds = _create_all(actor, inputs[: args.count], args.batch)
    profile = _queries_per_create(actor, inputs[args.count :])
    from dossier.audit.models import AuditEvent, Revision
    from dossier.customers.models import Customer, CustomerTag

    last_id = Customer.objects.order_by("id").values_list("id", flat=True)[args.count - 1]
    return {
        "rows_after": {
            "customers": Customer.objects.count(),
            "customer_tags": CustomerTag.objects.count(),
            "revisions": Revision.objects.count(),
            "audit_events": AuditEvent.objects.count(),
        },
        "count": args.count,
        "batch": args.batch,
        "seconds": seconds,
        "generate_seconds": generated,
        "last_timed_id": last_id,
        "profile": profile,
    }


# ---- step: setup-list ------------------------------------------------------------------


def step_setup_list(args: argparse.Namespace) -> dict[str, Any]:
    setup_django(args.data_dir)
    migrate()
    make_users(OWNERS, TEAMS)
    from dossier.accounts.models import User
    from dossier.customers.models import Category

    owners = list(
        User.objects.filter(username__in=OWNERS).order_by("username").values_list("id", "team_id")
    )
    categories = dict(Category.objects.values_list("code", "id"))
    return {"owners": owners, "categories": categories}


# ---- step: plan: the exact SQL the list endpoint runs ----------------------------------


def _capture(actor: Any, params: dict[str, Any]) -> list[dict[str, Any]]:
    from django.db import connection
    from django.http import HttpRequest

    from dossier.customers.api import CustomerQuery, list_customers

    captured: list[dict[str, Any]] = []

    def keep(execute: Any, sql: str, sql_params: Any, many: bool, context: Any) -> Any:
        captured.append({"sql": sql, "params": list(sql_params or [])})
        return execute(sql, sql_params, many, context)

    request = HttpRequest()
    request._dossier_actor = actor  # type: ignore[attr-defined]  # what token auth sets
    with connection.execute_wrapper(keep):
        page = list_customers(request, CustomerQuery(**params))
    return [{"page_items": len(page.items), "count": page.count}, *captured]


PARTS = {  # (file suffix, function) -> part of a list request, for the profile breakdown
    ("django/core/handlers/base.py", "get_response"): "whole request (no HTTP)",
    ("dossier/accounts/api.py", "authenticate"): "token authentication",
    ("dossier/customers/api.py", "list_customers"): "view: ORM, SQL, prefetch",
    ("~", "SQLiteCursorWrapper.execute"): "  of which sqlite3 execute",
    ("~", "<method 'fetchmany' of 'sqlite3.Cursor' objects>"): "  of which sqlite3 fetch",
    ("dossier/customers/selectors.py", "list_page"): "  of which list_page (SQL and rows)",
    ("dossier/customers/schemas.py", "customer_page"): "  of which building the answer",
    ("ninja/operation.py", "_result_to_response"): "response: pydantic + JSON",
}


def _timed_gets(client: Any, paths: list[str], budget_s: float = 30.0) -> list[float]:
    """Milliseconds of each GET; no new one after `budget_s` (the substring searches take
    seconds each)."""
    took: list[float] = []
    deadline = time.perf_counter() + budget_s
    for path in paths:
        if took and time.perf_counter() > deadline:
            break
        started = time.perf_counter()
        response = client.get(path)
        took.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.content[:300]!r}")
    return took


def _in_process(kinds: dict[str, Any], runs: int, profile_kind: str) -> dict[str, Any]:
    """Each list request through Django's test client (the whole middleware and ninja stack,
    no HTTP): median ms per kind, and where the time of one kind goes."""
    import statistics

    from django.db import transaction
    from django.test import Client

    from dossier.accounts import services as accounts
    from dossier.core.actor import Actor

    clients = {}
    for username in sorted({item["user"] for item in kinds.values()}):
        with transaction.atomic():
            issued = accounts.create_token(
                Actor.system("cli"), username=username, name="bench in-process"
            )
        clients[username] = Client(
            HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}"
        )
    from django.db import connection

    medians, queries = {}, {}
    for kind, item in kinds.items():
        client, params = clients[item["user"]], item["params"]
        paths = [f"/api/v1/customers?{urlencode(params[n % len(params)])}" for n in range(runs)]
        statements: list[str] = []

        def keep(execute: Any, sql: str, *rest: Any, into: list[str] = statements) -> Any:
            into.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(keep):
            client.get(paths[0])  # warm-up, and the SQL statements of one whole request
        queries[kind] = len(statements)
        medians[kind] = round(statistics.median(_timed_gets(client, paths)), 2)
    item = kinds[profile_kind]
    profile = cProfile.Profile()
    profile.enable()
    for n in range(runs):
        params = item["params"][n % len(item["params"])]
        clients[item["user"]].get(f"/api/v1/customers?{urlencode(params)}")
    profile.disable()
    found: dict[str, float] = {}
    for (filename, _line, name), row in pstats.Stats(profile).stats.items():  # type: ignore[attr-defined]
        for (suffix, function), part in PARTS.items():
            # built-ins ("~") are named like "<function SQLiteCursorWrapper.execute at 0x…>"
            if (name == function or (suffix == "~" and function in name)) and (
                filename.endswith(suffix)
            ):
                found[part] = found.get(part, 0.0) + row[3]
    whole = found.get("whole request (no HTTP)") or 1.0
    shares = {part: round(100 * found.get(part, 0.0) / whole, 1) for part in PARTS.values()}
    return {
        "median_ms": medians,
        "queries_per_request": queries,
        "profiled_kind": profile_kind,
        "profile_share_pct": shares,
    }


def step_plan(args: argparse.Namespace) -> dict[str, Any]:
    setup_django(args.data_dir)
    from dossier.accounts.models import User
    from dossier.accounts.selectors import actor_for

    spec = json.loads(Path(args.spec).read_text())
    actors: dict[str, Any] = {}
    plans: dict[str, list[Any]] = {}
    for kind, item in spec.items():
        username = item["user"]
        if username not in actors:
            user = User.objects.select_related("role").get(username=username)
            actors[username] = actor_for(user, via="api")
        plans[kind] = [_capture(actors[username], params) for params in item["params"]]
    return {"captured": plans, "in_process": _in_process(spec, args.runs, "owner")}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["create", "setup-list", "plan"])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--count", type=int, default=0)
    parser.add_argument("--profile-count", type=int, default=100)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--spec")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    step = {"create": step_create, "setup-list": step_setup_list, "plan": step_plan}[args.step]
    args.out.write_text(json.dumps(step(args), ensure_ascii=False, default=str))


if __name__ == "__main__":
    main()
