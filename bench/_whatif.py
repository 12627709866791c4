"""What other choices would measure, on a copy of the list database with raw sqlite3: the
index set before migration customers 0004 (so that before and after are timed in the same run),
a capped count, and an EXISTS form of the tag filter."""

from __future__ import annotations

import copy
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import _sqlite

COUNT_CAP = 10_000
# Migration customers 0004 replaced these indexes (and added customer_province, customer_live);
# the what-if puts the previous ones back, exactly as migration 0001 created them on SQLite.
DROP = [
    "customer_live_recent",
    "customer_live",
    "customer_owner",
    "customer_team",
    "customer_category",
    "customer_province",
    "customer_region",
    "customer_industry",
    "customer_level",
]


def _old(name: str, *keys: str) -> str:
    return f'CREATE INDEX "{name}" ON "customers_customer" ({", ".join(keys)}) ' + (
        'WHERE "deleted_at" IS NULL'
    )


PROPOSED = [  # the previous index set: the alternative the what-if times
    _old("customer_live_recent", '"updated_at" DESC', '"id"'),
    _old("customer_owner", '"owner_id"', '"updated_at" DESC'),
    _old("customer_team", '"team_id"', '"updated_at" DESC'),
    _old("customer_category", '"category_id"', '"updated_at" DESC'),
    _old("customer_region", '"province"', '"city"'),
    _old("customer_industry", '"industry"'),
    _old("customer_level", '"level"'),
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


def run(
    db: Path, work: Path, captured: dict[str, Any], runs: int, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """On a copy of `db`: the capped count and the EXISTS tag filter with the indexes as
    migrated; then every query kind again with the previous index set. Kinds in `skip` (the
    substring searches, which scan the table whatever the indexes) are left out."""
    copy_db = work / "whatif.db"
    with sqlite3.connect(db) as src, sqlite3.connect(copy_db) as dst:
        src.backup(dst)
    con = _sqlite.connect(copy_db)
    kinds = {kind: capture for kind, capture in captured.items() if kind not in skip}
    result: dict[str, Any] = {"count_cap": COUNT_CAP, "kinds": {}}
    capped_counts = {
        kind: _sqlite.time_kind(con, capped(capture), max(runs, len(capture))).get("count", {})
        for kind, capture in kinds.items()
    }
    exists = tag_exists(captured["no filter"][0], captured["tag"])
    parts = _sqlite.split(exists[0][1:])
    result["tag_exists"] = {
        "plan": {name: _sqlite.plan(con, query) for name, query in parts.items()},
        "timing": _sqlite.time_kind(con, exists, max(runs, len(exists))),
    }
    started = time.perf_counter()
    for name in DROP:
        con.execute(f'DROP INDEX IF EXISTS "{name}"')
    for sql in PROPOSED:
        con.execute(sql)
    con.execute("ANALYZE")
    result.update(
        {"ddl": PROPOSED, "dropped": DROP, "build_seconds": time.perf_counter() - started}
    )
    for kind, capture in kinds.items():
        parts = _sqlite.split(capture[0][1:])
        plans = {name: _sqlite.plan(con, query) for name, query in parts.items()}
        result["kinds"][kind] = {
            "indexes": {name: _sqlite.indexes_in(lines) for name, lines in plans.items()},
            "plan": plans,
            "exact": _sqlite.time_kind(con, capture, max(runs, len(capture))),
            "capped_count": capped_counts[kind],
        }
    con.close()
    return result
