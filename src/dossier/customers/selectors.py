"""Every read of customers and contacts starts from `readable(actor)`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from dossier.access.policy import customer_scope
from dossier.accounts.models import User
from dossier.audit.models import Revision
from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.customers.models import Category, Contact, Customer, SavedView, Tag


def _scoped(actor: Actor, rows: QuerySet[Customer]) -> QuerySet[Customer]:
    scope = customer_scope(actor)
    if scope.everything:
        return rows
    return rows.filter(Q(owner_id__in=scope.owner_ids) | Q(team_id__in=scope.team_ids))


def readable(actor: Actor) -> QuerySet[Customer]:
    """The live customers the actor may see: the only way to begin a customer query."""
    return _scoped(actor, Customer.objects.filter(deleted_at__isnull=True))


def trash(actor: Actor) -> QuerySet[Customer]:
    return _scoped(actor, Customer.objects.filter(deleted_at__isnull=False)).order_by("-deleted_at")


def for_display(rows: QuerySet[Customer]) -> QuerySet[Customer]:
    return rows.select_related("category", "owner", "team").prefetch_related("tags")


def customer(actor: Actor, customer_id: int, *, include_deleted: bool = False) -> Customer:
    rows = _scoped(actor, Customer.objects.all()) if include_deleted else readable(actor)
    found = for_display(rows).filter(pk=customer_id).first()
    if found is None:
        raise NotFound(f"There is no customer {customer_id}.")
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
        raise NotFound(f"There is no customer {customer_id}.")
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
    rows = readable(actor)
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
    for column, start, end in (
        ("created_at", filters.created_from, filters.created_to),
        ("updated_at", filters.updated_from, filters.updated_to),
    ):
        if start:
            rows = rows.filter(**{f"{column}__gte": _day(start)})
        if end:
            rows = rows.filter(**{f"{column}__lt": _day(end, end=True)})
    return rows


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
        raise NotFound(f"There is no contact {contact_id}.")
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
