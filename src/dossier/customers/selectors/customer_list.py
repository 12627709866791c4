"""The customer list: filters, the order's plan at a million rows, and one page of plain rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, Exists, F, Func, OuterRef, QuerySet
from django.utils import timezone

from dossier.core.actor import Actor
from dossier.core.paging import Page, capped_count, check_window
from dossier.customers.models import Customer, CustomerTag
from dossier.customers.selectors.scope import readable
from dossier.customers.selectors.text import TextFilter, text_filter


@dataclass(frozen=True)
class CustomerFilter:
    q: str | None = None
    kind: str | None = None
    category: str | None = None
    province: str | None = None
    city: str | None = None
    industry: str | None = None
    level: str | None = None
    source: str | None = None
    owner: str | None = None
    tag: str | None = None
    created_from: date | None = None
    created_to: date | None = None
    updated_from: date | None = None
    updated_to: date | None = None


def _day(day: date, *, end: bool = False) -> datetime:
    moment = timezone.make_aware(datetime.combine(day, time.min))
    return moment + timedelta(days=1) if end else moment


EXACT = ("kind", "province", "city", "industry", "level", "source")


def for_display(rows: QuerySet[Customer]) -> QuerySet[Customer]:
    return rows.select_related("category", "owner", "team").prefetch_related("tags")


def filtered(actor: Actor, filters: CustomerFilter) -> QuerySet[Customer]:
    return _narrowed(readable(actor), filters, text_filter(actor, filters))


def _narrowed(
    rows: QuerySet[Customer], filters: CustomerFilter, text: TextFilter | None
) -> QuerySet[Customer]:
    for name in EXACT:
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    if filters.category:
        rows = rows.filter(category__code=filters.category)
    if filters.owner:
        rows = rows.filter(owner__username=filters.owner)
    if filters.tag:
        rows = rows.filter(tags__name=filters.tag)
    if text is not None:
        rows = rows.filter(text.condition)
    return _ranges(rows, filters)


def _ranges(
    rows: QuerySet[Customer], filters: CustomerFilter, *, created: str = "created_at"
) -> QuerySet[Customer]:
    for column, start, end in (
        (created, filters.created_from, filters.created_to),
        ("updated_at", filters.updated_from, filters.updated_to),
    ):
        if start:
            rows = rows.filter(**{f"{column}__gte": _day(start)})
        if end:
            rows = rows.filter(**{f"{column}__lt": _day(end, end=True)})
    return rows


@dataclass(frozen=True)
class Listing:
    """One list request's two reads of the same matches: `page` in list order for display,
    `matches` unordered for the count. Each is written in the form its database plans best
    at a million rows (docs/PERFORMANCE.md § Customers)."""

    page: QuerySet[Customer]
    matches: QuerySet[Customer]
    # False when `q` matched more customers than a list takes: the newest of them are listed.
    complete: bool = True


class _Unindexed(Func):
    """`+column` (SQLite): the same value, but the planner will not pick an index for it."""

    template = "+%(expressions)s"
    output_field = DateTimeField()


# Past this many matches of a created range, a page in updated_at order walks that order's
# index (which carries created_at) and stops after one page; up to here, sorting the matches
# read from customer_created is cheaper.
WALK_PAST = 5_000
# Within one owner's customers (customer_owner carries created_at too) a walk reads a tenth as
# many index entries for the same matches: 2,800 matches of a month walk in 1 ms, sort in 6.
WALK_OWNER_PAST = 500


def listing(actor: Actor, filters: CustomerFilter, order: Sequence[str]) -> Listing:
    """The customers matching `filters`, ordered by `order` (then newest id first)."""
    scope = readable(actor, shares_now=True)
    text = text_filter(actor, filters)
    matches = _narrowed(scope, filters, text)
    # The count joins the tag links and stops at paging.COUNT_CAP; the page asks EXISTS per
    # customer in list order and stops after one page (a join would sort every tagged one).
    page = _narrowed(scope, replace(filters, tag=None, created_from=None, created_to=None), text)
    if filters.tag:
        tagged = CustomerTag.objects.filter(customer_id=OuterRef("pk"), tag__name=filters.tag)
        page = page.filter(Exists(tagged))
    created = CustomerFilter(created_from=filters.created_from, created_to=filters.created_to)
    if _walk_created(matches, filters, order):
        page = page.alias(created_walk=_Unindexed(F("created_at")))
        page = _ranges(page, created, created="created_walk")
    else:
        page = _ranges(page, created)
    return Listing(page.order_by(*order, "-id"), matches, text is None or text.complete)


# CustomerOut's fields as columns: a list page reads plain rows, not model instances.
ROW = (
    *("id", "kind", "name", "company", "title", "phone", "email", "address", "province"),
    *("city", "district", "industry", "level", "source", "birthday", "category__code"),
    *("owner__username", "team__name", "referrer_id", "custom", "version"),
    *("created_at", "updated_at"),
)
RENAMED = {"category__code": "category", "owner__username": "owner", "team__name": "team"}


@dataclass(frozen=True)
class Window:
    """A listing's rows by slice, as paginators ask for them. Each slice's ids are found in
    the list order's index alone and only they are read whole: skipping 10,000 rows costs
    0.8 ms this way, against 25 ms when every skipped row is read too."""

    listed: Listing
    order: Sequence[str]
    display: bool = False  # customers with their category, owner, team and tags (web pages)

    def __getitem__(self, key: slice) -> QuerySet[Customer]:
        ids = self.listed.page.values("pk")[key]
        rows = Customer.objects.filter(pk__in=ids).order_by(*self.order, "-id")
        return for_display(rows) if self.display else rows

    @property
    def matches(self) -> QuerySet[Customer]:
        """The same customers, unordered: what to count."""
        return self.listed.matches

    @property
    def complete(self) -> bool:
        """False when `q` matched more customers than a list takes (the newest are listed)."""
        return self.listed.complete


def window(
    actor: Actor, filters: CustomerFilter, order: Sequence[str], *, display: bool = False
) -> Window:
    return Window(listing(actor, filters, order), order, display)


def list_page(
    actor: Actor, filters: CustomerFilter, order: Sequence[str], limit: int, offset: int
) -> Page:
    """One page of the customer list as rows of CustomerOut's fields, tags included, in three
    statements (count, page, tags) whatever the page size and however deep the page."""
    check_window(limit, offset)
    listed = window(actor, filters, order)
    count, exact = capped_count(listed.matches)
    rows = list(listed[offset : offset + limit].values(*ROW))
    tags: dict[int, list[str]] = {row["id"]: [] for row in rows}
    links = CustomerTag.objects.filter(customer_id__in=tags).values_list("customer_id", "tag__name")
    for customer_id, name in links:
        tags[customer_id].append(name)
    return Page(
        items=[_shaped(row, tags) for row in rows],
        count=max(count, offset + len(rows)),
        limit=limit,
        offset=offset,
        count_exact=exact and listed.complete,
    )


def _shaped(row: dict[str, Any], tags: dict[int, list[str]]) -> dict[str, Any]:
    shaped = {RENAMED.get(key, key): value for key, value in row.items()}
    shaped["referrer"] = shaped.pop("referrer_id")
    shaped["tags"] = sorted(tags[row["id"]])
    return shaped


def _walk_created(
    matches: QuerySet[Customer], filters: CustomerFilter, order: Sequence[str]
) -> bool:
    """Whether a created-range page should walk the updated_at order rather than sort every
    match: SQLite alone (PostgreSQL's planner weighs the range itself), many matches."""
    if not (filters.created_from or filters.created_to) or connection.vendor != "sqlite":
        return False
    if order[0].removeprefix("-") != "updated_at":
        return False
    past = WALK_OWNER_PAST if filters.owner else WALK_PAST
    return matches[: past + 1].count() > past
