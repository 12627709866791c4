"""The customer record endpoints: the interface scripts and later issues rely on."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dossier.accounts.models import User
from dossier.customers.models import Customer
from tests.api.conftest import ApiClient
from tests.builders import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina")


@pytest.fixture
def client(api_as: Callable[..., ApiClient], rep: User) -> ApiClient:
    return api_as(rep)


def _create(client: ApiClient, **fields: object) -> dict[str, object]:
    response = client.send("POST", "/customers", {"name": "华为技术有限公司", **fields})
    assert response.status_code == 201, response.content
    return response.json()  # type: ignore[no-any-return]


def test_create_returns_the_documented_shape(client: ApiClient) -> None:
    body = _create(
        client,
        phone="138 1234 5678",
        email="Li@Example.com",
        tags=["VIP"],
        custom={"credit_code": "91110000600037341L"},
    )
    assert {
        "id",
        "kind",
        "name",
        "company",
        "title",
        "phone",
        "email",
        "address",
        "industry",
        "category",
        "owner",
        "tags",
        "custom",
        "version",
    } <= set(body)
    assert (body["phone"], body["email"], body["owner"], body["version"]) == (
        "+8613812345678",
        "Li@example.com",
        "lina",
        1,
    )
    assert body["custom"] == {"credit_code": "91110000600037341L"}


def test_patch_with_stale_version_is_409_with_the_current_version(client: ApiClient) -> None:
    created = _create(client)
    path = f"/customers/{created['id']}"
    assert client.send("PATCH", path, {"title": "CEO", "version": 1}).status_code == 200
    stale = client.send("PATCH", path, {"title": "CTO", "version": 1})
    assert stale.status_code == 409
    assert (stale.json()["code"], stale.json()["current_version"]) == ("conflict", 2)


def test_patch_takes_the_version_from_if_match(client: ApiClient) -> None:
    created = _create(client)
    client.headers["If-Match"] = '"1"'
    response = client.send("PATCH", f"/customers/{created['id']}", {"title": "CEO"})
    assert (response.status_code, response.json()["version"]) == (200, 2)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"phone": "12345"}, "phone"),
        ({"email": "not-mail"}, "email"),
        ({"industry": "魔法"}, "industry"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"custom": {"id_number": "110105194912310021"}}, "custom.id_number"),
        ({"name": "长" * 201}, "name"),
        ({"kind": "robot"}, "kind"),
    ],
)
def test_bad_values_are_422_naming_the_field(
    client: ApiClient, fields: dict[str, object], field: str
) -> None:
    count = Customer.objects.count()
    response = client.send("POST", "/customers", {"name": "甲公司", **fields})
    assert response.status_code == 422
    assert response.json()["field"] == field
    assert Customer.objects.count() == count


def test_someone_elses_customer_is_404(api_as: Callable[..., ApiClient], client: ApiClient) -> None:
    created = _create(client)
    other = api_as(make_user("sales"))
    assert other.get(f"/customers/{created['id']}").status_code == 404
    assert (
        other.send("PATCH", f"/customers/{created['id']}", {"version": 1, "title": "x"}).status_code
        == 404
    )


def test_list_filters_and_history_and_revert(client: ApiClient) -> None:
    created = _create(client, province="浙江省", category="active")
    _create(client, name="乙公司", province="江苏省")
    page = client.get("/customers", province="浙江省").json()
    assert [c["id"] for c in page["items"]] == [created["id"]]
    assert client.get("/customers", category="active").json()["count"] == 1
    path = f"/customers/{created['id']}"
    client.send("PATCH", path, {"province": "上海市", "version": 1})
    history = client.get(f"{path}/history").json()
    assert [h["version"] for h in history] == [2, 1]
    reverted = client.send("POST", f"{path}/revert", {"to_version": 1, "version": 2}).json()
    assert (reverted["province"], reverted["version"]) == ("浙江省", 3)


def test_child_records_round_trip(client: ApiClient) -> None:
    customer = _create(client)
    contact = client.send(
        "POST",
        "/contacts",
        {
            "customer": customer["id"],
            "name": "王芳",
            "phones": ["139 0000 1111"],
            "is_primary": True,
        },
    )
    assert contact.status_code == 201 and contact.json()["phones"] == ["+8613900001111"]
    opportunity = client.send(
        "POST",
        "/opportunities",
        {
            "customer": customer["id"],
            "project": "ERP 升级",
            "amount": "¥1.2万",
            "stage": "proposal",
            "expected_close": "2026年12月31日",
        },
    )
    assert opportunity.status_code == 201, opportunity.content
    body = opportunity.json()
    assert (body["amount"], body["currency"], body["stage"], body["probability"]) == (
        "12000.00",
        "CNY",
        "proposal",
        50,
    )
    bad_stage = client.send(
        "POST", "/opportunities", {"customer": customer["id"], "project": "x", "stage": "dreaming"}
    )
    assert (bad_stage.status_code, bad_stage.json()["field"]) == (422, "stage")
    logged = client.send(
        "POST",
        "/interactions",
        {
            "customer": customer["id"],
            "channel": "微信",
            "occurred_at": "2026-11-20 14:30",
            "summary": "确认了交付时间",
            "contact": contact.json()["id"],
        },
    )
    assert logged.status_code == 201, logged.content
    service = client.send(
        "POST",
        "/service-records",
        {
            "customer": customer["id"],
            "service_type": "技术支持",
            "service_date": "2026-11-21",
            "satisfaction": 6,
        },
    )
    assert (service.status_code, service.json()["field"]) == (422, "satisfaction")
    listed = client.get("/interactions", customer=customer["id"]).json()
    assert listed["count"] == 1
    assert client.get("/interactions", customer="abc").status_code == 422


def test_templates_describe_the_fields(client: ApiClient) -> None:
    template = client.get("/templates/customer").json()
    keys = [f["key"] for f in template["fields"]]
    assert keys[:3] == ["name", "company", "title"] and "credit_code" in keys
