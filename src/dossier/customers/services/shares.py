"""Sharing a customer with a colleague or a team, for reading or editing, until an expiry."""

from __future__ import annotations

from datetime import datetime

from django.utils.translation import gettext as _

from dossier.access.policy import may_share_customer, require_write
from dossier.accounts.models import Team, User
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotFound, PermissionDenied
from dossier.customers import selectors
from dossier.customers.models import Customer, Share

ACCESS = ("read", "edit")


def _shareable(actor: Actor, customer_id: int) -> Customer:
    require_write(actor)
    customer = selectors.readable(actor).filter(pk=customer_id).first()
    if customer is None:
        raise NotFound(_("There is no customer %(id)s.") % {"id": customer_id})
    if not may_share_customer(actor, customer.owner_id, customer.team_id):
        raise PermissionDenied(_("Only the owner of this customer may share it."))
    return customer


def _grantee(user: str | None, team: str | None) -> tuple[User | None, Team | None]:
    if bool(user) == bool(team):
        raise Invalid.single("user", _("Share with one user or one team."))
    if user:
        found = User.objects.filter(username=user, is_active=True).first()
        if found is None:
            raise Invalid.single("user", _("There is no active user “%(u)s”.") % {"u": user})
        return found, None
    team_row = Team.objects.filter(name=team).first()
    if team_row is None:
        raise Invalid.single("team", _("There is no team “%(t)s”.") % {"t": team})
    return None, team_row


def share_customer(
    actor: Actor,
    customer_id: int,
    *,
    user: str | None = None,
    team: str | None = None,
    access: str = "read",
    expires_at: datetime | None = None,
    reason: str = "",
) -> Share:
    """Grant (or change) access to a customer; granting again replaces the earlier grant."""
    customer = _shareable(actor, customer_id)
    if access not in ACCESS:
        raise Invalid.single("access", _("Choose read or edit."))
    if expires_at is not None and expires_at <= clock.now():
        raise Invalid.single("expires_at", _("The expiry must be in the future."))
    grantee, team_row = _grantee(user, team)
    if grantee is not None and grantee.pk == customer.owner_id:
        raise Invalid.single("user", _("The owner sees this customer already."))
    share, _created = Share.objects.update_or_create(
        customer=customer,
        user=grantee,
        team=team_row,
        defaults={
            "access": access,
            "expires_at": expires_at,
            "reason": reason.strip()[:200],
            "granted_by_id": actor.user_id,
            "created_at": clock.now(),
        },
    )
    whom = grantee.username if grantee else f"team {team_row.name if team_row else ''}"
    record(
        actor,
        "customer.shared",
        object_type="customer",
        object_id=customer.pk,
        summary=f"{customer.name} → {whom} ({access})",
        changes={
            "with": whom,
            "access": access,
            "expires_at": expires_at.isoformat() if expires_at else None,
        },
    )
    return share


def unshare_customer(actor: Actor, customer_id: int, share_id: int) -> None:
    customer = _shareable(actor, customer_id)
    share = (
        Share.objects.filter(customer=customer, pk=share_id).select_related("user", "team").first()
    )
    if share is None:
        raise NotFound(_("There is no such share."))
    whom = share.user.username if share.user else f"team {share.team.name if share.team else ''}"
    share.delete()
    record(
        actor,
        "customer.unshared",
        object_type="customer",
        object_id=customer.pk,
        summary=f"{customer.name} ✕ {whom}",
    )
