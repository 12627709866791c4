"""SQLite FTS5: an external-content table over search_entry, kept in step by triggers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from dossier.core.text import Query, Term
from dossier.search.engines import Params, fetch

# Names weigh ten times the rest in BM25, so a name match outranks a mention in a file.
WEIGHTS = "10.0, 1.0"
CREATE = [
    # prefix='4': a 4-digit phone tail or typed word start reads one posting list, not the
    # merge of every term it begins (3x faster for 1380 at a million entries, index +8 %).
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        name_terms, terms, content='search_entry', content_rowid='id',
        tokenize='ascii', detail='column', prefix='4')""",
    """CREATE TRIGGER search_entry_ai AFTER INSERT ON search_entry BEGIN
        INSERT INTO search_fts(rowid, name_terms, terms)
        VALUES (new.id, new.name_terms, new.terms); END""",
    """CREATE TRIGGER search_entry_ad AFTER DELETE ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_terms, terms)
        VALUES ('delete', old.id, old.name_terms, old.terms); END""",
    """CREATE TRIGGER search_entry_au AFTER UPDATE OF name_terms, terms ON search_entry BEGIN
        INSERT INTO search_fts(search_fts, rowid, name_terms, terms)
        VALUES ('delete', old.id, old.name_terms, old.terms);
        INSERT INTO search_fts(rowid, name_terms, terms)
        VALUES (new.id, new.name_terms, new.terms); END""",
    # Fills the index from search_entry when it is rebuilt over existing entries.
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS search_entry_au",
    "DROP TRIGGER IF EXISTS search_entry_ad",
    "DROP TRIGGER IF EXISTS search_entry_ai",
    "DROP TABLE IF EXISTS search_fts",
]


def _term(term: Term) -> str:
    # Terms are alphanumeric (core.text), so quoting can never be broken out of.
    return f'"{term.text}"*' if term.prefix else f'"{term.text}"'


def match(query: Query, *, names_only: bool = False) -> str:
    """`("a" OR "b") AND ("1380"*)`, or the same within the name column only."""
    text = " AND ".join("(" + " OR ".join(_term(t) for t in g) + ")" for g in query.groups)
    return f"name_terms : ({text})" if names_only else text


class SqliteEngine:
    def prepare(self) -> None:
        pass

    def install(self, cursor: Any) -> None:
        for statement in CREATE:
            cursor.execute(statement)

    def uninstall(self, cursor: Any) -> None:
        for statement in DROP:
            cursor.execute(statement)

    @contextmanager
    def suspended(self) -> Iterator[None]:
        # FTS5 builds its index from the content table far faster than it takes a million
        # trigger inserts into one growing transaction.
        with connection.cursor() as cursor:
            self.uninstall(cursor)
        yield
        with connection.cursor() as cursor:
            self.install(cursor)

    def ranked(
        self,
        inner: tuple[str, Params],
        query: Query,
        name_key: str,
        limit: int,
        offset: int = 0,
        *,
        names_only: bool = False,
    ) -> list[tuple[int, float]]:
        sql, params = inner
        rows = fetch(
            f"""SELECT v.id, bm25(search_fts, {WEIGHTS}) AS r, (v.name_key = %s) AS exact
            FROM search_fts JOIN ({sql}) v ON v.id = search_fts.rowid
            WHERE search_fts MATCH %s ORDER BY exact DESC, r LIMIT %s OFFSET %s""",  # noqa: S608 (inner SQL is compiled by the ORM, values are params)
            [name_key, *params, match(query, names_only=names_only), limit, offset],
        )
        return [(pk, -rank + (100.0 if exact else 0.0)) for pk, rank, exact in rows]

    def matching(
        self,
        inner: tuple[str, Params],
        query: Query,
        *,
        cap: int | None = None,
        names_only: bool = False,
    ) -> tuple[str, Params]:
        sql, params = inner
        newest = "" if cap is None else f"ORDER BY search_fts.rowid DESC LIMIT {int(cap)}"
        return (
            f"""SELECT v.* FROM search_fts JOIN ({sql}) v ON v.id = search_fts.rowid
            WHERE search_fts MATCH %s {newest}""",  # noqa: S608 (inner SQL is compiled by the ORM, values are params)
            [*params, match(query, names_only=names_only)],
        )

    def raw_match(self, query: Query, limit: int) -> list[int]:
        rows = fetch(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rank LIMIT %s",
            [match(query), limit],
        )
        return [r[0] for r in rows]

    def id_list(self, ids: list[int]) -> tuple[str, Params]:
        return "SELECT value FROM json_each(%s)", [json.dumps(ids)]

    def size_bytes(self) -> int:
        # dbstat is compiled into the SQLite Python ships; it counts every page of our tables.
        rows = fetch("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE %s", ["%search_%"])
        return int(rows[0][0] or 0)
