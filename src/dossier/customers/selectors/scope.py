"""Which customers an actor may see: the scope every customer read starts from."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dossier.access.policy import customer_scope
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.customers.models import Customer, Share


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


def scoped(
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


def readable(actor: Actor, *, shares_now: bool = False) -> QuerySet[Customer]:
    """The live customers the actor may see: the only way to begin a customer query.
    `shares_now` reads the actor's shares at once rather than in a subquery (list pages)."""
    return scoped(actor, Customer.objects.filter(deleted_at__isnull=True), shares_now=shares_now)


def trash(actor: Actor) -> QuerySet[Customer]:
    return scoped(actor, Customer.objects.filter(deleted_at__isnull=False)).order_by("-deleted_at")
