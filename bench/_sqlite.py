"""Raw sqlite3 work for the baselines: bulk loads, timing captured SQL, query plans."""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from _data import RAW_COLUMNS, TAGS, Pools, raw_rows

# What Django's SQLite connection runs on connect (dossier/infra/config.py SQLITE_PRAGMAS).
DJANGO_PRAGMAS = [
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=20000",
    "PRAGMA cache_size=-65536",
]
TABLES = ("customers_customer", "customers_customertag")


def connect(db: Path) -> sqlite3.Connection:
    con = sqlite3.connect(db, isolation_level=None)
    for pragma in DJANGO_PRAGMAS:
        con.execute(pragma)
    return con


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    return f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join("?" * len(columns))})'


# ---- baseline for the create benchmark ---------------------------------------------------


def rows_written(db: Path, last_id: int) -> tuple[tuple[str, ...], list[Any], list[Any], list[Any]]:
    """The customers (ids ≤ last_id), tags and tag links the service wrote, column for column."""
    with sqlite3.connect(db) as con:
        columns = tuple(r[1] for r in con.execute('PRAGMA table_info("customers_customer")'))
        customers = con.execute(
            f"SELECT * FROM customers_customer WHERE id <= {int(last_id)} ORDER BY id"
        ).fetchall()
        tags = con.execute("SELECT id, name FROM customers_tag ORDER BY id").fetchall()
        links = con.execute(
            "SELECT customer_id, tag_id FROM customers_customertag "
            f"WHERE customer_id <= {int(last_id)} ORDER BY id"
        ).fetchall()
    return columns, customers, tags, links


def raw_insert(
    db: Path,
    columns: tuple[str, ...],
    customers: list[Any],
    tags: list[Any],
    links: list[Any],
    batch: int,
) -> float:
    """Insert the same rows with executemany, one transaction per `batch` customers, under the
    pragmas Django uses (WAL, synchronous=NORMAL, foreign keys on). Returns seconds."""
    con = connect(db)
    con.executemany("INSERT INTO customers_tag (id, name) VALUES (?, ?)", tags)
    links_of: dict[int, list[Any]] = {}
    for customer_id, tag_id in links:
        links_of.setdefault(customer_id, []).append((customer_id, tag_id))
    customer_sql = insert_sql("customers_customer", columns)
    link_sql = insert_sql("customers_customertag", ("customer_id", "tag_id"))
    started = time.perf_counter()
    for first in range(0, len(customers), batch):
        chunk = customers[first : first + batch]
        con.execute("BEGIN IMMEDIATE")
        con.executemany(customer_sql, chunk)
        con.executemany(link_sql, [link for row in chunk for link in links_of.get(row[0], [])])
        con.execute("COMMIT")
    seconds = time.perf_counter() - started
    con.close()
    return seconds


# ---- the large list database -------------------------------------------------------------


def bulk_load(
    db: Path,
    count: int,
    seed: int,
    owners: list[tuple[int, int]],
    categories: dict[str, int],
    chunk: int = 50_000,
) -> dict[str, Any]:
    """Fill a migrated database with `count` customers as fast as SQLite allows: indexes
    dropped during the load and rebuilt after, WAL with synchronous=OFF for the load only."""
    import random

    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    con.execute("PRAGMA cache_size=-524288")
    con.executemany("INSERT INTO customers_tag (name) VALUES (?)", [(t,) for t in TAGS])
    tag_ids = [r[0] for r in con.execute("SELECT id FROM customers_tag ORDER BY id")]
    marks = ",".join("?" * len(TABLES))
    indexes = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
        f"sql IS NOT NULL AND tbl_name IN ({marks})",
        TABLES,
    ).fetchall()
    for name, _sql in indexes:
        con.execute(f'DROP INDEX "{name}"')
    rng, pools = random.Random(seed), Pools(seed)
    customer_sql = insert_sql("customers_customer", RAW_COLUMNS)
    link_sql = insert_sql("customers_customertag", ("customer_id", "tag_id"))
    generate = insert = 0.0
    links_total = deleted_total = 0
    for first in range(1, count + 1, chunk):
        started = time.perf_counter()
        rows, links, deleted = raw_rows(
            rng, pools, first, min(chunk, count - first + 1), owners, categories
        )
        middle = time.perf_counter()
        con.execute("BEGIN")
        con.executemany(customer_sql, rows)
        con.executemany(link_sql, [(c, tag_ids[t]) for c, t in links])
        con.execute("COMMIT")
        generate += middle - started
        insert += time.perf_counter() - middle
        links_total += len(links)
        deleted_total += len(deleted)
    started = time.perf_counter()
    for _name, sql in indexes:
        con.execute(sql)
    index_seconds = time.perf_counter() - started
    started = time.perf_counter()
    con.execute("ANALYZE")
    analyze_seconds = time.perf_counter() - started
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {
        "customers": count,
        "tag_links": links_total,
        "deleted": deleted_total,
        "generate_seconds": generate,
        "insert_seconds": insert,
        "index_seconds": index_seconds,
        "analyze_seconds": analyze_seconds,
        "indexes_rebuilt": [name for name, _ in indexes],
        "db_bytes": db.stat().st_size,
    }


# ---- timing the SQL the API runs ---------------------------------------------------------

_FORMAT = re.compile(r"(?<!%)%s")


def qmark(sql: str) -> str:
    """Django hands the SQLite cursor `%s` placeholders; sqlite3 wants `?` (as Django does)."""
    return _FORMAT.sub("?", sql).replace("%%", "%")


def analyze(db: Path) -> None:
    """Statistics for the planner on every table and index (after new indexes)."""
    con = connect(db)
    con.execute("ANALYZE")
    con.close()


def split(captured: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The parts of what one list call ran: `scope` (a sales user's shares, read first),
    `probe` (a created range's few-or-many count, when there are two counts), `count`, `page`
    and `prefetch` (the tags)."""
    parts: dict[str, dict[str, Any]] = {}
    for query in captured:
        sql = query["sql"].lstrip().upper()
        if sql.startswith("SELECT COUNT("):
            if "count" in parts:
                parts["probe"] = parts["count"]
            parts["count"] = query
        elif "page" not in parts and 'FROM "CUSTOMERS_CUSTOMER"' in sql:
            parts["page"] = query
        elif "page" in parts:
            parts.setdefault("prefetch", query)
        else:
            parts.setdefault("scope", query)
    return parts


PARTS = ("scope", "probe", "page", "prefetch", "count")


def _run(con: sqlite3.Connection, query: dict[str, Any]) -> float:
    started = time.perf_counter()
    con.execute(qmark(query["sql"]), query["params"]).fetchall()
    return (time.perf_counter() - started) * 1000


def time_kind(
    con: sqlite3.Connection,
    captures: list[list[dict[str, Any]]],
    runs: int,
    budget_s: float = 30.0,
) -> dict[str, Any]:
    """Median and p95 in ms of each part (`split`) and their sum over `runs` calls, cycling
    through the same filter values as the HTTP requests; one untimed warm-up pass first. Stops
    early (at least one timed call) once `budget_s` seconds have gone; `runs` says how many ran."""
    calls = [split(capture[1:]) for capture in captures]
    deadline = time.perf_counter() + budget_s
    for parts in calls:  # warm-up
        if time.perf_counter() > deadline:
            break
        for query in parts.values():
            _run(con, query)
    deadline = time.perf_counter() + budget_s
    samples: dict[str, list[float]] = {name: [] for name in (*PARTS, "total")}
    for number in range(runs):
        if number and time.perf_counter() > deadline:
            break
        parts = calls[number % len(calls)]
        total = 0.0
        for name in PARTS:
            if name in parts:
                elapsed = _run(con, parts[name])
                samples[name].append(elapsed)
                total += elapsed
        samples["total"].append(total)
    result: dict[str, Any] = {"runs": len(samples["total"])}
    for name, values in samples.items():
        if values:
            ordered = sorted(values)
            result[name] = {
                "p50_ms": round(statistics.median(ordered), 2),
                "p95_ms": round(ordered[max(0, -(-len(ordered) * 95 // 100) - 1)], 2),
            }
    return result


def matches(con: sqlite3.Connection, captures: list[list[dict[str, Any]]]) -> list[int]:
    """How many rows each call's count query finds (give it uncapped counts: `_whatif.exact`)."""
    found = []
    for capture in captures:
        query = split(capture[1:]).get("count")
        if query is not None:
            found.append(con.execute(qmark(query["sql"]), query["params"]).fetchone()[0])
    return found


def plan(con: sqlite3.Connection, query: dict[str, Any]) -> list[str]:
    rows = con.execute("EXPLAIN QUERY PLAN " + qmark(query["sql"]), query["params"]).fetchall()
    return [row[3] for row in rows]


def indexes_in(lines: list[str]) -> list[str]:
    found = []
    for line in lines:
        match = re.search(r"USING (?:COVERING )?INDEX (\w+)", line)
        if match and match.group(1) not in found:
            found.append(match.group(1))
    return found
