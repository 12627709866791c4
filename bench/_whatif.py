"""What other choices would measure, on a copy of the list database with raw sqlite3: the
index set before migration customers 0006 (so that before and after are timed in the same
run, with the SQL the code writes now), the count without its cap, and what the indexes of
0006 cost each insert and update."""

from __future__ import annotations

import copy
import re
import sqlite3
import time
from pathlib import Path
from typing import Any

import _sqlite

COUNT_CAP = 10_000
# Migration customers 0006 added these (and widened customer_live_recent with created_at);
# the what-if drops them and puts customer_live_recent back as 0004 made it.
DROP = [
    "customer_industry_level",
    "customer_province_category",
    "customer_owner_created",
    "customer_live_recent",
]
PROPOSED = [  # the previous index set: the alternative the what-if times
    'CREATE INDEX "customer_live_recent" ON "customers_customer" ("updated_at" DESC, "id" DESC) '
    'WHERE "deleted_at" IS NULL',
]
_CAPPED = re.compile(rf" LIMIT {COUNT_CAP + 1}\) subquery$")
Calls = list[list[dict[str, Any]]]
WRITE_ROWS = 20_000
WRITE_BATCH = 500


def exact(captures: Calls) -> Calls:
    """The same calls with the count's cap taken off: `SELECT COUNT(*) FROM (… LIMIT 10001)`
    becomes `SELECT COUNT(*) FROM (…)`, every match counted (the API before 6f25b65)."""
    result = copy.deepcopy(captures)
    for capture in result:
        for query in capture[1:]:
            if query["sql"].lstrip().upper().startswith("SELECT COUNT("):
                query["sql"] = _CAPPED.sub(") subquery", query["sql"])
    return result


def write_cost(con: sqlite3.Connection, rounds: int = 3) -> dict[str, float]:
    """Milliseconds per 1,000 customers to insert copies of existing rows and to change
    their updated_at, 500 per transaction, under the indexes as they are; rolled back. The
    best of `rounds`, as the machine is shared."""
    found = [_write_once(con) for _ in range(rounds)]
    return {key: min(one[key] for one in found) for key in found[0]}


def _write_once(con: sqlite3.Connection) -> dict[str, float]:
    columns = [r[1] for r in con.execute('PRAGMA table_info("customers_customer")')]
    rows = con.execute(f"SELECT * FROM customers_customer LIMIT {WRITE_ROWS}").fetchall()
    first = con.execute("SELECT MAX(id) FROM customers_customer").fetchone()[0] + 1
    at = columns.index("id")
    fresh = [(*row[:at], first + n, *row[at + 1 :]) for n, row in enumerate(rows)]
    insert = _sqlite.insert_sql("customers_customer", tuple(columns))
    con.execute("SAVEPOINT write_cost")
    started = time.perf_counter()
    for start in range(0, len(fresh), WRITE_BATCH):
        con.execute("SAVEPOINT batch")
        con.executemany(insert, fresh[start : start + WRITE_BATCH])
        con.execute("RELEASE batch")
    inserted = time.perf_counter() - started
    started = time.perf_counter()
    for start in range(first, first + len(fresh), WRITE_BATCH):
        con.execute("SAVEPOINT batch")
        con.execute(
            "UPDATE customers_customer SET updated_at = datetime('now'), "
            "version = version + 1 WHERE id >= ? AND id < ?",
            (start, start + WRITE_BATCH),
        )
        con.execute("RELEASE batch")
    updated = time.perf_counter() - started
    con.execute("ROLLBACK TO write_cost")
    con.execute("RELEASE write_cost")
    per = 1000 * 1000 / len(fresh)
    return {
        "rows": len(fresh),
        "insert_ms_per_1000": inserted * per,
        "update_ms_per_1000": updated * per,
    }


def run(
    db: Path, work: Path, captured: dict[str, Any], runs: int, skip: tuple[str, ...] = ()
) -> dict[str, Any]:
    """On a copy of `db`: the uncapped count and the write cost with the indexes as migrated;
    then every query kind and the write cost again with the previous index set. Kinds in
    `skip` (the substring searches, which scan the table whatever the indexes) are left out."""
    copy_db = work / "whatif.db"
    with sqlite3.connect(db) as src, sqlite3.connect(copy_db) as dst:
        src.backup(dst)
    con = _sqlite.connect(copy_db)
    kinds = {kind: capture for kind, capture in captured.items() if kind not in skip}
    result: dict[str, Any] = {"count_cap": COUNT_CAP, "kinds": {}}
    exact_counts = {
        kind: _sqlite.time_kind(con, exact(capture), max(runs, len(capture))).get("count", {})
        for kind, capture in kinds.items()
    }
    result["write_now"] = write_cost(con)
    started = time.perf_counter()
    for name in DROP:
        con.execute(f'DROP INDEX IF EXISTS "{name}"')
    for sql in PROPOSED:
        con.execute(sql)
    con.execute("ANALYZE")
    result.update(
        {"ddl": PROPOSED, "dropped": DROP, "build_seconds": time.perf_counter() - started}
    )
    result["write_before"] = write_cost(con)
    for kind, capture in kinds.items():
        parts = _sqlite.split(capture[0][1:])
        plans = {name: _sqlite.plan(con, query) for name, query in parts.items()}
        result["kinds"][kind] = {
            "indexes": {name: _sqlite.indexes_in(lines) for name, lines in plans.items()},
            "plan": plans,
            "before": _sqlite.time_kind(con, capture, max(runs, len(capture))),
            "exact_count": exact_counts[kind],
        }
    con.close()
    return result
