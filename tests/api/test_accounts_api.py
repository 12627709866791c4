"""The accounts endpoints, and the list conventions of docs/API.md."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.accounts.models import ApiToken, User
from tests.api.conftest import ApiClient
from tests.builders import make_team, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(api_as: Callable[..., ApiClient], admin: User) -> ApiClient:
    return api_as(admin)


def test_create_user_then_read_it(client: ApiClient) -> None:
    team = make_team("华东销售部")
    created = client.send(
        "POST",
        "/users",
        {
            "username": "wangfang",
            "role": "sales",
            "password": "correct-horse-battery",
            "team": team.name,
            "display_name": "王芳",
        },
    )
    assert created.status_code == 201
    body = client.get(f"/users/{created.json()['id']}").json()
    assert (body["display_name"], body["team"], body["role"]) == ("王芳", "华东销售部", "sales")


def test_patch_changes_role_and_active(client: ApiClient) -> None:
    user = make_user("viewer")
    body = client.send("PATCH", f"/users/{user.pk}", {"role": "sales", "is_active": False}).json()
    assert (body["role"], body["is_active"]) == ("sales", False)


def test_list_pages_filters_and_sorts(client: ApiClient) -> None:
    for number in range(5):
        make_user("sales", username=f"rep{number}")
    page = client.get("/users", role="sales", sort="-username", limit=2, offset=1).json()
    assert (page["count"], page["limit"], page["offset"]) == (5, 2, 1)
    assert [u["username"] for u in page["items"]] == ["rep3", "rep2"]


def test_token_is_shown_once_then_listed_without_secret(client: ApiClient) -> None:
    created = client.send(
        "POST", "/tokens", {"name": "export", "read_only": True, "expires_days": 7}
    ).json()
    assert created["token"].startswith(created["api_token"]["prefix"])
    listed = client.get("/tokens").json()
    assert [t["name"] for t in listed] == ["export", "API"]  # the client's own token too
    assert all("token" not in t for t in listed)
    token_id = created["api_token"]["id"]
    revoked = client.send("DELETE", f"/tokens/{token_id}").json()
    assert revoked["revoked_at"] is not None
    assert ApiToken.objects.get(pk=token_id).revoked_at is not None


def test_teams_and_roles(client: ApiClient) -> None:
    manager = make_user("manager", username="mgr")
    created = client.send("POST", "/teams", {"name": "Key accounts", "managers": ["mgr"]})
    assert created.status_code == 201
    assert created.json() == {
        "id": created.json()["id"],
        "name": "Key accounts",
        "managers": [manager.username],
        "member_count": 0,
    }
    roles = {r["code"] for r in client.get("/roles").json()}
    assert roles == {"admin", "manager", "sales", "service", "viewer"}


def test_audit_events_filter_and_verify(client: ApiClient) -> None:
    make_user("sales", username="someone")
    page = client.get("/audit/events", action="user.created", object_type="user").json()
    assert page["count"] >= 2
    assert {e["action"] for e in page["items"]} == {"user.created"}
    assert client.get("/audit/verify").json()["ok"] is True


def test_openapi_and_docs_are_served(client: ApiClient) -> None:
    schema = client.client.get("/api/v1/openapi.json").json()
    assert "/api/v1/users" in schema["paths"]
    assert client.client.get("/api/v1/docs").status_code in {200, 302}
