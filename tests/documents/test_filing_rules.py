"""Admins keep the filing rules on a page; a new rule files the next upload."""

from __future__ import annotations

import io

import pytest
from django.test import Client

from dossier.documents import services
from dossier.documents.models import ClassificationRule
from tests.builders import actor, make_user
from tests.customers.builders import make_customer

pytestmark = pytest.mark.django_db


def test_an_admin_adds_a_rule_that_files_the_next_upload() -> None:
    admin = make_user("admin", username="boss")
    client = Client()
    client.force_login(admin)
    response = client.post(
        "/settings/classification/",
        {
            "name": "标书",
            "pattern": "标书|投标",
            "regex": "on",
            "where": "filename",
            "doctype": "material",
            "folder": "投标",
            "tags": "投标, 重要",
        },
    )
    assert response.status_code == 302
    customer = make_customer(admin)
    document = services.upload_document(
        actor(admin), customer.pk, services.Upload(io.BytesIO(b"x"), "2024年投标文件.pdf")
    )
    assert (document.doctype, document.folder.name) == ("material", "投标")
    assert sorted(document.tags.values_list("name", flat=True)) == ["投标", "重要"]


def test_a_bad_pattern_is_refused_with_the_reason() -> None:
    admin = make_user("admin", username="boss")
    client = Client()
    client.force_login(admin)
    before = ClassificationRule.objects.count()
    response = client.post(
        "/settings/classification/",
        {"pattern": "(unclosed", "regex": "on", "where": "filename", "doctype": "contract"},
    )
    assert response.status_code == 422
    assert ClassificationRule.objects.count() == before


def test_sales_cannot_open_it() -> None:
    client = Client()
    client.force_login(make_user("sales", username="lina"))
    assert client.get("/settings/classification/").status_code == 403
