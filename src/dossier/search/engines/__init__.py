"""The full-text engine behind search: SQLite FTS5 or PostgreSQL tsvector, by connection.vendor."""

from __future__ import annotations

from typing import Any, Protocol

from django.db import connection

from dossier.core.text import Query

Params = list[Any]


class Engine(Protocol):
    """Every method takes `inner`: SQL (and params) selecting the entries the actor may see,
    already filtered, with an `id` column; the engine adds the full-text match."""

    def install(self, cursor: Any) -> None: ...

    def uninstall(self, cursor: Any) -> None: ...

    def ranked(
        self,
        inner: tuple[str, Params],
        query: Query,
        name_key: str,
        limit: int,
        offset: int = 0,
        *,
        names_only: bool = False,
        cap: int | None = None,
    ) -> list[tuple[int, float]]:
        """(id, score) best first: exact names (`name_key`), then relevance. With `cap`, only
        the newest `cap` matches and the newest `cap` name matches are ranked."""
        ...

    def matching(
        self, inner: tuple[str, Params], query: Query, *, cap: int | None = None
    ) -> tuple[str, Params]:
        """SQL selecting the rows of `inner` that match: the newest `cap` of them, or all."""
        ...

    def raw_match(self, query: Query, limit: int) -> list[int]: ...

    def size_bytes(self) -> int: ...


def engine(vendor: str | None = None) -> Engine:
    chosen = vendor or connection.vendor
    if chosen == "postgresql":
        from dossier.search.engines.postgres import PostgresEngine

        return PostgresEngine()
    from dossier.search.engines.sqlite import SqliteEngine

    return SqliteEngine()


def fetch(sql: str, params: Params) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


Scored = list[tuple[int, float, bool]]  # (id, relevance: higher is better, exact name)


def best_first(rows: Scored, limit: int, offset: int) -> list[tuple[int, float]]:
    """One page of scored matches: exact names first, then relevance, then the newest; an id
    found twice (by name and by text) keeps its better score. Exact names score 100 more."""
    best: dict[int, tuple[float, bool]] = {}
    for pk, score, exact in rows:
        seen = best.get(pk)
        if seen is None or score > seen[0]:
            best[pk] = (float(score), bool(exact))
    order = sorted(best.items(), key=lambda item: (not item[1][1], -item[1][0], -item[0]))
    return [(pk, score + (100.0 if exact else 0.0)) for pk, (score, exact) in order][
        offset : offset + limit
    ]


def window(cap: int | None, limit: int, offset: int) -> int | None:
    """How many of the newest matches a capped ranking reads: never fewer than the page needs."""
    return None if cap is None else max(cap, limit + offset)
