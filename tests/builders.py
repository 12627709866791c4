"""Small builders for tests: a user of a role, a team, the Actor of a user."""

from __future__ import annotations

import itertools

from dossier.accounts import services
from dossier.accounts.models import Team, User
from dossier.accounts.selectors import actor_for
from dossier.core.actor import Actor, Channel

PASSWORD = "correct-horse-battery"
SYSTEM = Actor.system("test")
_numbers = itertools.count(1)


def make_team(name: str | None = None, managers: list[str] | None = None) -> Team:
    return services.create_team(SYSTEM, name or f"team-{next(_numbers)}", managers or [])


def make_user(
    role: str = "sales",
    *,
    username: str | None = None,
    team: Team | None = None,
    password: str = PASSWORD,
    email: str = "",
) -> User:
    spec = services.NewUser(
        username=username or f"{role}-{next(_numbers)}",
        password=password,
        role=role,
        team=team.name if team else None,
        email=email,
    )
    return services.create_user(SYSTEM, spec)


def actor(user: User, via: Channel = "test", *, read_only: bool = False) -> Actor:
    return actor_for(
        User.objects.select_related("role").get(pk=user.pk), via=via, read_only=read_only
    )
