"""Bad input gets one error body, {"code", "message", "field"}, a 4xx, and nothing written."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.accounts.models import User
from dossier.audit.models import AuditEvent
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

GOOD_USER = {"username": "wangfang", "password": "correct-horse-battery", "role": "sales"}


def _error(response: object, status: int) -> dict[str, object]:
    assert response.status_code == status, response.content  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    assert {"code", "message", "field"} <= set(body)
    assert body["message"]
    return body  # type: ignore[no-any-return]


def _nothing_written(check: Callable[[], object]) -> None:
    """Nothing but the trace of a refusal (`access.denied`, kept on purpose)."""
    writes = AuditEvent.objects.exclude(action="access.denied")
    users, events = User.objects.count(), writes.count()
    check()
    assert (User.objects.count(), writes.count()) == (users, events)


class TestAuthentication:
    def test_no_credentials_is_401(self, api_as: Callable[..., ApiClient]) -> None:
        body = _error(api_as(None).get("/me"), 401)
        assert body["code"] == "not_authenticated"

    def test_unknown_token_is_401(self) -> None:
        client = ApiClient("dsr_" + "x" * 43)
        assert _error(client.get("/me"), 401)["code"] == "invalid_token"

    def test_valid_token_identifies_the_user(
        self, api_as: Callable[..., ApiClient], sales: User
    ) -> None:
        body = api_as(sales).get("/me").json()
        assert (body["user"]["username"], body["user"]["role"], body["via"]) == (
            "zhangwei",
            "sales",
            "api",
        )

    def test_read_only_token_reads_but_cannot_write(
        self, api_as: Callable[..., ApiClient], admin: User
    ) -> None:
        client = api_as(admin, read_only=True)
        assert client.get("/users").status_code == 200
        _nothing_written(lambda: _error(client.send("POST", "/users", GOOD_USER), 403))

    def test_a_refused_write_is_recorded(
        self, api_as: Callable[..., ApiClient], admin: User
    ) -> None:
        client = api_as(admin, read_only=True)
        _error(client.send("POST", "/users", GOOD_USER), 403)
        event = AuditEvent.objects.get(action="access.denied")
        assert event.actor == admin.username
        assert event.changes["path"] == "/api/v1/users"

    def test_health_needs_no_credentials(self, api_as: Callable[..., ApiClient]) -> None:
        assert api_as(None).get("/health").json()["status"] == "ok"


class TestBadInput:
    @pytest.fixture
    def client(self, api_as: Callable[..., ApiClient], admin: User) -> ApiClient:
        return api_as(admin)

    def test_malformed_json(self, client: ApiClient) -> None:
        _nothing_written(lambda: _error(client.send("POST", "/users", raw="{not json"), 400))

    def test_unknown_field_is_named(self, client: ApiClient) -> None:
        def check() -> None:
            body = _error(client.send("POST", "/users", {**GOOD_USER, "salary": 1}), 422)
            assert body["field"] == "salary"

        _nothing_written(check)

    def test_missing_field_is_named(self, client: ApiClient) -> None:
        body = _error(client.send("POST", "/users", {"username": "x1", "role": "sales"}), 422)
        assert body["field"] == "password"

    def test_over_long_string_is_named(self, client: ApiClient) -> None:
        body = _error(client.send("POST", "/users", {**GOOD_USER, "username": "a" * 151}), 422)
        assert body["field"] == "username"

    def test_wrong_type_is_named(self, client: ApiClient) -> None:
        body = _error(client.send("PATCH", "/users/1", {"is_active": "sometimes"}), 422)
        assert body["field"] == "is_active"

    def test_service_rule_is_named(self, client: ApiClient) -> None:
        def check() -> None:
            body = _error(client.send("POST", "/users", {**GOOD_USER, "role": "emperor"}), 422)
            assert body["field"] == "role"

        _nothing_written(check)

    def test_unknown_sort_field_is_named(self, client: ApiClient) -> None:
        assert _error(client.get("/users", sort="password"), 422)["field"] == "sort"

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"limit": 0}, "limit"),
            ({"limit": 100000}, "limit"),
            ({"offset": -1}, "offset"),
            ({"limit": "many"}, "limit"),
        ],
    )
    def test_bad_paging_is_named(
        self, client: ApiClient, params: dict[str, object], field: str
    ) -> None:
        assert _error(client.get("/users", **params), 422)["field"] == field

    def test_unknown_object_is_404(self, client: ApiClient) -> None:
        assert _error(client.get("/users/999999"), 404)["code"] == "not_found"

    def test_unknown_path_is_404_with_the_body(self, client: ApiClient) -> None:
        assert _error(client.get("/no-such-thing"), 404)["code"] == "not_found"

    def test_wrong_method_is_405(self, client: ApiClient) -> None:
        assert _error(client.send("PUT", "/me", {}), 405)["code"] == "method_not_allowed"


class TestNoPermission:
    def test_sales_cannot_list_users(self, api_as: Callable[..., ApiClient], sales: User) -> None:
        assert _error(api_as(sales).get("/users"), 403)["code"] == "permission_denied"

    def test_sales_cannot_read_the_audit_trail(
        self, api_as: Callable[..., ApiClient], sales: User
    ) -> None:
        _error(api_as(sales).get("/audit/events"), 403)
