"""The customer list's `q`: answered by the search index, which search registers at start-up
(apps form a DAG, so customers cannot ask search directly)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q
from django.db.models.expressions import RawSQL

from dossier.core import paging
from dossier.core.actor import Actor

if TYPE_CHECKING:
    from dossier.customers.selectors.customer_list import CustomerFilter


@dataclass(frozen=True)
class TextMatches:
    """The customers whose own record matches a query: `sql` selects their ids, every one of
    them or only the newest `cap` when `complete` is False. The ids are its one parameter: a
    thousand ids as a thousand parameters cost Django a few milliseconds to prepare, for each
    statement that tests them."""

    sql: tuple[str, list[Any]]
    complete: bool


class TextIndex(Protocol):
    def __call__(
        self, actor: Actor, q: str, filters: CustomerFilter, *, cap: int
    ) -> TextMatches: ...


_index: TextIndex | None = None


def use_index(index: TextIndex | None) -> None:
    """Answer `q` from `index` from now on (None: by substring, as without search)."""
    global _index
    _index = index


@dataclass(frozen=True)
class TextFilter:
    """A list's `q` as a condition on customers, read once per request."""

    condition: Q
    # False when `q` matched more customers than a list takes from the index: then the list
    # holds the newest of them (paging.COUNT_CAP, as search does) and says so.
    complete: bool = True


def text_filter(actor: Actor, filters: CustomerFilter) -> TextFilter | None:
    """`q` as a condition: the newest 1,000 matches at most, so that a common word costs the
    same at a million customers as a phone number does. The index applies the actor's scope
    and the filters it knows (category, region, owner) before it takes the newest."""
    if not filters.q:
        return None
    if _index is None:
        q = filters.q
        substring = (
            Q(name__icontains=q)
            | Q(company__icontains=q)
            | Q(phone__contains=q)
            | Q(email__icontains=q)
        )
        return TextFilter(substring)
    found = _index(actor, filters.q, filters, cap=paging.COUNT_CAP)
    # The SQL is the engine's, with the ids as its one parameter.
    return TextFilter(Q(pk__in=RawSQL(*found.sql)), complete=found.complete)  # noqa: S611
