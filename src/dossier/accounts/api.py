"""/api/v1/me, users, teams, roles and tokens; and bearer-token authentication."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.security import HttpBearer

from dossier.accounts import selectors, services
from dossier.accounts.auth import client_ip, request_actor
from dossier.accounts.models import User
from dossier.accounts.schemas import (
    IssuedTokenOut,
    MeOut,
    RoleOut,
    TeamIn,
    TeamOut,
    TokenIn,
    TokenOut,
    UserIn,
    UserOut,
    UserPage,
    UserPatch,
)
from dossier.api_schemas import ERRORS
from dossier.core.paging import Page, paginate, parse_sort

router = Router(tags=["accounts"])


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        api_token = services.authenticate_token(token)
        request._dossier_actor = selectors.actor_for(  # type: ignore[attr-defined]
            api_token.user, via="api", read_only=api_token.read_only, ip=client_ip(request)
        )
        return api_token.user


@router.get("/me", response={200: MeOut, **ERRORS})
def me(request: HttpRequest) -> dict[str, Any]:
    actor = request_actor(request)
    return {
        "user": selectors.actor_user(actor),
        "permissions": sorted(actor.permissions),
        "via": actor.via,
        "read_only": actor.read_only,
    }


class UserFilters(Schema):
    role: str | None = None
    team: str | None = None
    is_active: bool | None = None
    q: str | None = None
    sort: str | None = None
    limit: int = 50
    offset: int = 0


USER_SORTS = ("username", "date_joined", "last_login", "id")


@router.get("/users", response={200: UserPage, **ERRORS})
def list_users(request: HttpRequest, filters: Query[UserFilters]) -> Page:
    rows = selectors.filter_users(
        request_actor(request),
        role=filters.role,
        team=filters.team,
        is_active=filters.is_active,
        q=filters.q,
    )
    order = parse_sort(filters.sort, USER_SORTS, default=["username"])
    return paginate(rows.order_by(*order), filters.limit, filters.offset)


@router.post("/users", response={201: UserOut, **ERRORS})
def create_user(request: HttpRequest, payload: UserIn) -> Status[User]:
    spec = services.NewUser(**payload.model_dump())
    return Status(201, services.create_user(request_actor(request), spec))


@router.get("/users/{user_id}", response={200: UserOut, **ERRORS})
def get_user(request: HttpRequest, user_id: int) -> User:
    return selectors.user_detail(request_actor(request), user_id)


@router.patch("/users/{user_id}", response={200: UserOut, **ERRORS})
def patch_user(request: HttpRequest, user_id: int, payload: UserPatch) -> User:
    actor = request_actor(request)
    user = selectors.user_detail(actor, user_id)
    return services.update_user(actor, user.username, payload.model_dump(exclude_unset=True))


@router.get("/teams", response={200: list[TeamOut], **ERRORS})
def list_teams(request: HttpRequest) -> Any:
    return selectors.teams(request_actor(request))


@router.post("/teams", response={201: TeamOut, **ERRORS})
def create_team(request: HttpRequest, payload: TeamIn) -> Status[Any]:
    actor = request_actor(request)
    team = services.create_team(actor, payload.name, payload.managers)
    return Status(201, selectors.teams(actor).get(pk=team.pk))


@router.get("/roles", response={200: list[RoleOut], **ERRORS})
def list_roles(request: HttpRequest) -> Any:
    return selectors.roles(request_actor(request))


@router.get("/tokens", response={200: list[TokenOut], **ERRORS})
def list_tokens(request: HttpRequest, user: str | None = None) -> Any:
    return selectors.tokens(request_actor(request), username=user)


@router.post("/tokens", response={201: IssuedTokenOut, **ERRORS})
def create_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    actor = request_actor(request)
    issued = services.create_token(
        actor,
        username=payload.user or actor.username,
        name=payload.name,
        read_only=payload.read_only,
        expires_days=payload.expires_days,
    )
    return Status(201, {"token": issued.plaintext, "api_token": issued.token})


@router.delete("/tokens/{token_id}", response={200: TokenOut, **ERRORS})
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    return services.revoke_token(request_actor(request), token_id)
