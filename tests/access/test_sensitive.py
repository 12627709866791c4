"""Sensitive fields: encrypted in the table and the history, masked unless allowed, audited."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from dossier.accounts import services as accounts
from dossier.accounts.models import User
from dossier.audit.models import AuditEvent, Revision
from dossier.customers import services
from dossier.customers.models import Customer
from dossier.customfields import services as templates
from dossier.infra.storage.services import rotate_master_key
from tests.builders import SYSTEM, actor, make_team, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db

RESIDENT_ID = "11010519491231002X"  # the check digit is right; a made-up number


@pytest.fixture
def lina(db: None) -> User:
    return make_user("sales", username="lina", team=make_team("华东销售部"))


@pytest.fixture
def customer(lina: User) -> Customer:
    return make_customer(lina, name="张三", kind="person", custom={"id_number": RESIDENT_ID})


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def token_client(user: User) -> Client:
    issued = accounts.create_token(SYSTEM, username=user.username, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {issued.plaintext}")


class TestAtRest:
    def test_the_value_is_nowhere_in_clear(self, customer: Customer) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT custom FROM customers_customer WHERE id = %s", [customer.pk])
            stored = cursor.fetchone()[0]
        assert RESIDENT_ID not in str(stored)
        assert "enc" in (json.loads(stored) if isinstance(stored, str) else stored)["id_number"]
        history = json.dumps(list(Revision.objects.values_list("changes", flat=True)))
        assert RESIDENT_ID not in history

    def test_saving_again_is_no_change(self, lina: User, customer: Customer) -> None:
        services.update_customer(
            actor(lina), customer.pk, {"custom": {"id_number": RESIDENT_ID}}, expected_version=1
        )
        last = Revision.objects.filter(object_id=customer.pk).first()
        assert last is not None and "custom.id_number" not in last.changes

    def test_rotation_keeps_it_readable(self, customer: Customer) -> None:
        rotate_master_key()
        admin = make_user("admin", username="root")
        body = token_client(admin).get(f"/api/v1/customers/{customer.pk}").json()
        assert body["custom"]["id_number"] == RESIDENT_ID

    def test_unique_rule_compares_sealed_values(self, lina: User) -> None:
        templates.change_field(SYSTEM, "customer", "id_number", {"unique": True})
        make_customer(lina, name="甲", custom={"id_number": RESIDENT_ID})
        from dossier.core.errors import Invalid

        with pytest.raises(Invalid) as taken:
            make_customer(lina, name="乙", custom={"id_number": RESIDENT_ID.lower()})
        assert taken.value.errors[0].code == "taken"


class TestReading:
    def test_the_api_masks_it_for_sales(self, lina: User, customer: Customer) -> None:
        body = token_client(lina).get(f"/api/v1/customers/{customer.pk}").json()
        assert body["custom"]["id_number"] == "110***********002X"
        assert not AuditEvent.objects.filter(action="customer.sensitive_viewed").exists()

    def test_an_unmasked_read_is_audited(self, customer: Customer) -> None:
        admin = make_user("admin", username="root")
        listed = token_client(admin).get("/api/v1/customers").json()
        assert listed["items"][0]["custom"]["id_number"] == RESIDENT_ID
        event = AuditEvent.objects.get(action="customer.sensitive_viewed")
        assert event.actor == "root" and event.changes["ids"] == [customer.pk]

    def test_the_page_masks_it_and_the_form_leaves_it_out(
        self, lina: User, customer: Customer
    ) -> None:
        client = client_for(lina)
        page = client.get(f"/customers/{customer.pk}/").content.decode()
        assert "110***********002X" in page and RESIDENT_ID not in page
        form = client.get(f"/customers/{customer.pk}/edit/").content.decode()
        assert "custom__id_number" not in form
        client.post(
            f"/customers/{customer.pk}/edit/",
            {"kind": "person", "category": "prospect", "name": "张三丰", "version": "1"},
        )
        customer.refresh_from_db()
        assert customer.name == "张三丰"
        assert "enc" in customer.custom["id_number"]  # untouched by someone who cannot see it

    def test_history_masks_it_too(self, lina: User, customer: Customer) -> None:
        html = client_for(lina).get(f"/customers/{customer.pk}/history/1/").content.decode()
        assert "110***********002X" in html and RESIDENT_ID not in html


def test_an_api_list_reads_the_template_and_key_once(
    lina: User, django_assert_max_num_queries: Any
) -> None:
    client = token_client(lina)
    for number in range(3):
        make_customer(lina, name=f"甲{number}", kind="person", custom={"id_number": RESIDENT_ID})
    client.get("/api/v1/customers")
    with django_assert_max_num_queries(50) as few:
        client.get("/api/v1/customers")
    for number in range(3, 13):
        make_customer(lina, name=f"甲{number}", kind="person", custom={"id_number": RESIDENT_ID})
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get("/api/v1/customers").json()
    assert {item["custom"]["id_number"] for item in body["items"]} == {"110***********002X"}
