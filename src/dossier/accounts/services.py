"""Every write to users, teams and tokens: checked, validated, audited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from dossier.access.catalogue import PERMISSIONS
from dossier.access.policy import has_perm, require, require_write
from dossier.accounts.domain import new_token, token_digest
from dossier.accounts.models import ApiToken, Role, Team, User
from dossier.audit.services import record
from dossier.core import clock
from dossier.core.actor import Actor
from dossier.core.errors import Invalid, NotAuthenticated, NotFound, PermissionDenied

USERNAME = re.compile(r"^[\w.@+-]{2,150}$")
MAX_TOKEN_DAYS = 3650


def _role(code: str) -> Role:
    try:
        return Role.objects.get(code=code)
    except Role.DoesNotExist:
        choices = ", ".join(Role.objects.values_list("code", flat=True))
        raise Invalid.single(
            "role",
            _("Unknown role “%(role)s”; choose from: %(choices)s.")
            % {"role": code, "choices": choices},
        ) from None


def _team(name: str | None) -> Team | None:
    if not name:
        return None
    try:
        return Team.objects.get(name=name)
    except Team.DoesNotExist:
        raise Invalid.single("team", _("There is no team “%(team)s”.") % {"team": name}) from None


def _user(username: str) -> User:
    try:
        return User.objects.get(username=username)
    except User.DoesNotExist:
        raise NotFound(_("There is no user “%(user)s”.") % {"user": username}) from None


def _check_password(password: str, user: User | None = None) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise Invalid.single("password", " ".join(error.messages)) from None


def _check_email(email: str) -> str:
    email = email.strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise Invalid.single(
            "email", _("“%(email)s” is not an e-mail address.") % {"email": email}
        ) from None
    local, _at, domain = email.rpartition("@")
    return f"{local}@{domain.lower()}"


@dataclass(frozen=True)
class NewUser:
    username: str
    password: str
    role: str
    team: str | None = None
    email: str = ""
    display_name: str = ""


def create_user(actor: Actor, spec: NewUser) -> User:
    require(actor, "users.manage")
    require_write(actor)
    username = spec.username.strip()
    if not USERNAME.match(username):
        raise Invalid.single("username", _("A user name has 2 to 150 letters, digits or . @ + - _"))
    if User.objects.filter(username__iexact=username).exists():
        raise Invalid.single(
            "username", _("The user name “%(user)s” is taken.") % {"user": username}, code="taken"
        )
    user = User(
        username=username,
        email=_check_email(spec.email),
        role=_role(spec.role),
        team=_team(spec.team),
        display_name=spec.display_name.strip()[:150],
    )
    _check_password(spec.password, user)
    user.set_password(spec.password)
    user.save()
    record(
        actor,
        "user.created",
        object_type="user",
        object_id=user.pk,
        summary=username,
        changes={"role": spec.role, "team": spec.team, "email": user.email},
    )
    return user


def update_user(actor: Actor, username: str, changes: dict[str, object]) -> User:
    """Change a user's role, team or active flag: one write, one audit event."""
    require(actor, "users.manage")
    require_write(actor)
    unknown = set(changes) - {"role", "team", "is_active"}
    if unknown:
        raise Invalid.single(sorted(unknown)[0], _("This field cannot be changed here."))
    user = _user(username)
    diff: dict[str, list[object]] = {}
    if changes.get("role") is not None:
        role = _role(str(changes["role"]))
        if user.pk == actor.user_id and role.code != "admin":
            raise PermissionDenied(_("You cannot take away your own admin role."))
        diff["role"] = [user.role.code, role.code]
        user.role = role
    if "team" in changes:
        team = _team(str(changes["team"]) if changes["team"] else None)
        diff["team"] = [user.team.name if user.team else None, team.name if team else None]
        user.team = team
    if changes.get("is_active") is not None:
        active = bool(changes["is_active"])
        if user.pk == actor.user_id and not active:
            raise PermissionDenied(_("You cannot disable your own account."))
        diff["is_active"] = [user.is_active, active]
        user.is_active = active
        if not active:
            ApiToken.objects.filter(user=user, revoked_at=None).update(revoked_at=clock.now())
    user.save(update_fields=["role", "team", "is_active"])
    record(
        actor,
        _user_action(diff),
        object_type="user",
        object_id=user.pk,
        summary=username,
        changes=diff,
    )
    return user


def _user_action(diff: dict[str, list[object]]) -> str:
    if list(diff) == ["is_active"]:
        return "user.enabled" if diff["is_active"][1] else "user.disabled"
    if list(diff) == ["role"]:
        return "user.role_changed"
    if list(diff) == ["team"]:
        return "user.team_changed"
    return "user.updated"


def set_role(actor: Actor, username: str, role_code: str) -> User:
    return update_user(actor, username, {"role": role_code})


def set_team(actor: Actor, username: str, team_name: str | None) -> User:
    return update_user(actor, username, {"team": team_name})


def set_active(actor: Actor, username: str, *, active: bool) -> User:
    return update_user(actor, username, {"is_active": active})


def change_password(actor: Actor, *, old_password: str, new_password: str) -> None:
    require_write(actor)
    user = User.objects.get(pk=actor.require_user_id())
    if not user.check_password(old_password):
        raise Invalid.single("old_password", _("The current password is wrong."))
    _check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(
        actor, "user.password_changed", object_type="user", object_id=user.pk, summary=user.username
    )


def reset_password(actor: Actor, username: str, new_password: str) -> None:
    require(actor, "users.manage")
    require_write(actor)
    user = _user(username)
    _check_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    record(actor, "user.password_reset", object_type="user", object_id=user.pk, summary=username)


def unlock(actor: Actor, username: str) -> None:
    """Clear a sign-in lock-out (django-axes' failure records for this user name)."""
    from axes.utils import reset

    require(actor, "users.manage")
    require_write(actor)
    user = _user(username)
    cleared = reset(username=user.username)
    record(
        actor,
        "user.unlocked",
        object_type="user",
        object_id=user.pk,
        summary=username,
        changes={"cleared_attempts": cleared},
    )


def record_login(actor: Actor) -> None:
    record(
        actor,
        "user.logged_in",
        object_type="user",
        object_id=actor.user_id or "",
        summary=actor.username,
    )


def record_login_failure(actor: Actor, username: str) -> None:
    record(actor, "user.login_failed", object_type="user", object_id="", summary=username[:150])


def record_logout(actor: Actor) -> None:
    record(
        actor,
        "user.logged_out",
        object_type="user",
        object_id=actor.user_id or "",
        summary=actor.username,
    )


def create_team(actor: Actor, name: str, managers: list[str] | None = None) -> Team:
    require(actor, "users.manage")
    require_write(actor)
    name = name.strip()
    if not name or len(name) > 80:
        raise Invalid.single("name", _("A team name has 1 to 80 characters."))
    if Team.objects.filter(name__iexact=name).exists():
        raise Invalid.single(
            "name", _("The team “%(team)s” exists already.") % {"team": name}, code="taken"
        )
    manager_users = [_user(username) for username in managers or []]
    team = Team.objects.create(name=name)
    team.managers.set(manager_users)
    record(
        actor,
        "team.created",
        object_type="team",
        object_id=team.pk,
        summary=name,
        changes={"managers": [u.username for u in manager_users]},
    )
    return team


def set_team_managers(actor: Actor, team_name: str, managers: list[str]) -> Team:
    require(actor, "users.manage")
    require_write(actor)
    team = _team(team_name)
    if team is None:
        raise Invalid.single("team", _("A team name is needed."))
    before = sorted(team.managers.values_list("username", flat=True))
    team.managers.set([_user(username) for username in managers])
    record(
        actor,
        "team.managers_changed",
        object_type="team",
        object_id=team.pk,
        summary=team.name,
        changes={"managers": [before, sorted(managers)]},
    )
    return team


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str


def create_token(
    actor: Actor,
    *,
    username: str,
    name: str = "",
    read_only: bool = False,
    expires_days: int | None = None,
) -> IssuedToken:
    require_write(actor)
    user = _user(username)
    if user.pk != actor.user_id:
        require(actor, "users.manage")
    if not user.is_active:
        raise Invalid.single("user", _("The user “%(user)s” is disabled.") % {"user": username})
    if expires_days is not None and not 1 <= expires_days <= MAX_TOKEN_DAYS:
        raise Invalid.single(
            "expires_days", _("A token lasts 1 to %(max)s days.") % {"max": MAX_TOKEN_DAYS}
        )
    if len(name) > 80:
        raise Invalid.single("name", _("A token name has at most 80 characters."))
    issued = new_token()
    expires_at = clock.now() + timedelta(days=expires_days) if expires_days else None
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API",
        prefix=issued.prefix,
        digest=issued.digest,
        read_only=read_only,
        expires_at=expires_at,
    )
    record(
        actor,
        "token.created",
        object_type="api_token",
        object_id=token.pk,
        summary=f"{username} {issued.prefix}",
        changes={"read_only": read_only, "expires_at": expires_at},
    )
    return IssuedToken(token, issued.plaintext)


def revoke_token(actor: Actor, token_id: int) -> ApiToken:
    require_write(actor)
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    may_manage = token is not None and (
        token.user_id == actor.user_id or has_perm(actor, "users.manage")
    )
    if token is None or not may_manage:
        raise NotFound(_("There is no API token %(id)s.") % {"id": token_id})
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        record(
            actor,
            "token.revoked",
            object_type="api_token",
            object_id=token.pk,
            summary=f"{token.user.username} {token.prefix}",
        )
    return token


def authenticate_token(plaintext: str) -> ApiToken:
    """The live token for a bearer string; keeps `last_used_at` roughly current."""
    token = (
        ApiToken.objects.select_related("user", "user__role")
        .filter(digest=token_digest(plaintext))
        .first()
    )
    now = clock.now()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise NotAuthenticated(_("The API token is unknown or revoked."), code="invalid_token")
    if token.expires_at is not None and token.expires_at <= now:
        raise NotAuthenticated(_("The API token has expired."), code="token_expired")
    stale = now - timedelta(seconds=settings.API_TOKEN_TOUCH_SECONDS)
    if token.last_used_at is None or token.last_used_at < stale:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def set_role_permissions(actor: Actor, code: str, permissions: list[str]) -> Role:
    """An admin changes what a role may do; it applies from the next request of its users."""
    require(actor, "users.manage")
    require_write(actor)
    role = _role(code)
    if role.code == "admin":
        raise PermissionDenied(_("The administrator role always has every permission."))
    unknown = sorted(set(permissions) - set(PERMISSIONS))
    if unknown:
        raise Invalid.single(
            "permissions", _("Unknown permissions: %(p)s.") % {"p": ", ".join(unknown)}
        )
    wanted = [p for p in PERMISSIONS if p in set(permissions)]  # catalogue order
    before, role.permissions = list(role.permissions), wanted
    role.save(update_fields=["permissions"])
    record(
        actor,
        "role.changed",
        object_type="role",
        object_id=role.pk,
        summary=role.code,
        changes={"permissions": [before, wanted]},
    )
    return role
