"""A customer's life in a real browser: add from the template form, fix a mistake, edit,
open the history and restore the earlier version."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dossier.customers.models import Customer
from tests.browser.test_shell import sign_in
from tests.builders import make_team, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "Lotus-garden-2024"


def test_create_fix_edit_and_restore_a_customer(
    page: Page, page_errors: list[str], screenshot: Callable[..., Path]
) -> None:
    rep = make_user("sales", username="lina", password=PASSWORD, team=make_team("华东销售部"))
    page.goto("/customers/")
    sign_in(page, rep.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/customers/$"))

    page.locator("a[href='/customers/new/']").first.click()
    form = page.locator("form.record-form")
    form.locator("input[name=name]").fill("杭州西湖茶业有限公司")
    form.locator("input[name=phone]").fill("0571-123")
    form.locator("input[name=email]").fill("Li.Na@XiHuTea.CN")
    form.locator("input[name=tags]").fill("VIP, 茶叶")
    form.locator("button[type=submit]").click()

    phone_field = page.locator(".field.has-error", has=page.locator("input[name=phone]"))
    expect(phone_field.locator(".field-error")).to_be_visible()
    expect(page.locator("#form-errors")).to_be_visible()
    expect(form.locator("input[name=name]")).to_have_value("杭州西湖茶业有限公司")
    assert not Customer.objects.exists()
    screenshot("customers-01-validation-error")

    form.locator("input[name=phone]").fill("0571 8765 4321")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/customers/\d+/$"))
    expect(page.locator("h1")).to_have_text("杭州西湖茶业有限公司")
    expect(page.locator(".details")).to_contain_text("0571 8765 4321")
    expect(page.locator(".details")).to_contain_text("Li.Na@xihutea.cn")
    customer = Customer.objects.get()
    assert customer.phone == "+8657187654321"
    screenshot("customers-02-created")

    page.locator(f"a[href='/customers/{customer.pk}/edit/']").click()
    page.locator("input[name=name]").fill("西湖龙井茶业有限公司")
    page.locator("input[name=city]").fill("杭州市")
    page.locator("form.record-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("西湖龙井茶业有限公司")

    page.locator(".tabs [data-tab=history]").click()
    page.locator(".segmented a[href='?view=versions']").click()
    versions = page.locator("ol.versions > li")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("西湖龙井茶业有限公司")
    screenshot("customers-03-versions")

    page.once("dialog", lambda dialog: dialog.accept())
    versions.nth(1).locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/customers/{customer.pk}/$"))
    expect(page.locator("h1")).to_have_text("杭州西湖茶业有限公司")
    customer.refresh_from_db()
    assert (customer.name, customer.city, customer.version) == ("杭州西湖茶业有限公司", "", 3)
    screenshot("customers-04-restored")
    # The form answered the bad phone with 422, as it should; nothing else may be reported.
    assert [e for e in page_errors if "status of 422" not in e] == []
