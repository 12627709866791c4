"""The interfaces scripts rely on: GET /api/v1/search, the /search/ page, saved searches."""

from __future__ import annotations

import pytest
from django.test import Client

from dossier.accounts.models import User
from dossier.search import selectors
from dossier.search.models import SavedSearch
from tests.builders import make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina")


@pytest.fixture
def client(rep: User) -> Client:
    c = Client()
    c.force_login(rep)
    return c


def test_api_shape(client: Client, rep: User) -> None:
    c = make_customer(rep, name="张三", kind="person", phone="13800138000")
    body = client.get("/api/v1/search", {"q": "张三", "kind": "customer", "limit": 5}).json()
    assert set(body) == {"results", "facets", "total", "total_exact"}
    assert (body["total"], body["total_exact"]) == (1, True)
    [hit] = body["results"]
    assert set(hit) == {"kind", "id", "title", "snippet", "score"}
    assert (hit["kind"], hit["id"], hit["title"]) == ("customer", c.pk, "张三")
    assert "<mark>张三</mark>" in hit["snippet"]
    assert set(body["facets"]) == {"kind", "category", "region", "owner", "tag"}


def test_snippets_escape_everything_but_marks(client: Client, rep: User) -> None:
    make_customer(rep, name="<b>张三</b>", kind="person")
    [hit] = client.get("/api/v1/search", {"q": "张三"}).json()["results"]
    assert "<b>" not in hit["snippet"] and "&lt;b&gt;" in hit["snippet"]


def test_bad_kind_is_422_naming_kind(client: Client) -> None:
    response = client.get("/api/v1/search", {"q": "x", "kind": "planet"})
    assert response.status_code == 422 and response.json()["field"] == "kind"


@pytest.mark.parametrize("limit", ["0", "101", "many"])
def test_limit_bounds(client: Client, limit: str) -> None:
    response = client.get("/api/v1/search", {"q": "x", "limit": limit})
    assert response.status_code == 422 and response.json()["field"] == "limit"


def test_signed_out_is_401() -> None:
    assert Client().get("/api/v1/search", {"q": "x"}).status_code == 401


def test_results_page_with_tabs_facets_and_marks(client: Client, rep: User) -> None:
    make_customer(rep, name="华为技术有限公司", tags=["VIP"])
    page = client.get("/search/", {"q": "华为"}).content.decode()
    assert "<mark>华为</mark>" in page and "VIP" in page and 'name="q"' in page
    assert client.get("/search/", {"q": "华为", "kind": "document"}).status_code == 200
    assert client.get("/search/").status_code == 200


def test_header_has_the_search_box(client: Client) -> None:
    assert 'action="/search/"' in client.get("/").content.decode()


def test_save_and_delete_a_search(client: Client, rep: User) -> None:
    client.post("/search/saved/", {"name": "深圳客户", "query": "q=深圳&kind=customer"})
    saved = SavedSearch.objects.get(user=rep)
    page = client.get("/search/").content.decode()
    assert "深圳客户" in page and "q=深圳&amp;kind=customer" in page
    client.post(f"/search/saved/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_a_capped_count_reads_as_a_lower_bound(
    client: Client, rep: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    for name in ("张三", "张伟", "张丽"):
        make_customer(rep, name=name, kind="person")
    page = client.get("/search/", {"q": "张"}).content.decode()
    assert "超过 2 条结果" in page
    assert '<span class="muted">2+</span>' in page  # the customers tab
    body = client.get("/api/v1/search", {"q": "张"}).json()
    assert (body["total"], body["total_exact"]) == (2, False)
