"""Every read of customers and contacts starts from `readable(actor)`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import DateTimeField, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from dossier.access.policy import customer_scope, may_change_customer
from dossier.accounts.models import User
from dossier.accounts.selectors import actor_for
from dossier.audit.models import Revision
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.core.paging import Page, paginate
from dossier.customers.models import (
    Category,
    Contact,
    Customer,
    CustomerTag,
    SavedView,
    Share,
    Tag,
)
from dossier.customers.sensitive import Revealer
from dossier.customfields import selectors as templates


def live_shares(actor: Actor) -> QuerySet[Share]:
    """The unexpired shares that give this actor access: to them, or to one of their teams."""
    whom = Q(user_id=actor.user_id) if actor.user_id is not None else Q(pk__in=[])
    if actor.team_ids:
        whom |= Q(team_id__in=actor.team_ids)
    return Share.objects.filter(whom).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=clock.now())
    )


def scope_condition(
    actor: Actor,
    *,
    owner: str = "owner_id",
    team: str = "team_id",
    customer: str = "pk",
    shares_now: bool = False,
) -> Q | None:
    """The actor's customer scope as a condition on rows that name a customer's owner, team
    and id (search's index rows carry copies of them): None when the actor sees every
    customer, a condition nothing meets when they see none. `shares_now` reads the shares at
    once: the few shared ids drop out of the query when there are none, where a subquery in the
    OR makes SQLite gather and sort every owned customer for a page."""
    scope = customer_scope(actor)
    if scope.everything:
        return None
    if scope.share_user_id is None:
        return Q(**{f"{customer}__in": []})
    shared: Any = live_shares(actor).values("customer_id")
    if shares_now:
        shared = list(shared.values_list("customer_id", flat=True))
    return (
        Q(**{f"{owner}__in": scope.owner_ids})
        | Q(**{f"{team}__in": scope.team_ids})
        | Q(**{f"{customer}__in": shared})
    )


def _scoped(
    actor: Actor, rows: QuerySet[Customer], *, shares_now: bool = False
) -> QuerySet[Customer]:
    condition = scope_condition(actor, shares_now=shares_now)
    return rows if condition is None else rows.filter(condition)


def share_of(actor: Actor, customer_id: int) -> str | None:
    """The actor's own share of a customer: "edit", "read", or None."""
    if actor.user_id is None:
        return None
    kinds = set(live_shares(actor).filter(customer_id=customer_id).values_list("access", flat=True))
    return "edit" if "edit" in kinds else "read" if kinds else None


def shares(actor: Actor, customer_id: int) -> QuerySet[Share]:
    """Who a customer is shared with, expired grants included (they show as expired)."""
    customer(actor, customer_id)
    return Share.objects.filter(customer_id=customer_id).select_related(
        "user", "team", "granted_by"
    )


def readable(actor: Actor, *, shares_now: bool = False) -> QuerySet[Customer]:
    """The live customers the actor may see: the only way to begin a customer query.
    `shares_now` reads the actor's shares at once rather than in a subquery (list pages)."""
    return _scoped(actor, Customer.objects.filter(deleted_at__isnull=True), shares_now=shares_now)


def trash(actor: Actor) -> QuerySet[Customer]:
    return _scoped(actor, Customer.objects.filter(deleted_at__isnull=False)).order_by("-deleted_at")


def for_display(rows: QuerySet[Customer]) -> QuerySet[Customer]:
    return rows.select_related("category", "owner", "team").prefetch_related("tags")


def customer(actor: Actor, customer_id: int, *, include_deleted: bool = False) -> Customer:
    rows = _scoped(actor, Customer.objects.all()) if include_deleted else readable(actor)
    found = for_display(rows).filter(pk=customer_id).first()
    if found is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    return found


def with_contacts(actor: Actor, customer_id: int) -> Customer:
    live_contacts = Contact.objects.filter(deleted_at__isnull=True)
    found = (
        for_display(readable(actor))
        .prefetch_related(Prefetch("contacts", live_contacts))
        .select_related("referrer")
        .filter(pk=customer_id)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    return found


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


def filtered(actor: Actor, filters: CustomerFilter) -> QuerySet[Customer]:
    return _narrowed(readable(actor), filters)


def _narrowed(rows: QuerySet[Customer], filters: CustomerFilter) -> QuerySet[Customer]:
    for name in EXACT:
        if value := getattr(filters, name):
            rows = rows.filter(**{name: value})
    if filters.category:
        rows = rows.filter(category__code=filters.category)
    if filters.owner:
        rows = rows.filter(owner__username=filters.owner)
    if filters.tag:
        rows = rows.filter(tags__name=filters.tag)
    if filters.q:
        rows = rows.filter(
            Q(name__icontains=filters.q)
            | Q(company__icontains=filters.q)
            | Q(phone__contains=filters.q)
            | Q(email__icontains=filters.q)
        )
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


class _Unindexed(Func):
    """`+column` (SQLite): the same value, but the planner will not pick an index for it."""

    template = "+%(expressions)s"
    output_field = DateTimeField()


# Past this many matches of a created range, a page in updated_at order walks that order's
# index (which carries created_at) and stops after one page; up to here, sorting the matches
# read from customer_created is cheaper.
WALK_PAST = 5_000


def listing(actor: Actor, filters: CustomerFilter, order: Sequence[str]) -> Listing:
    """The customers matching `filters`, ordered by `order` (then newest id first)."""
    scope = readable(actor, shares_now=True)
    matches = _narrowed(scope, filters)
    # The count joins the tag links (about 5 ms for 10,001 of 50,000); the page asks EXISTS
    # per customer in list order and stops after one page (a join would sort all 50,000).
    page = _narrowed(scope, replace(filters, tag=None, created_from=None, created_to=None))
    if filters.tag:
        tagged = CustomerTag.objects.filter(customer_id=OuterRef("pk"), tag__name=filters.tag)
        page = page.filter(Exists(tagged))
    created = CustomerFilter(created_from=filters.created_from, created_to=filters.created_to)
    if _walk_created(matches, filters, order):
        page = page.alias(created_walk=_Unindexed(F("created_at")))
        page = _ranges(page, created, created="created_walk")
    else:
        page = _ranges(page, created)
    return Listing(page.order_by(*order, "-id"), matches)


# CustomerOut's fields as columns: a list page reads plain rows, not model instances.
ROW = (
    *("id", "kind", "name", "company", "title", "phone", "email", "address", "province"),
    *("city", "district", "industry", "level", "source", "birthday", "category__code"),
    *("owner__username", "team__name", "referrer_id", "custom", "version"),
    *("created_at", "updated_at"),
)
RENAMED = {"category__code": "category", "owner__username": "owner", "team__name": "team"}


def list_page(
    actor: Actor, filters: CustomerFilter, order: Sequence[str], limit: int, offset: int
) -> Page:
    """One page of the customer list as rows of CustomerOut's fields, tags included, in three
    statements (count, page, tags) whatever the page size."""
    listed = listing(actor, filters, order)
    page = paginate(listed.page.values(*ROW), limit, offset, counted=listed.matches)
    tags: dict[int, list[str]] = {row["id"]: [] for row in page.items}  # type: ignore[index]
    links = CustomerTag.objects.filter(customer_id__in=tags).values_list("customer_id", "tag__name")
    for customer_id, name in links:
        tags[customer_id].append(name)
    page = replace(page, items=[_shaped(row, tags) for row in page.items])  # type: ignore[arg-type]
    return page


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
    return matches[: WALK_PAST + 1].count() > WALK_PAST


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def tags_in_use(actor: Actor) -> list[str]:
    return list(
        Tag.objects.filter(customers__in=readable(actor))
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")[:200]
    )


def contacts(actor: Actor, customer_id: int) -> QuerySet[Contact]:
    return Contact.objects.filter(
        customer__in=readable(actor), customer_id=customer_id, deleted_at__isnull=True
    )


def contact(actor: Actor, contact_id: int) -> Contact:
    found = (
        Contact.objects.filter(customer__in=readable(actor), deleted_at__isnull=True)
        .select_related("customer")
        .filter(pk=contact_id)
        .first()
    )
    if found is None:
        raise NotFound(_("There is no contact %(id)s.") % {"id": contact_id})
    return found


def revisions(actor: Actor, object_type: str, object_id: int) -> QuerySet[Revision]:
    """History of a customer or of one of its records; callers check the object is readable."""
    return Revision.objects.filter(object_type=object_type, object_id=object_id)


def customer_history(actor: Actor, customer_id: int) -> QuerySet[Revision]:
    customer(actor, customer_id, include_deleted=True)
    return revisions(actor, "customer", customer_id)


def saved_views(actor: Actor) -> QuerySet[SavedView]:
    if actor.user_id is None:
        return SavedView.objects.none()
    return SavedView.objects.filter(user_id=actor.user_id)


def owner_names() -> list[str]:
    """Who customers can be assigned to: every active user, by user name."""
    return list(
        User.objects.filter(is_active=True).order_by("username").values_list("username", flat=True)
    )


def primary_contacts(customer: Customer) -> list[Contact]:
    """The contacts shown in a customer's header: the primary ones, else the first."""
    live = list(customer.contacts.all())
    return [c for c in live if c.is_primary] or live[:1]


def referrals(actor: Actor, customer_id: int) -> QuerySet[Customer]:
    return readable(actor).filter(referrer_id=customer_id).order_by("name")


def may_change(actor: Actor, customer: Customer) -> bool:
    """Whether the actor may change this customer, shares included: the one question every
    change of a customer or of its records asks."""
    return may_change_customer(
        actor, customer.owner_id, customer.team_id, share_of(actor, customer.pk)
    )


@dataclass(frozen=True)
class Visibility:
    username: str
    shown_name: str
    reasons: tuple[str, ...]
    may_change: bool


def who_can_see(actor: Actor, customer_id: int) -> list[Visibility]:
    """Every active user who can see this customer, and why: the policy applied to them."""
    found = customer(actor, customer_id)
    people = User.objects.filter(is_active=True).select_related("role", "team")
    managers = set(found.team.managers.values_list("id", flat=True)) if found.team else set()
    rows: list[Visibility] = []
    for person in people.order_by("username"):
        reasons = _reasons(person, found, managers)
        if reasons:
            other = actor_for(person)
            rows.append(
                Visibility(
                    person.username, person.shown_name, tuple(reasons), may_change(other, found)
                )
            )
    return rows


def _reasons(person: User, found: Customer, managers: set[int]) -> list[str]:
    permissions = set(person.role.permissions)
    if "*" in permissions:
        return [_("administrator")]
    if "customer.view" not in permissions:
        return []
    reasons = []
    if person.pk == found.owner_id:
        reasons.append(_("owner"))
    if "scope.team" in permissions and found.team_id and person.team_id == found.team_id:
        reasons.append(_("in the customer's team"))
    if "scope.managed_teams" in permissions and person.pk in managers:
        reasons.append(_("manages the customer's team"))
    for share in _live_shares_of(found, person):
        reasons.append(
            _("shared with them (%(access)s)") % {"access": share.get_access_display()}
            if share.user_id
            else _("shared with their team (%(access)s)") % {"access": share.get_access_display()}
        )
    return reasons


def _live_shares_of(found: Customer, person: User) -> list[Share]:
    whom = Q(user_id=person.pk) | (Q(team_id=person.team_id) if person.team_id else Q(pk__in=[]))
    live = Q(expires_at__isnull=True) | Q(expires_at__gt=clock.now())
    return list(Share.objects.filter(whom, live, customer=found))


def sensitive_keys() -> set[str]:
    """Custom fields of customers that are sensitive, retired ones included."""
    return {
        spec.key
        for spec in templates.specs("customer", include_retired=True)
        if spec.sensitive and not spec.is_system
    }


def revealer(actor: Actor) -> Revealer:
    """Shows customers' custom values to `actor`; make one per page or answer."""
    return Revealer(actor, sensitive_keys)


def shown_custom(actor: Actor, found: Customer, with_: Revealer | None = None) -> dict[str, Any]:
    """A customer's custom values as this actor may read them: sensitive ones masked unless
    the actor may see them."""
    return (with_ or revealer(actor)).reveal(found.custom or {})
