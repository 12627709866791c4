"""GET /api/v1/customers: the page and the count read the same matches in whichever form
the database plans best (selectors.customer_list), and the answer keeps its shape."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dossier.accounts.models import User
from dossier.core import paging
from dossier.customers import services
from dossier.customers.models import Customer
from dossier.customers.selectors import customer_list, text
from tests.api.conftest import ApiClient
from tests.builders import actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina")


@pytest.fixture
def client(api_as: Callable[..., ApiClient], rep: User) -> ApiClient:
    return api_as(rep)


def _ids(client: ApiClient, **params: object) -> tuple[list[int], int]:
    answer = client.get("/customers", **params)
    assert answer.status_code == 200, answer.content
    body = answer.json()
    return [item["id"] for item in body["items"]], body["count"]


def test_tag_filter_pages_and_counts_the_same_customers(client: ApiClient, rep: User) -> None:
    tagged = [make_customer(rep, name=f"甲{n}", tags=["VIP", "续约"]).pk for n in range(3)]
    make_customer(rep, name="乙", tags=["续约"])
    make_customer(rep, name="丙")
    ids, count = _ids(client, tag="VIP")
    assert sorted(ids) == sorted(tagged)
    assert count == 3
    ids, count = _ids(client, tag="VIP", limit=2)
    assert (len(ids), count) == (2, 3)


@pytest.mark.parametrize("owner", [None, "lina"])
def test_created_range_walk_and_sort_give_the_same_page(
    client: ApiClient, rep: User, monkeypatch: pytest.MonkeyPatch, owner: str | None
) -> None:
    made = [make_customer(rep, name=f"客户{n}") for n in range(5)]
    today = timezone.localdate()
    # Touch them in another order than created, so updated_at order differs from id order.
    for customer in reversed(made[:3]):
        services.update_customer(actor(rep), customer.pk, {"title": "经理"}, expected_version=1)
    window = {"created_from": today - timedelta(days=1), "created_to": today + timedelta(days=1)}
    if owner:
        window["owner"] = owner
    sorted_page = _ids(client, **window)
    # Every created range walks, with an owner or without.
    monkeypatch.setattr(customer_list, "WALK_PAST", -1)
    monkeypatch.setattr(customer_list, "WALK_OWNER_PAST", -1)
    assert _ids(client, **window) == sorted_page
    assert sorted_page[1] == 5
    assert _ids(client, created_from=today + timedelta(days=2)) == ([], 0)


def test_a_sales_user_lists_shared_customers_beside_their_own(
    api_as: Callable[..., ApiClient], rep: User
) -> None:
    other = make_user("sales")
    own = make_customer(rep, name="自己的").pk
    shared = make_customer(other, name="共享的").pk
    make_customer(other, name="别人的")
    client = api_as(rep)
    assert _ids(client) == ([own], 1)
    services.share_customer(actor(other), shared, user=rep.username)
    ids, count = _ids(client)
    assert sorted(ids) == sorted([own, shared])
    assert count == 2


def test_a_list_request_runs_the_same_statements_for_any_page_size(
    api_as: Callable[..., ApiClient], rep: User
) -> None:
    """No N+1: tags, category, owner and team come with the page, not per customer."""
    client = api_as(rep)
    for n in range(6):
        make_customer(rep, name=f"客户{n}", tags=["VIP"] if n % 2 else [])

    def statements(limit: int) -> int:
        with CaptureQueriesContext(connection) as run:
            assert client.get("/customers", limit=limit).status_code == 200
        return len(run.captured_queries)

    statements(1)  # the token's first use also notes last_used_at (at most every few minutes)
    # token and user, their managed teams, the shares, count, page, tags
    assert statements(1) == statements(6) == 6
    assert Customer.objects.count() == 6


@pytest.mark.parametrize("role", ["sales", "admin"])
def test_a_list_item_is_the_customer_as_its_own_endpoint_shows_it(
    api_as: Callable[..., ApiClient], role: str
) -> None:
    """The list builds its answer from plain rows; it must say exactly what GET /customers/{id}
    says: tags sorted, category, owner and team by name, sensitive values masked or not."""
    rep = make_user("sales", team=make_team())
    make_customer(
        rep,
        name="张三",
        kind="person",
        birthday="1990-03-05",
        tags=["续约", "VIP"],
        custom={"id_number": "11010519491231002X"},
    )
    make_customer(rep, name="乙公司", category="active")
    client = api_as(rep if role == "sales" else make_user("admin"))
    listed = client.get("/customers").json()["items"]
    assert len(listed) == 2
    for item in listed:
        assert item == client.get(f"/customers/{item['id']}").json()
    assert any(item["custom"].get("id_number") for item in listed)


class TestTextFilter:
    """`q` reads the search index (search registers it with customers at start-up): by word,
    pinyin, any four digits of a phone, e-mail; within scope and the other filters."""

    @pytest.fixture
    def made(self, rep: User) -> dict[str, int]:
        return {
            "zhang": make_customer(
                rep, name="张伟", kind="person", phone="13800138000", email="wei@huawei.com"
            ).pk,
            "hw": make_customer(rep, name="深圳华为科技有限公司", category="active").pk,
            "tc": make_customer(rep, name="腾讯科技（深圳）有限公司", tags=["VIP"]).pk,
            "other": make_customer(rep, name="上海浦东发展银行").pk,
        }

    @pytest.mark.parametrize(
        ("q", "found"),
        [
            ("科技", {"hw", "tc"}),
            ("华为", {"hw"}),
            ("zhangwei", {"zhang"}),
            ("8001", {"zhang"}),
            ("wei@huawei.com", {"zhang"}),
            ("银行", {"other"}),
            ("无此客户", set()),
        ],
    )
    def test_finds_customers_by_what_search_finds(
        self, client: ApiClient, made: dict[str, int], q: str, found: set[str]
    ) -> None:
        ids, count = _ids(client, q=q)
        assert sorted(ids) == sorted(made[key] for key in found)
        assert count == len(found)

    def test_combines_with_filters_and_scope(
        self, api_as: Callable[..., ApiClient], client: ApiClient, made: dict[str, int]
    ) -> None:
        assert _ids(client, q="科技", category="active") == ([made["hw"]], 1)
        assert _ids(client, q="科技", tag="VIP") == ([made["tc"]], 1)
        assert _ids(api_as(make_user("sales")), q="科技") == ([], 0)

    def test_past_the_cap_the_newest_matches_are_listed_and_the_count_says_so(
        self, client: ApiClient, made: dict[str, int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(paging, "COUNT_CAP", 1)
        body = client.get("/customers", q="有限公司").json()
        assert [item["id"] for item in body["items"]] == [made["tc"]]  # the newer of the two
        assert (body["count"], body["count_exact"]) == (1, False)
        body = client.get("/customers", q="华为").json()
        assert (body["count"], body["count_exact"]) == (1, True)

    def test_the_window_is_taken_within_scope_and_the_filters_search_knows(
        self,
        api_as: Callable[..., ApiClient],
        client: ApiClient,
        made: dict[str, int],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        other = make_user("sales")
        make_customer(other, name="别人的科技有限公司")  # the newest match of all
        monkeypatch.setattr(paging, "COUNT_CAP", 1)
        body = api_as(make_user("admin")).get("/customers", q="科技", category="active").json()
        assert ([item["id"] for item in body["items"]], body["count_exact"]) == ([made["hw"]], True)
        body = client.get("/customers", q="科技").json()  # the rep: their own newest match
        assert ([item["id"] for item in body["items"]], body["count_exact"]) == (
            [made["tc"]],
            False,
        )

    def test_sees_a_change_at_once_and_not_the_trash(
        self, rep: User, client: ApiClient, made: dict[str, int]
    ) -> None:
        services.update_customer(
            actor(rep), made["other"], {"name": "浦发科技"}, expected_version=1
        )
        services.delete_customer(actor(make_user("admin")), made["tc"])
        assert sorted(_ids(client, q="科技")[0]) == sorted([made["hw"], made["other"]])

    def test_without_the_index_matches_by_substring(
        self, client: ApiClient, made: dict[str, int], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(text, "_index", None)
        assert _ids(client, q="138001") == ([made["zhang"]], 1)
