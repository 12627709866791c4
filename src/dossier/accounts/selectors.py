"""Reading users, teams, roles and tokens, and turning a user into an Actor."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from dossier.access.policy import require
from dossier.accounts.models import ApiToken, Role, Team, User
from dossier.core.actor import Actor, Channel
from dossier.core.errors import NotFound


def actor_for(
    user: User, *, via: Channel = "web", read_only: bool = False, ip: str | None = None
) -> Actor:
    managed = frozenset(user.managed_teams.values_list("id", flat=True))
    return Actor(
        user_id=user.pk,
        username=user.username,
        role=user.role.code,
        permissions=frozenset(user.role.permissions),
        team_ids=frozenset([user.team_id]) if user.team_id else frozenset(),
        managed_team_ids=managed,
        via=via,
        read_only=read_only,
        ip=ip,
    )


def actor_by_username(username: str, *, via: Channel = "cli") -> Actor:
    user = User.objects.select_related("role").filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(f"There is no active user {username!r}.")
    return actor_for(user, via=via)


def users(actor: Actor) -> QuerySet[User]:
    require(actor, "users.manage")
    return User.objects.select_related("role", "team")


def filter_users(
    actor: Actor,
    *,
    role: str | None = None,
    team: str | None = None,
    is_active: bool | None = None,
    q: str | None = None,
) -> QuerySet[User]:
    rows = users(actor)
    if role:
        rows = rows.filter(role__code=role)
    if team:
        rows = rows.filter(team__name=team)
    if is_active is not None:
        rows = rows.filter(is_active=is_active)
    if q:
        rows = rows.filter(
            Q(username__icontains=q) | Q(display_name__icontains=q) | Q(email__icontains=q)
        )
    return rows


def actor_user(actor: Actor) -> User:
    """The signed-in user's own record; anyone may read themselves."""
    user = User.objects.select_related("role", "team").filter(pk=actor.require_user_id()).first()
    if user is None:
        raise NotFound("This actor is not a user.")
    return user


def user_detail(actor: Actor, user_id: int) -> User:
    user = users(actor).filter(pk=user_id).first()
    if user is None:
        raise NotFound(f"There is no user {user_id}.")
    return user


def teams(actor: Actor) -> QuerySet[Team]:
    """Everyone may list teams (they are named in sharing and reports); members are counted."""
    return Team.objects.prefetch_related("managers").annotate(member_count=Count("members"))


def roles(actor: Actor) -> QuerySet[Role]:
    return Role.objects.annotate(user_count=Count("users"))


def tokens(actor: Actor, *, username: str | None = None) -> QuerySet[ApiToken]:
    rows = ApiToken.objects.select_related("user")
    if username and username != actor.username:
        require(actor, "users.manage")
        return rows.filter(user__username=username)
    if actor.user_id is None:
        return rows
    return rows.filter(user_id=actor.user_id)


def counts() -> dict[str, int]:
    return {
        "users": User.objects.filter(is_active=True).count(),
        "teams": Team.objects.count(),
        "tokens": ApiToken.objects.filter(revoked_at=None).count(),
    }
