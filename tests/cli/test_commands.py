"""The interfaces scripts rely on: init, team, user, token and audit verify, without prompts."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest

from tests.cli.conftest import Dossier


def test_init_is_idempotent(dossier: Dossier) -> None:
    again = dossier("init", "--no-input")
    assert "admin exists already" in again.stdout


def test_team_user_and_token_without_prompts(dossier: Dossier) -> None:
    dossier(
        "user",
        "create",
        "wangfang",
        "--password",
        "correct-horse-battery",
        "--role",
        "manager",
        "--email",
        "wf@example.com",
    )
    dossier("team", "create", "华东销售部", "--manager", "wangfang")
    dossier(
        "user",
        "create",
        "lina",
        "--password",
        "correct-horse-battery",
        "--role",
        "sales",
        "--team",
        "华东销售部",
    )
    listed = dossier("user", "list", "--json").stdout
    assert '"team": "华东销售部"' in listed and '"username": "lina"' in listed
    created = dossier("token", "create", "--user", "lina", "--read-only", "--expires-days", "30")
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("dsr_") and " " not in token
    assert token not in dossier("token", "list").stdout


def test_bad_input_exits_2_naming_the_field(dossier: Dossier) -> None:
    done = dossier(
        "user",
        "create",
        "ghost",
        "--password",
        "correct-horse-battery",
        "--role",
        "emperor",
        check=False,
    )
    assert done.returncode == 2
    assert "role" in done.stderr and "emperor" in done.stderr


def test_audit_verify_passes_then_names_the_tampered_event(
    dossier: Dossier, database_url: str
) -> None:
    intact = dossier("audit", "verify")
    assert intact.returncode == 0 and intact.stdout.startswith("OK")
    statement = "UPDATE audit_auditevent SET summary = 'forged' WHERE sequence = 2"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            connection.execute(statement)
    else:
        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(statement)
    broken = dossier("audit", "verify", check=False)
    assert broken.returncode == 1
    assert "event 2" in broken.stdout


@pytest.mark.parametrize("command", [["--help"], ["user", "--help"], ["token", "create", "--help"]])
def test_help_is_available(dossier: Dossier, command: list[str]) -> None:
    assert "Usage" in dossier(*command).stdout
