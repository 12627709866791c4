"""Customer files in a real browser: drop files on the Files tab, see them named and filed,
open one, read its preview, and share the customer from the Access tab."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from dossier.documents.models import Document
from tests.browser.test_shell import sign_in
from tests.builders import make_team, make_user
from tests.customers.builders import make_customer

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "Lotus-garden-2024"


def test_upload_preview_and_share(
    page: Page, page_errors: list[str], screenshot: Callable[..., Path], tmp_path: Path
) -> None:
    team = make_team("华东销售部")
    rep = make_user("sales", username="lina", password=PASSWORD, team=team)
    make_user("sales", username="wangwei", team=team)
    customer = make_customer(rep, name="华为技术有限公司")
    contract = tmp_path / "采购合同 终稿.txt"
    contract.write_text("甲方:华为技术有限公司\n乙方:杭州云杉\n违约责任:……", encoding="utf-8")
    minutes = tmp_path / "周例会纪要.txt"
    minutes.write_bytes("会议纪要:确认交付时间".encode("gbk"))

    page.goto(f"/customers/{customer.pk}/files/")
    sign_in(page, rep.username, PASSWORD)
    expect(page.locator(".tree")).to_contain_text("合同")
    with page.expect_navigation():  # the page reloads once both uploads are done
        page.locator("input[data-upload-input]").set_input_files([str(contract), str(minutes)])
    rows = page.locator("table.table-files tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("table.table-files")).to_contain_text("会议纪要")
    screenshot("files-01-uploaded")
    assert {d.folder.name for d in Document.objects.select_related("folder")} == {
        "合同",
        "会议纪要",
    }

    page.locator("a.file-name", has_text=".txt").first.click()
    expect(page.locator(".file-title")).to_contain_text("华为技术有限公司")
    expect(page.locator(".preview")).to_be_visible()
    screenshot("files-02-file-page")

    second = tmp_path / "修订版.txt"
    second.write_text("第二版", encoding="utf-8")
    page.locator("#new-version-file").set_input_files(str(second))
    page.locator(".new-version button[type=submit]").click()
    versions = page.locator("ol.versions > li")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("修订版.txt")
    versions.nth(1).locator("button[type=submit]").click()  # make the first version current
    expect(page.locator("ol.versions > li").nth(1)).to_contain_text("当前")
    screenshot("files-02b-versions")

    page.locator(".tabs [data-tab=access]").click()
    expect(page.locator("#who-title")).to_be_visible()
    page.locator("select[name=whom]").select_option("user:wangwei")
    page.locator(".share-form button[type=submit]").click()
    expect(page.locator(".share-list")).to_contain_text("wangwei")
    screenshot("files-03-shared")
    assert page_errors == []
