"""The customer pages: list, form, 360 page, history, trash, bulk changes and saved views."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.audit.models import Revision
from dossier.core import paging
from dossier.customers import selectors
from dossier.customers import services as customers
from dossier.customers.models import Customer, SavedView
from tests.builders import SYSTEM, actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


def client_for(user: User, *, english: bool = True) -> Client:
    client = Client()
    client.force_login(user)
    if english:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def rep(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


@pytest.fixture
def other_rep(db: None) -> User:
    return make_user("sales", username="wangwei")


class TestList:
    def test_shows_only_what_the_user_may_see(self, rep: User, other_rep: User) -> None:
        make_customer(rep, name="华为技术有限公司")
        make_customer(other_rep, name="腾讯科技有限公司")
        html = client_for(rep).get("/customers/").content.decode()
        assert "华为技术有限公司" in html
        assert "腾讯科技有限公司" not in html

    def test_filters_by_category_and_tag(self, rep: User) -> None:
        make_customer(rep, name="甲公司", category="active", tags=["VIP"])
        make_customer(rep, name="乙公司", category="active")
        make_customer(rep, name="丙公司", category="prospect", tags=["VIP"])
        html = client_for(rep).get("/customers/?category=active&tag=VIP").content.decode()
        assert "甲公司" in html
        assert "乙公司" not in html
        assert "丙公司" not in html

    def test_phones_are_shown_in_national_format(self, rep: User) -> None:
        make_customer(rep, phone="+8613812345678")
        assert "138 1234 5678" in client_for(rep).get("/customers/").content.decode()

    def test_htmx_request_gets_the_results_alone(self, rep: User) -> None:
        make_customer(rep)
        response = client_for(rep).get(
            "/customers/?q=华为", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="customer-results"
        )
        html = response.content.decode()
        assert "华为技术有限公司" in html
        assert "<html" not in html

    def test_query_count_does_not_grow_with_rows(
        self, rep: User, django_assert_max_num_queries: type[DjangoAssertNumQueries]
    ) -> None:
        for number in range(3):
            make_customer(rep, name=f"公司{number}", tags=["VIP", "续约"])
        client = client_for(rep)
        client.get("/customers/")  # warm the session and caches
        with django_assert_max_num_queries(16) as few:
            client.get("/customers/")
        for number in range(3, 25):
            make_customer(rep, name=f"公司{number}", tags=["VIP", "续约"])
        with django_assert_max_num_queries(len(few.captured_queries)):
            client.get("/customers/")

    def test_a_huge_list_is_counted_only_so_far(
        self, rep: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(paging, "COUNT_CAP", 2)
        for number in range(3):
            make_customer(rep, name=f"公司{number}")
        assert "more than 2 customers" in client_for(rep).get("/customers/").content.decode()
        plaintext = accounts.create_token(SYSTEM, username=rep.username).plaintext
        body = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").get("/api/v1/customers").json()
        assert (body["count"], body["count_exact"]) == (3, False)

    def test_pages_follow_the_chosen_order_to_the_last(self, rep: User) -> None:
        for number in range(60):
            make_customer(rep, name=f"公司{number:02d}", tags=["VIP"] if number % 2 else [])
        client = client_for(rep)
        first = client.get("/customers/?sort=name&tag=VIP&size=25").content.decode()
        last = client.get("/customers/?sort=name&tag=VIP&size=25&page=2").content.decode()
        assert first.index("公司01") < first.index("公司03") < first.index("公司49")
        assert "公司51" not in first
        assert "公司51" in last and "公司59" in last and "公司49" not in last
        assert "公司02" not in first + last

    def test_the_tag_filter_offers_the_tags_of_customers_the_user_may_see(
        self, rep: User, other_rep: User
    ) -> None:
        make_customer(rep, name="甲公司", tags=["自己的"])
        make_customer(other_rep, name="乙公司", tags=["别人的"])
        trashed = make_customer(rep, name="丙公司", tags=["已删除的"])
        customers.delete_customer(actor(make_user("admin")), trashed.pk)
        assert selectors.tags_in_use(actor(rep)) == ["自己的"]
        assert selectors.tags_in_use(actor(other_rep)) == ["别人的"]

    def test_a_search_matching_too_many_says_which_are_listed(
        self, rep: User, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        make_customer(rep, name="华为技术有限公司")
        make_customer(rep, name="腾讯科技有限公司")
        monkeypatch.setattr(paging, "COUNT_CAP", 1)
        html = client_for(rep).get("/customers/?q=有限公司").content.decode()
        assert "腾讯科技有限公司" in html and "华为技术有限公司" not in html
        assert "more than 1 customers" in html
        assert "the newest 1 of them are listed" in html
        assert "the newest" not in client_for(rep).get("/customers/?q=华为").content.decode()

    def test_unknown_sort_is_a_clear_422(self, rep: User) -> None:
        make_customer(rep)
        response = client_for(rep).get("/customers/?sort=password&q=华为")
        html = response.content.decode()
        assert response.status_code == 422
        assert "Some filters were left out" in html
        assert "Sort: Select a valid choice" in html
        assert "华为技术有限公司" in html  # the valid filter still applies


class TestForm:
    def test_bad_phone_names_the_field_and_writes_nothing(self, rep: User) -> None:
        response = client_for(rep).post(
            "/customers/new/",
            {"kind": "company", "category": "prospect", "name": "华为", "phone": "12345"},
        )
        assert response.status_code == 422
        assert "phone number" in response.content.decode()
        assert not Customer.objects.exists()

    def test_creates_with_template_and_custom_fields(self, rep: User) -> None:
        response = client_for(rep).post(
            "/customers/new/",
            {
                "kind": "company",
                "category": "prospect",
                "name": "华为技术有限公司",
                "phone": "138 1234 5678",
                "tags": "VIP, 华东",
                "custom__website": "www.huawei.com",
            },
        )
        customer = Customer.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/customers/{customer.pk}/"
        assert customer.phone == "+8613812345678"
        assert customer.custom["website"].startswith("https://www.huawei.com")
        assert sorted(t.name for t in customer.tags.all()) == ["VIP", "华东"]

    def test_stale_edit_gets_409_naming_who_and_keeps_input(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        client.post(
            f"/customers/{customer.pk}/edit/",
            {"kind": "company", "category": "prospect", "name": "第一次", "version": "1"},
        )
        response = client.post(
            f"/customers/{customer.pk}/edit/",
            {"kind": "company", "category": "prospect", "name": "第二次", "version": "1"},
        )
        html = response.content.decode()
        assert response.status_code == 409
        assert "lina saved version 2" in html
        assert 'value="第二次"' in html
        customer.refresh_from_db()
        assert customer.name == "第一次"

    def test_others_customer_is_not_found(self, rep: User, other_rep: User) -> None:
        customer = make_customer(other_rep)
        client = client_for(rep)
        assert client.get(f"/customers/{customer.pk}/").status_code == 404
        assert client.get(f"/customers/{customer.pk}/edit/").status_code == 404
        assert client.post(f"/customers/{customer.pk}/delete/").status_code == 404


class TestCustomerPage:
    @pytest.mark.parametrize(
        "tab", ["", "contacts/", "opportunities/", "service/", "interactions/", "history/"]
    )
    def test_every_tab_renders_in_both_languages(self, rep: User, tab: str) -> None:
        customer = make_customer(rep)
        for english in (True, False):
            response = client_for(rep, english=english).get(f"/customers/{customer.pk}/{tab}")
            assert response.status_code == 200
            assert "华为技术有限公司" in response.content.decode()

    def test_a_tab_for_htmx_is_the_panel_alone(self, rep: User) -> None:
        customer = make_customer(rep)
        html = (
            client_for(rep)
            .get(
                f"/customers/{customer.pk}/contacts/",
                HTTP_HX_REQUEST="true",
                HTTP_HX_TARGET="customer-panel",
            )
            .content.decode()
        )
        assert "<html" not in html
        assert "Add a contact" in html

    def test_logging_an_interaction_shows_it_in_the_timeline(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        response = client.post(
            f"/customers/{customer.pk}/interactions/",
            {"channel": "电话", "occurred_at": "2026-11-30T10:00", "summary": "谈了年度采购"},
        )
        assert response.status_code == 302
        html = client.get(f"/customers/{customer.pk}/history/").content.decode()
        assert "谈了年度采购" in html
        assert "Added the customer" in html

    def test_a_bad_interaction_names_the_field(self, rep: User) -> None:
        customer = make_customer(rep)
        response = client_for(rep).post(
            f"/customers/{customer.pk}/interactions/",
            {"channel": "飞鸽传书", "occurred_at": "2026-11-30T10:00", "summary": "x"},
        )
        assert response.status_code == 422
        assert "飞鸽传书" in response.content.decode()

    def test_adding_a_contact_and_a_service_record(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        client.post(
            f"/customers/{customer.pk}/contacts/",
            {"name": "张伟", "phones": "139 0000 1111", "is_primary": "on"},
        )
        client.post(
            f"/customers/{customer.pk}/service/",
            {"service_date": "2026-11-30", "service_type": "投诉", "satisfaction": "4"},
        )
        page = client.get(f"/customers/{customer.pk}/").content.decode()
        assert "张伟" in page  # the header lists primary contacts
        assert "139 0000 1111" in page
        service = client.get(f"/customers/{customer.pk}/service/").content.decode()
        assert "4/5" in service


class TestHistory:
    def test_restoring_an_earlier_version_is_a_new_version(self, rep: User) -> None:
        customer = make_customer(rep, name="旧名字")
        client = client_for(rep)
        client.post(
            f"/customers/{customer.pk}/edit/",
            {"kind": "company", "category": "prospect", "name": "新名字", "version": "1"},
        )
        versions = client.get(f"/customers/{customer.pk}/history/?view=versions").content
        assert "Restore this version" in versions.decode()
        response = client.post(f"/customers/{customer.pk}/history/1/restore/", {"version": "2"})
        customer.refresh_from_db()
        assert response.status_code == 302
        assert (customer.name, customer.version) == ("旧名字", 3)
        assert Revision.objects.filter(object_id=customer.pk, action="reverted").exists()

    def test_one_version_shows_the_whole_record(self, rep: User) -> None:
        customer = make_customer(rep, name="旧名字", city="杭州市")
        html = client_for(rep).get(f"/customers/{customer.pk}/history/1/").content.decode()
        assert "旧名字" in html
        assert "杭州市" in html

    def test_sales_may_not_delete(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        assert "Delete" not in client.get(f"/customers/{customer.pk}/").content.decode()
        assert client.post(f"/customers/{customer.pk}/delete/").status_code == 403

    def test_delete_then_restore_from_the_trash(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(make_user("admin", username="boss"))
        client.post(f"/customers/{customer.pk}/delete/")
        assert client.get(f"/customers/{customer.pk}/").status_code == 404
        assert "华为技术有限公司" in client.get("/customers/trash/").content.decode()
        client.post(f"/customers/{customer.pk}/restore/")
        assert client.get(f"/customers/{customer.pk}/").status_code == 200


class TestBulkAndViews:
    def test_bulk_add_tag(self, rep: User) -> None:
        first, second = make_customer(rep, name="甲"), make_customer(rep, name="乙")
        client_for(rep).post(
            "/customers/bulk/",
            {"selected": [first.pk, second.pk], "action": "add_tag", "value": "重点跟进"},
        )
        for customer in (first, second):
            assert [t.name for t in customer.tags.all()] == ["重点跟进"]

    def test_a_failing_bulk_change_changes_nothing(self, rep: User) -> None:
        first = make_customer(rep, name="甲")
        full = make_customer(rep, name="乙", tags=[f"标签{n}" for n in range(30)])
        # The first customer takes the tag, the second (at the limit of 30) refuses it: the
        # whole change must be undone, not stop half-way.
        response = client_for(rep).post(
            "/customers/bulk/",
            {"selected": [first.pk, full.pk], "action": "add_tag", "value": "重点跟进"},
        )
        first.refresh_from_db()
        assert response.status_code == 302
        assert first.version == 1
        assert not first.tags.exists()

    def test_save_a_view_and_find_it_above_the_list(self, rep: User) -> None:
        client = client_for(rep)
        client.post("/customers/views/", {"name": "华东重点", "query": "category=active&tag=VIP"})
        view = SavedView.objects.get()
        assert view.query == "category=active&tag=VIP"
        assert "华东重点" in client.get("/customers/").content.decode()


class TestPipelineAndTemplates:
    def test_moving_an_opportunity_on_the_board(self, rep: User) -> None:
        customer = make_customer(rep)
        client = client_for(rep)
        client.post(
            f"/customers/{customer.pk}/opportunities/",
            {"stage": "contact", "project": "ERP 升级", "amount": "1.2万"},
        )
        opportunity = customer.opportunities.get()
        assert opportunity.amount == 12000
        client.post(f"/opportunities/{opportunity.pk}/move/", {"stage": "won", "version": "1"})
        opportunity.refresh_from_db()
        assert opportunity.stage.code == "won"
        assert "ERP 升级" in client.get("/pipeline/").content.decode()

    def test_an_added_field_is_on_the_form_and_a_retired_value_stays_visible(
        self, rep: User
    ) -> None:
        admin = client_for(make_user("admin", username="boss"))
        response = admin.post(
            "/settings/templates/customer/",
            {"label": "开户银行", "key": "bank", "field_type": "text"},
        )
        assert response.status_code == 302
        assert "开户银行" in client_for(rep).get("/customers/new/").content.decode()
        customer = make_customer(rep, custom={"bank": "招商银行"})
        admin.post("/settings/templates/customer/bank/retire/", {"retired": "true"})
        assert "开户银行" not in client_for(rep).get("/customers/new/").content.decode()
        detail = client_for(rep).get(f"/customers/{customer.pk}/").content.decode()
        assert "招商银行" in detail
        assert "retired" in detail

    def test_template_admin_is_for_admins_only(self, rep: User) -> None:
        assert client_for(rep).get("/settings/templates/").status_code == 403
