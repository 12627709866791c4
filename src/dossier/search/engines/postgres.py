"""PostgreSQL: a generated tsvector column of search_entry with a GIN index."""

from __future__ import annotations

from typing import Any

from dossier.core.text import Query, Term
from dossier.search.engines import Params, fetch

# Terms are stored verbatim (no parser, no stemming); names carry weight A, the rest D.
CREATE = [
    """ALTER TABLE search_entry ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(name_terms, ' ')), 'A')
        || array_to_tsvector(string_to_array(terms, ' '))) STORED""",
    "CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv)",
]
DROP = [
    "DROP INDEX IF EXISTS search_entry_tsv",
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
    def install(self, cursor: Any) -> None:
        for statement in CREATE:
            cursor.execute(statement)

    def uninstall(self, cursor: Any) -> None:
        for statement in DROP:
            cursor.execute(statement)

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

    def grouped(
        self, inner: tuple[str, Params], query: Query, columns: list[str]
    ) -> list[tuple[Any, ...]]:
        sql, params = inner
        cols = ", ".join(f"v.{c}" for c in columns)
        return fetch(
            f"""SELECT {cols}, COUNT(*) FROM search_entry e JOIN ({sql}) v ON v.id = e.id
            WHERE e.tsv @@ %s::tsquery GROUP BY {cols}""",  # noqa: S608 (columns are ours)
            [*params, tsquery(query)],
        )

    def raw_match(self, query: Query, limit: int) -> list[int]:
        rows = fetch(
            "SELECT id FROM search_entry WHERE tsv @@ %s::tsquery LIMIT %s",
            [tsquery(query), limit],
        )
        return [r[0] for r in rows]

    def size_bytes(self) -> int:
        rows = fetch(
            "SELECT pg_total_relation_size('search_entry')"
            " + pg_total_relation_size('search_entrytag')",
            [],
        )
        return int(rows[0][0] or 0)
