"""The one place that decides whether an actor may do something."""

from __future__ import annotations

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
        raise PermissionDenied(_("You do not have the permission “%(perm)s”.")
                               % {"perm": PERMISSIONS[permission]})


def require_write(actor: Actor) -> None:
    """Read-only API tokens may call every read and no write."""
    if actor.read_only:
        raise PermissionDenied(_("This API token is read-only."), code="token_read_only")
