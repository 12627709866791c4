"""The one place that decides whether an actor may do something."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from dossier.access.catalogue import ALL, PERMISSIONS
from dossier.core.actor import Actor
from dossier.core.errors import PermissionDenied


def has_perm(actor: Actor, permission: str) -> bool:
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}")
    return ALL in actor.permissions or permission in actor.permissions


def require(actor: Actor, permission: str) -> None:
    if not has_perm(actor, permission):
        raise PermissionDenied(
            _("You do not have the permission “%(perm)s”.") % {"perm": PERMISSIONS[permission]}
        )


def require_write(actor: Actor) -> None:
    """Read-only API tokens may call every read and no write."""
    if actor.read_only:
        raise PermissionDenied(_("This API token is read-only."), code="token_read_only")


@dataclass(frozen=True)
class Scope:
    """Whose records an actor may see: all; or those owned by `owner_ids`, in `team_ids`, or
    shared (unexpired) with `share_user_id` or one of `share_team_ids`."""

    everything: bool = False
    owner_ids: frozenset[int] = field(default_factory=frozenset)
    team_ids: frozenset[int] = field(default_factory=frozenset)
    share_user_id: int | None = None
    share_team_ids: frozenset[int] = field(default_factory=frozenset)

    def covers(self, owner_id: int | None, team_id: int | None) -> bool:
        return (
            self.everything
            or owner_id in self.owner_ids
            or (team_id is not None and team_id in self.team_ids)
        )


def customer_scope(actor: Actor) -> Scope:
    if ALL in actor.permissions:
        return Scope(everything=True)
    if "customer.view" not in actor.permissions or actor.user_id is None:
        return Scope()
    teams: set[int] = set()
    if "scope.team" in actor.permissions:
        teams |= actor.team_ids
    if "scope.managed_teams" in actor.permissions:
        teams |= actor.managed_team_ids
    return Scope(
        owner_ids=frozenset({actor.user_id}),
        team_ids=frozenset(teams),
        share_user_id=actor.user_id,
        share_team_ids=actor.team_ids,
    )


def may_change_customer(
    actor: Actor, owner_id: int | None, team_id: int | None, shared: str | None = None
) -> bool:
    """Change needs the right, and the customer must be one's own, shared for editing, or
    in scope when granted wider. `shared` is the actor's share of it ("read", "edit")."""
    if not has_perm(actor, "customer.change"):
        return False
    if ALL in actor.permissions or owner_id == actor.user_id or shared == "edit":
        return True
    return "customer.change_in_scope" in actor.permissions and customer_scope(actor).covers(
        owner_id, team_id
    )


def may_share_customer(actor: Actor, owner_id: int | None, team_id: int | None) -> bool:
    """Owners share their own customers; admins and those granted wider scope share any."""
    if actor.read_only or not has_perm(actor, "customer.share"):
        return False
    if ALL in actor.permissions or owner_id == actor.user_id:
        return True
    return "customer.change_in_scope" in actor.permissions and customer_scope(actor).covers(
        owner_id, team_id
    )


def may_delete_customer(actor: Actor, owner_id: int | None, team_id: int | None) -> bool:
    return has_perm(actor, "customer.delete") and (
        ALL in actor.permissions
        or owner_id == actor.user_id
        or (
            customer_scope(actor).covers(owner_id, team_id)
            and "customer.change_in_scope" in actor.permissions
        )
    )
