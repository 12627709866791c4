"""`dossier user|team|token …`: administration from the command line."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from django.db import transaction
from rich.console import Console
from rich.table import Table

from dossier.accounts import selectors, services
from dossier.core.actor import Actor

user_app = typer.Typer(help="Users: create, list, change role, disable.", no_args_is_help=True)
team_app = typer.Typer(help="Teams and their managers.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
out = Console(highlight=False)
SYSTEM = Actor.system("cli")


@user_app.command("create")
def user_create(
    username: str,
    role: Annotated[str, typer.Option(help="admin, manager, sales, service or viewer")],
    password: Annotated[str | None, typer.Option(help="Prompted for when left out")] = None,
    team: Annotated[str | None, typer.Option(help="Team name")] = None,
    email: Annotated[str, typer.Option(help="E-mail address")] = "",
    display_name: Annotated[str, typer.Option(help="Name shown in the UI")] = "",
) -> None:
    """Create a user."""
    secret = password or typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    spec = services.NewUser(
        username=username,
        password=secret,
        role=role,
        team=team,
        email=email,
        display_name=display_name,
    )
    with transaction.atomic():
        user = services.create_user(SYSTEM, spec)
    out.print(f"User {user.username} ({role}) created.")


@user_app.command("list")
def user_list(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List users with role, team and state."""
    rows = selectors.users(SYSTEM).order_by("username")
    if as_json:
        data = [
            {
                "username": u.username,
                "role": u.role.code,
                "email": u.email,
                "team": u.team.name if u.team else None,
                "active": u.is_active,
            }
            for u in rows
        ]
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table("user", "name", "role", "team", "e-mail", "active", "last login")
    for u in rows:
        table.add_row(
            u.username,
            u.display_name,
            u.role.code,
            u.team.name if u.team else "",
            u.email,
            "yes" if u.is_active else "no",
            u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "",
        )
    out.print(table)


@user_app.command("set-role")
def user_set_role(username: str, role: str) -> None:
    """Give a user another role."""
    with transaction.atomic():
        services.set_role(SYSTEM, username, role)
    out.print(f"{username} is now {role}.")


@user_app.command("set-team")
def user_set_team(username: str, team: Annotated[str | None, typer.Argument()] = None) -> None:
    """Move a user to a team (no team name: out of any team)."""
    with transaction.atomic():
        services.set_team(SYSTEM, username, team)
    out.print(f"{username} is now in {team or 'no team'}.")


@user_app.command("disable")
def user_disable(username: str) -> None:
    """Disable a user: no sign-in, every API token revoked."""
    with transaction.atomic():
        services.set_active(SYSTEM, username, active=False)
    out.print(f"{username} is disabled.")


@user_app.command("enable")
def user_enable(username: str) -> None:
    """Enable a disabled user again."""
    with transaction.atomic():
        services.set_active(SYSTEM, username, active=True)
    out.print(f"{username} is enabled.")


@user_app.command("set-password")
def user_set_password(
    username: str,
    password: Annotated[str | None, typer.Option(help="Prompted for when left out")] = None,
) -> None:
    """Set a user's password."""
    secret = password or typer.prompt("New password", hide_input=True, confirmation_prompt=True)
    with transaction.atomic():
        services.reset_password(SYSTEM, username, secret)
    out.print(f"Password of {username} is set.")


@user_app.command("unlock")
def user_unlock(username: str) -> None:
    """Lift a sign-in lock-out after too many failed attempts."""
    with transaction.atomic():
        services.unlock(SYSTEM, username)
    out.print(f"{username} may sign in again.")


@team_app.command("create")
def team_create(
    name: str,
    manager: Annotated[
        list[str] | None, typer.Option(help="Manager's user name; repeatable")
    ] = None,
) -> None:
    """Create a team, optionally with its managers."""
    with transaction.atomic():
        services.create_team(SYSTEM, name, manager or [])
    out.print(f"Team {name} created.")


@team_app.command("list")
def team_list() -> None:
    """List teams with managers and member counts."""
    table = Table("team", "managers", "members")
    for team in selectors.teams(SYSTEM):
        managers = ", ".join(u.username for u in team.managers.all())
        table.add_row(team.name, managers, str(team.member_count))  # type: ignore[attr-defined]
    out.print(table)


@token_app.command("create")
def token_create(
    user: Annotated[str, typer.Option(help="Whose token")],
    name: Annotated[str, typer.Option(help="What it is for")] = "",
    read_only: Annotated[bool, typer.Option("--read-only", help="Only reads allowed")] = False,
    expires_days: Annotated[int | None, typer.Option(help="Days until it expires")] = None,
) -> None:
    """Create an API token; it is printed once, alone on the last line."""
    with transaction.atomic():
        issued = services.create_token(
            SYSTEM, username=user, name=name, read_only=read_only, expires_days=expires_days
        )
    kind = "read-only" if read_only else "read-write"
    expiry = issued.token.expires_at.strftime("%Y-%m-%d") if issued.token.expires_at else "never"
    out.print(
        f"Token {issued.token.id} for {user} ({kind}, expires {expiry}). "
        "Keep it now; it is not shown again:"
    )
    typer.echo(issued.plaintext)


@token_app.command("revoke")
def token_revoke(token_id: int) -> None:
    """Revoke an API token by its id."""
    with transaction.atomic():
        token = services.revoke_token(SYSTEM, token_id)
    out.print(f"Token {token.id} ({token.prefix}…) of {token.user.username} is revoked.")


@token_app.command("list")
def token_list(user: Annotated[str | None, typer.Option(help="Only this user's")] = None) -> None:
    """List API tokens (never their secrets)."""
    table = Table("id", "user", "name", "prefix", "access", "expires", "last used", "state")
    for t in selectors.tokens(SYSTEM, username=user):
        table.add_row(
            str(t.id),
            t.user.username,
            t.name,
            t.prefix + "…",
            "read-only" if t.read_only else "read-write",
            t.expires_at.strftime("%Y-%m-%d") if t.expires_at else "never",
            t.last_used_at.strftime("%Y-%m-%d %H:%M") if t.last_used_at else "",
            "revoked" if t.revoked_at else "active",
        )
    out.print(table)
