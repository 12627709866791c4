"""API shapes of users, teams, roles and tokens."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema

from dossier.accounts.models import ApiToken, Team, User
from dossier.api_schemas import PageOut, StrictIn


class RoleOut(Schema):
    code: str
    name: str
    permissions: list[str]


class UserOut(Schema):
    id: int
    username: str
    display_name: str
    email: str
    role: str
    team: str | None
    is_active: bool
    date_joined: datetime
    last_login: datetime | None

    @staticmethod
    def resolve_role(user: User) -> str:
        return user.role.code

    @staticmethod
    def resolve_team(user: User) -> str | None:
        return user.team.name if user.team else None


class MeOut(Schema):
    user: UserOut
    permissions: list[str]
    via: str = Field(..., description="How this request signed in: web (session) or api (token)")
    read_only: bool


class UserPage(PageOut):
    items: list[UserOut]


class UserIn(StrictIn):
    username: str = Field(..., min_length=2, max_length=150)
    password: str = Field(..., min_length=1, max_length=256)
    role: str = Field(..., max_length=32)
    team: str | None = Field(None, max_length=80)
    email: str = Field("", max_length=254)
    display_name: str = Field("", max_length=150)


class UserPatch(StrictIn):
    role: str | None = Field(None, max_length=32)
    team: str | None = Field(None, max_length=80)
    is_active: bool | None = None


class TeamOut(Schema):
    id: int
    name: str
    managers: list[str]
    member_count: int

    @staticmethod
    def resolve_managers(team: Team) -> list[str]:
        return [user.username for user in team.managers.all()]


class TeamIn(StrictIn):
    name: str = Field(..., min_length=1, max_length=80)
    managers: list[str] = Field(default_factory=list, max_length=50)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    user: str
    read_only: bool
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None

    @staticmethod
    def resolve_user(token: ApiToken) -> str:
        return token.user.username


class TokenIn(StrictIn):
    name: str = Field("", max_length=80)
    user: str | None = Field(
        None, max_length=150, description="Whose token; others than yourself need users.manage"
    )
    read_only: bool = False
    expires_days: int | None = Field(None, ge=1, le=3650)


class IssuedTokenOut(Schema):
    token: str = Field(..., description="The secret, shown this once and never again")
    api_token: TokenOut
