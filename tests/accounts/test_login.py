"""Web sign-in: failures are counted and audited, repeated failures lock the name out."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from dossier.accounts import services
from dossier.accounts.models import User
from dossier.audit.models import AuditEvent
from tests.builders import PASSWORD, SYSTEM

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str) -> object:
    return client.post("/login/", {"username": username, "password": password})


def test_right_password_signs_in_and_is_audited(sales: User) -> None:
    client = Client()
    response = _login(client, sales.username, PASSWORD)
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="user.logged_in", actor_id=sales.pk).exists()
    assert client.get("/").status_code == 200


def test_wrong_password_is_refused_and_audited(sales: User) -> None:
    client = Client()
    response = _login(client, sales.username, "wrong-password")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(action="user.login_failed", summary=sales.username).exists()


def test_repeated_failures_lock_out_even_the_right_password(sales: User) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, sales.username, "wrong-password")
    locked = _login(client, sales.username, PASSWORD)
    assert locked.status_code == 429  # type: ignore[attr-defined]
    assert client.get("/").status_code == 302


def test_unlock_lifts_the_lock_out(sales: User) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, sales.username, "wrong-password")
    services.unlock(SYSTEM, sales.username)
    assert _login(client, sales.username, PASSWORD).status_code == 302  # type: ignore[attr-defined]


def test_disabled_user_cannot_sign_in(sales: User) -> None:
    services.set_active(SYSTEM, sales.username, active=False)
    client = Client()
    _login(client, sales.username, PASSWORD)
    assert client.get("/").status_code == 302


def test_logout_needs_post_and_ends_the_session(sales: User) -> None:
    client = Client()
    client.force_login(sales)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_session_is_renewed_on_login(sales: User) -> None:
    client = Client()
    client.get("/login/")
    client.cookies[settings.SESSION_COOKIE_NAME] = "attacker-chosen"
    _login(client, sales.username, PASSWORD)
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != "attacker-chosen"
