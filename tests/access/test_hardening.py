"""Hardening: CSRF on session writes (web and API), read-only tokens, session fixation, and
permission changes taking effect on the next request."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from dossier.accounts import services as accounts
from dossier.customers.models import Customer
from tests.builders import PASSWORD, SYSTEM, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


def test_session_writes_without_a_csrf_token_are_refused() -> None:
    rep = make_user("sales", username="lina", team=make_team("华东"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(rep)
    web = client.post("/customers/new/", {"kind": "company", "category": "prospect", "name": "x"})
    api = client.post("/api/v1/customers", {"name": "x"}, content_type="application/json")
    assert (web.status_code, api.status_code) == (403, 403)
    assert not Customer.objects.exists()


def test_a_read_only_token_reads_and_never_writes() -> None:
    rep = make_user("sales", username="lina")
    make_customer(rep)
    token = accounts.create_token(SYSTEM, username="lina", read_only=True).plaintext
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/customers").json()["count"] == 1
    response = client.post("/api/v1/customers", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert Customer.objects.count() == 1


def test_signing_in_gives_a_new_session_key() -> None:
    make_user("sales", username="lina")
    client = Client()
    client.get("/login/")
    before = client.session.session_key or "none"
    client.cookies[settings.SESSION_COOKIE_NAME] = before
    assert client.post("/login/", {"username": "lina", "password": PASSWORD}).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before


def test_a_role_change_applies_on_the_next_request() -> None:
    rep = make_user("sales", username="lina")
    customer = make_customer(rep)
    client = Client()
    client.force_login(rep)
    assert client.get(f"/customers/{customer.pk}/").status_code == 200
    accounts.set_role(SYSTEM, "lina", "viewer")  # a viewer without a team sees only their own
    accounts.set_role_permissions(SYSTEM, "viewer", [])
    assert client.get(f"/customers/{customer.pk}/").status_code == 404
