"""What the proposed changes would buy, measured on a copy of the list database with raw
sqlite3: the proposed indexes, a capped count, and an EXISTS form of the tag filter."""

from __future__ import annotations

import copy
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import _sqlite

COUNT_CAP = 10_000
# The customers Meta.indexes this benchmark proposes, as Django would create them on SQLite:
# every filter that lists a page gets (column, updated_at DESC, id DESC) so the page is read in
# the API's order (`-updated_at, -id`) and stops after 50 rows instead of sorting every match.
DROP = [
    "customer_live_recent",
    "customer_owner",
    "customer_category",
    "customer_industry",
    "customer_level",
]


def _index(name: str, *columns: str) -> str:
    keys = ", ".join([*(f'"{c}"' for c in columns), '"updated_at" DESC', '"id" DESC'])
    return f'CREATE INDEX "{name}" ON "customers_customer" ({keys}) WHERE "deleted_at" IS NULL'


PROPOSED = [
    _index("customer_live_recent"),
    _index("customer_owner", "owner_id"),
    _index("customer_category", "category_id"),
    _index("customer_province", "province"),
    _index("customer_industry", "industry"),
    _index("customer_level", "level"),
]
_COUNT = re.compile(r'^SELECT COUNT\(\*\) AS "__count" FROM ', re.IGNORECASE)
_LIVE_ONLY = '"customers_customer"."deleted_at" IS NULL ORDER BY'
_TAG_EXISTS = (
    '"customers_customer"."deleted_at" IS NULL AND EXISTS (SELECT 1 FROM '
    '"customers_customertag" U1 INNER JOIN "customers_tag" U2 '
    'ON (U1."tag_id" = U2."id") WHERE U1."customer_id" = "customers_customer"."id" '
    'AND U2."name" = %s) ORDER BY'
)
Calls = list[list[dict[str, Any]]]


def capped(captures: Calls, cap: int = COUNT_CAP) -> Calls:
    """The same calls with `SELECT COUNT(*) FROM (SELECT 1 … LIMIT cap+1)` as the count, which is
    what `rows[:cap + 1].count()` asks the database for."""
    result = copy.deepcopy(captures)
    for capture in result:
        for query in capture[1:]:
            if _COUNT.match(query["sql"]):
                query["sql"] = (
                    _COUNT.sub("SELECT COUNT(*) FROM (SELECT 1 FROM ", query["sql"])
                    + f" LIMIT {cap + 1})"
                )
    return result


def tag_exists(no_filter: list[dict[str, Any]], tags: Calls) -> Calls:
    """The tag filter written as EXISTS (a Django `Exists(...)` filter) instead of a join."""
    result = []
    for capture in tags:
        name = next(p for q in capture[1:] for p in q["params"] if isinstance(p, str))
        call = copy.deepcopy(no_filter)
        for query in call[1:]:
            if _LIVE_ONLY in query["sql"]:
                query["sql"] = query["sql"].replace(_LIVE_ONLY, _TAG_EXISTS)
                query["params"] = [*query["params"], name]
            elif _COUNT.match(query["sql"]):
                query["sql"] = query["sql"].replace(
                    '"customers_customer"."deleted_at" IS NULL',
                    _TAG_EXISTS.removesuffix(" ORDER BY"),
                )
                query["params"] = [*query["params"], name]
        call[0] = capture[0]
        result.append(call)
    return result


def run(db: Path, work: Path, captured: dict[str, Any], runs: int) -> dict[str, Any]:
    copy_db = work / "whatif.db"
    with sqlite3.connect(db) as src, sqlite3.connect(copy_db) as dst:
        src.backup(dst)
    con = _sqlite.connect(copy_db)
    started = time.perf_counter()
    for name in DROP:
        con.execute(f'DROP INDEX "{name}"')
    for sql in PROPOSED:
        con.execute(sql)
    con.execute("ANALYZE")
    build = time.perf_counter() - started
    kinds = dict(captured)
    kinds["tag, as EXISTS"] = tag_exists(captured["no filter"][0], captured["tag"])
    result: dict[str, Any] = {
        "ddl": PROPOSED,
        "dropped": DROP,
        "build_seconds": build,
        "count_cap": COUNT_CAP,
        "kinds": {},
    }
    for kind, capture in kinds.items():
        parts = _sqlite.split(capture[0][1:])
        plans = {name: _sqlite.plan(con, query) for name, query in parts.items()}
        exact = _sqlite.time_kind(con, capture, max(runs, len(capture)))
        cap = _sqlite.time_kind(con, capped(capture), max(runs, len(capture)))
        result["kinds"][kind] = {
            "indexes": {name: _sqlite.indexes_in(lines) for name, lines in plans.items()},
            "plan": plans,
            "exact": exact,
            "capped_count": cap["count"],
        }
    con.close()
    return result
