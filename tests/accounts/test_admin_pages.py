"""Admins manage users, teams and roles on the users page; nobody else can."""

from __future__ import annotations

import pytest
from django.test import Client

from dossier.accounts.models import Role, Team, User
from tests.builders import make_team, make_user

pytestmark = pytest.mark.django_db


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_adds_a_user_and_moves_them() -> None:
    admin = signed_in(make_user("admin", username="boss"))
    make_team("华东销售部")
    admin.post(
        "/admin/users/new/",
        {
            "username": "xiaoli",
            "password": "Plum-blossom-2026",
            "role": "sales",
            "team": "华东销售部",
        },
    )
    user = User.objects.get(username="xiaoli")
    assert (user.role.code, user.team.name if user.team else None) == ("sales", "华东销售部")
    admin.post("/admin/users/xiaoli/", {"role": "viewer", "team": "", "is_active": "on"})
    user.refresh_from_db()
    assert (user.role.code, user.team, user.is_active) == ("viewer", None, True)
    admin.post("/admin/users/xiaoli/", {"role": "viewer"})  # no is_active: disabled
    user.refresh_from_db()
    assert not user.is_active


def test_a_bad_user_is_refused_with_the_reason() -> None:
    admin = signed_in(make_user("admin", username="boss"))
    response = admin.post(
        "/admin/users/new/", {"username": "x y", "password": "short", "role": "sales"}, follow=True
    )
    assert not User.objects.filter(username="x y").exists()
    assert "user name" in response.content.decode().lower() or "用户名" in response.content.decode()


def test_teams_and_managers() -> None:
    admin = signed_in(make_user("admin", username="boss"))
    manager = make_user("manager", username="zhou")
    admin.post("/admin/teams/new/", {"name": "华北销售部"})
    admin.post("/admin/teams/华北销售部/managers/", {"managers": [manager.username]})
    team = Team.objects.get(name="华北销售部")
    assert list(team.managers.values_list("username", flat=True)) == ["zhou"]


def test_role_permissions_change_and_the_admin_role_is_fixed() -> None:
    admin = signed_in(make_user("admin", username="boss"))
    admin.post("/admin/roles/viewer/", {"permissions": ["customer.view", "customer.export"]})
    assert Role.objects.get(code="viewer").permissions == ["customer.view", "customer.export"]
    response = admin.post("/admin/roles/admin/", {"permissions": ["customer.view"]})
    assert response.status_code == 403
    assert Role.objects.get(code="admin").permissions == ["*"]


def test_nobody_else_manages_people() -> None:
    manager = signed_in(make_user("manager", username="zhou"))
    assert manager.post("/admin/users/new/", {"username": "a"}).status_code == 403
    assert manager.post("/admin/roles/manager/", {"permissions": ["*"]}).status_code == 403
    assert "*" not in Role.objects.get(code="manager").permissions
