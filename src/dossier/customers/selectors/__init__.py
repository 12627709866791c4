"""Every read of customers and contacts starts from `readable(actor)` (selectors.scope)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from dossier.access.policy import may_change_customer
from dossier.accounts.models import User
from dossier.accounts.selectors import actor_for
from dossier.audit.models import Revision
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import NotFound
from dossier.customers.models import (
    Category,
    Contact,
    Customer,
    CustomerTag,
    SavedView,
    Share,
    Tag,
)
from dossier.customers.selectors.customer_list import (
    CustomerFilter,
    Window,
    filtered,
    for_display,
    list_page,
    window,
)
from dossier.customers.selectors.scope import (
    live_shares,
    readable,
    scope_condition,
    scoped,
    share_of,
    trash,
)
from dossier.customers.sensitive import Revealer
from dossier.customfields import selectors as templates

__all__ = [
    "CustomerFilter",
    "Window",
    "filtered",
    "for_display",
    "list_page",
    "live_shares",
    "readable",
    "scope_condition",
    "share_of",
    "trash",
    "window",
]


def customer(actor: Actor, customer_id: int, *, include_deleted: bool = False) -> Customer:
    rows = scoped(actor, Customer.objects.all()) if include_deleted else readable(actor)
    found = for_display(rows).filter(pk=customer_id).first()
    if found is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    return found


def shares(actor: Actor, customer_id: int) -> QuerySet[Share]:
    """Who a customer is shared with, expired grants included (they show as expired)."""
    customer(actor, customer_id)
    return Share.objects.filter(customer_id=customer_id).select_related(
        "user", "team", "granted_by"
    )


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


def categories() -> QuerySet[Category]:
    return Category.objects.all()


def tags_in_use(actor: Actor) -> list[str]:
    """The tags of customers the actor may see (the list's tag filter): each tag asks whether
    one of its links reaches such a customer, instead of joining every link (437 ms at a
    million customers with 400,000 links; under a millisecond for the admin this way)."""
    links = CustomerTag.objects.filter(tag_id=OuterRef("pk"), customer__deleted_at__isnull=True)
    scope = scope_condition(
        actor,
        owner="customer__owner_id",
        team="customer__team_id",
        customer="customer_id",
    )
    if scope is not None:
        links = links.filter(scope)
    return list(
        Tag.objects.filter(Exists(links)).order_by("name").values_list("name", flat=True)[:200]
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
