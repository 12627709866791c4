"""Every page of the foundation renders, in Chinese by default and in English on request."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from dossier.accounts import services
from dossier.accounts.models import User
from tests.builders import PASSWORD, SYSTEM, make_team, make_user

pytestmark = pytest.mark.django_db

PAGES = ["/", "/account/password/", "/account/tokens/", "/admin/users/", "/admin/audit/"]


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_chinese_by_default(admin_client: Client, path: str) -> None:
    response = admin_client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in html
    assert "退出登录" in html


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_in_english_when_chosen(admin_client: Client, path: str) -> None:
    html = english(admin_client).get(path).content.decode()
    assert '<html lang="en">' in html
    assert "Sign out" in html


def test_home_lists_recent_activity_in_words(sales: User) -> None:
    client = english(Client())
    client.post("/login/", {"username": sales.username, "password": PASSWORD})
    html = client.get("/").content.decode()
    assert "Signed in" in html
    assert "user.logged_in" not in html


def test_navigation_hides_what_the_role_may_not_open(sales: User) -> None:
    client = Client()
    client.force_login(sales)
    html = client.get("/").content.decode()
    assert "/admin/audit/" not in html
    assert "/admin/users/" not in html
    assert client.get("/admin/audit/").status_code == 403


def test_a_new_token_is_shown_once(sales: User) -> None:
    client = Client()
    client.force_login(sales)
    created = client.post(
        "/account/tokens/", {"name": "nightly export", "read_only": "on", "expires_days": "30"}
    )
    html = created.content.decode()
    assert 'id="new-token"' in html
    assert "只显示这一次" in html
    assert 'id="new-token"' not in client.get("/account/tokens/").content.decode()


def test_users_page_shows_teams_and_roles(admin_client: Client, admin: User) -> None:
    team = make_team("华东销售部", managers=[admin.username])
    make_user("sales", username="lina", team=team)
    html = admin_client.get("/admin/users/").content.decode()
    assert "华东销售部" in html
    assert "lina" in html
    assert "管理员" in html
    assert 'action="/admin/users/new/"' in html  # admins add people right here


def test_audit_filter_answers_htmx_with_the_table_alone(admin_client: Client) -> None:
    services.create_team(SYSTEM, "north")
    response = admin_client.get(
        "/admin/audit/", {"action": "team.created"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "team.created" in html
    assert "HX-Request" in response["Vary"]
    restored = admin_client.get(
        "/admin/audit/", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restored.content.decode()


def test_unknown_page_shows_the_error_page(admin_client: Client) -> None:
    response = admin_client.get("/no/such/page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "找不到" in html
    assert 'href="/"' in html


def test_wrong_password_says_so(sales: User) -> None:
    response = english(Client()).post(
        "/login/", {"username": sales.username, "password": "wrong-password"}
    )
    assert "Wrong user name or password." in response.content.decode()


def test_locked_out_page_explains_how_to_unlock(sales: User) -> None:
    client = Client()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": sales.username, "password": "wrong-password"})
    response = client.post("/login/", {"username": sales.username, "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 429
    assert f"dossier user unlock {sales.username}" in html


def test_pages_carry_no_inline_script(admin_client: Client) -> None:
    html = admin_client.get("/").content.decode()
    assert "<script>" not in html
    assert " onclick=" not in html and " onchange=" not in html
    assert "style=" not in html
