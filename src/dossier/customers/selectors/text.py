"""The customer list's `q`: answered by the search index, which search registers at start-up
(apps form a DAG, so customers cannot ask search directly)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from django.db.models import Q
from django.db.models.expressions import RawSQL


@dataclass(frozen=True)
class TextMatches:
    """The customers whose own record matches a query. `ids` holds every one of them when
    there are at most the cap asked for, else None; `sql` selects every one's id."""

    ids: list[int] | None
    sql: tuple[str, list[Any]]


class TextIndex(Protocol):
    def __call__(self, q: str, *, cap: int) -> TextMatches: ...


_index: TextIndex | None = None

# Up to this many matches are listed by id; SQLite takes 32,766 parameters, and sorting this
# many rows for a page costs a few milliseconds.
LISTED = 10_000


def use_index(index: TextIndex | None) -> None:
    """Answer `q` from `index` from now on (None: by substring, as without search)."""
    global _index
    _index = index


@dataclass(frozen=True)
class TextFilter:
    """A list's `q` as a condition on customers, read once per request."""

    condition: Q
    # The matches are few enough to be listed: a page sorts them rather than walking the
    # list's order and testing each customer.
    few: bool


def text_filter(q: str) -> TextFilter:
    if _index is None:
        substring = (
            Q(name__icontains=q)
            | Q(company__icontains=q)
            | Q(phone__contains=q)
            | Q(email__icontains=q)
        )
        return TextFilter(substring, few=False)
    found = _index(q, cap=LISTED)
    if found.ids is not None:
        return TextFilter(Q(pk__in=found.ids), few=True)
    # The SQL is compiled by the ORM and the engine; values are parameters.
    return TextFilter(Q(pk__in=RawSQL(*found.sql)), few=False)  # noqa: S611
