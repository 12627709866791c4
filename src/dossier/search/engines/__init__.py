"""The full-text engine behind search: SQLite FTS5 or PostgreSQL tsvector, by connection.vendor."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

from django.db import connection

from dossier.core.text import Query
from dossier.search.domain import name_share, relevance

Params = list[Any]


class Engine(Protocol):
    """Every method takes `inner`: SQL (and params) selecting the entries the actor may see,
    already filtered, with an `id` column; the engine adds the full-text match."""

    def install(self, cursor: Any) -> None: ...

    def prepare(self) -> None:
        """Set the transaction up for one search's statements."""
        ...

    def uninstall(self, cursor: Any) -> None: ...

    def suspended(self) -> AbstractContextManager[None]:
        """Inside, the full-text index is not kept in step with search_entry; on leaving it is
        built again from the table in one pass, for a reindex (the caller's transaction rolls
        both back together if anything fails)."""
        ...

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
        """(id, BM25 or ts_rank score) best first, exact names (`name_key`) first: for OR
        queries, where how rare a term is tells matches apart (which customer a file names)."""
        ...

    def matching(
        self,
        inner: tuple[str, Params],
        query: Query,
        *,
        cap: int | None = None,
        names_only: bool = False,
    ) -> tuple[str, Params]:
        """SQL selecting the rows of `inner` that match (in their names only, if asked): the
        newest `cap` of them, newest first, or all of them in no order."""
        ...

    def raw_match(self, query: Query, limit: int) -> list[int]: ...

    def id_list(self, ids: list[int]) -> tuple[str, Params]:
        """SQL selecting these ids, all in one parameter."""
        ...

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


Candidate = tuple[int, bool, str]  # (id, exact name, name terms)


def best_first(
    query: Query, rows: list[Candidate], limit: int, offset: int
) -> list[tuple[int, float]]:
    """One page of matches by `relevance`, the newest first among equals; an id found twice
    (by name and by text) counts once."""
    scored = {pk: relevance(query, names, exact=bool(exact)) for pk, exact, names in rows}
    order = sorted(scored.items(), key=lambda item: (-item[1], -item[0]))
    return order[offset : offset + limit]


def _newest(
    inner: tuple[str, Params], query: Query, name_key: str, n: int, *, names_only: bool
) -> list[Candidate]:
    """The newest `n` matches of `inner`, which selects id, name_key and name_terms."""
    rows = fetch(*engine().matching(inner, query, cap=n, names_only=names_only))
    return [(pk, key == name_key, names) for pk, key, names in rows]


def ranked_newest(
    inner: tuple[str, Params],
    query: Query,
    name_key: str,
    limit: int,
    offset: int,
    *,
    cap: int,
    exact: list[Candidate],
    known: list[Candidate],
    complete: bool,
) -> list[tuple[int, float]]:
    """A page of the newest `cap` matches, the newest `cap` name matches and the `exact` name
    matches, by relevance: a broad query (a surname, a common word) costs the same at a million
    entries as at ten thousand, and a name match is never pushed out by newer mentions in files.

    `known` are the newest matches already read (all of them when `complete`), newest first;
    the engine is asked only for what they do not hold. When every one of the newest matches
    holds the whole query in its name, older name matches could only tie with them."""
    n = max(cap, limit + offset)
    newest = known if complete or len(known) > n else None
    if newest is None:
        newest = _newest(inner, query, name_key, n + 1, names_only=False)
        complete = len(newest) <= n
    found = newest[:n]
    if len(newest) > n and any(name_share(query, names.split()) < 1 for _, _, names in found):
        if complete:
            found += [row for row in newest[n:] if name_share(query, row[2].split()) == 1]
        else:
            found += _newest(inner, query, name_key, n, names_only=True)
    return best_first(query, found + exact, limit, offset)
