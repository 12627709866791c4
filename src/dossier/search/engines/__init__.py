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
    ) -> list[tuple[int, float]]: ...

    def grouped(
        self, inner: tuple[str, Params], query: Query, columns: list[str]
    ) -> list[tuple[Any, ...]]: ...

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
