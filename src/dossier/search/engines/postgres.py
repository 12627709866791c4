"""PostgreSQL: a generated tsvector column of search_entry with a GIN index."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from dossier.core.text import Query, Term
from dossier.search.engines import Params, fetch

# Terms are stored verbatim (no parser, no stemming), each with a position, because a lexeme
# without one carries no weight: ts_rank could not favour names and `'x':A` would match text
# too. Names are position 1 with weight A, the rest position 2 (weight D).
CREATE_INDEX = "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)"
DROP_INDEX = "DROP INDEX IF EXISTS search_entry_tsv"
CREATE = [
    """ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        (CASE WHEN name_terms = '' THEN ''::tsvector
              ELSE (replace(name_terms, ' ', ':1A ') || ':1A')::tsvector END)
        || (CASE WHEN terms = '' THEN ''::tsvector
                 ELSE (replace(terms, ' ', ':2 ') || ':2')::tsvector END)) STORED""",
    CREATE_INDEX,
]
DROP = [
    DROP_INDEX,
    "ALTER TABLE search_entry DROP COLUMN IF EXISTS tsv",
]


def _term(term: Term, weight: str) -> str:
    # Terms are alphanumeric (core.text): no quote or operator can appear inside.
    return f"'{term.text}':{'*' if term.prefix else ''}{weight}".rstrip(":")


def tsquery(query: Query, *, names_only: bool = False) -> str:
    """`('a' | 'b') & '1380':*`; names-only asks for weight A."""
    weight = "A" if names_only else ""
    return " & ".join(
        "(" + " | ".join(_term(t, weight) for t in group) + ")" for group in query.groups
    )


class PostgresEngine:
    def prepare(self) -> None:
        # A search is a few statements that each stop after about a thousand rows; starting
        # parallel workers for them cost more than the work (15-45 ms against 7 ms, 100,000
        # customers). SET LOCAL ends with the request's transaction.
        if connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")

    def install(self, cursor: Any) -> None:
        for statement in CREATE:
            cursor.execute(statement)

    def uninstall(self, cursor: Any) -> None:
        for statement in DROP:
            cursor.execute(statement)

    @contextmanager
    def suspended(self) -> Iterator[None]:
        # The generated column is computed per row either way; a GIN index built in one pass
        # is far cheaper than one kept up to date through a million inserts.
        with connection.cursor() as cursor:
            cursor.execute(DROP_INDEX)
        yield
        with connection.cursor() as cursor:
            # Deferred foreign-key checks still pending would refuse the CREATE INDEX.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(CREATE_INDEX)

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
            f"""SELECT e.id, ts_rank(e.tsv, q.q) AS r, (e.name_key = %s) AS exact
            FROM search_entry e JOIN ({sql}) v ON v.id = e.id,
                 (SELECT %s::tsquery AS q) q
            WHERE e.tsv @@ q.q ORDER BY exact DESC, r DESC, e.id LIMIT %s OFFSET %s""",  # noqa: S608 (inner SQL is compiled by the ORM, values are params)
            [name_key, *params, tsquery(query, names_only=names_only), limit, offset],
        )
        return [(pk, float(rank) * 10 + (100.0 if exact else 0.0)) for pk, rank, exact in rows]

    def matching(
        self,
        inner: tuple[str, Params],
        query: Query,
        *,
        cap: int | None = None,
        names_only: bool = False,
    ) -> tuple[str, Params]:
        sql, params = inner
        newest = "" if cap is None else f"ORDER BY e.id DESC LIMIT {int(cap)}"
        return (
            f"""SELECT v.* FROM search_entry e JOIN ({sql}) v ON v.id = e.id
            WHERE e.tsv @@ %s::tsquery {newest}""",  # noqa: S608 (inner SQL is compiled by the ORM, values are params)
            [*params, tsquery(query, names_only=names_only)],
        )

    def raw_match(self, query: Query, limit: int) -> list[int]:
        rows = fetch(
            "SELECT id FROM search_entry, (SELECT %s::tsquery AS q) q WHERE tsv @@ q.q"
            " ORDER BY ts_rank(tsv, q.q) DESC LIMIT %s",
            [tsquery(query), limit],
        )
        return [r[0] for r in rows]

    def id_list(self, ids: list[int]) -> tuple[str, Params]:
        return "SELECT unnest(%s::bigint[])", [ids]

    def size_bytes(self) -> int:
        rows = fetch(
            "SELECT pg_total_relation_size('search_entry')"
            " + pg_total_relation_size('search_entrytag')",
            [],
        )
        return int(rows[0][0] or 0)
