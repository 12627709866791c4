"""The list conventions of docs/API.md: limit/offset paging and `sort=-field,field`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from dossier.core.errors import Invalid

T = TypeVar("T", covariant=True)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class Sliceable(Protocol[T]):
    def count(self) -> int: ...
    def __getitem__(self, key: slice) -> Iterable[T]: ...


@dataclass(frozen=True)
class Page:
    items: list[object]
    count: int
    limit: int
    offset: int
    count_exact: bool = True  # False: there are more than `count` (the count stopped there)


# Counting every match of a broad filter costs more than the page itself at a million rows;
# past this many, lists say "1,000+" (as mail and CRM lists do, and as search does) instead of
# counting on. Counting to 10,000 read up to 100,000 rows for a pair of filters (level and
# category: 56-244 ms at a million customers, against 5-26 ms to 1,000).
COUNT_CAP = 1_000


def capped_count(rows: Sliceable[object], cap: int | None = None) -> tuple[int, bool]:
    """How many rows there are, counting no further than `cap` (COUNT_CAP): (count, exact)."""
    cap = COUNT_CAP if cap is None else cap
    window = rows[: cap + 1]
    found = len(window) if isinstance(window, list | tuple) else window.count()  # type: ignore[attr-defined]
    return (found, True) if found <= cap else (cap, False)


def parse_sort(sort: str | None, allowed: Sequence[str], default: Sequence[str]) -> list[str]:
    """Turn `-updated_at,name` into order_by terms, refusing fields not in `allowed`."""
    if not sort:
        return list(default)
    terms = []
    for raw in sort.split(","):
        term = raw.strip()
        name = term.removeprefix("-")
        if name not in allowed:
            choices = ", ".join(allowed)
            raise Invalid.single("sort", f"cannot sort by '{name}'; choose from: {choices}")
        terms.append(term)
    return terms


def check_window(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise Invalid.single("limit", f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise Invalid.single("offset", "offset must not be negative")


def paginate(
    rows: Sliceable[object], limit: int, offset: int, *, counted: Sliceable[object] | None = None
) -> Page:
    """One page of `rows`; the count is of `counted` when given (the same matches, in a form
    cheaper to count, e.g. without the order)."""
    check_window(limit, offset)
    count, exact = capped_count(rows if counted is None else counted)
    items = list(rows[offset : offset + limit])
    return Page(
        items=items,
        count=max(count, offset + len(items)),
        limit=limit,
        offset=offset,
        count_exact=exact,
    )
