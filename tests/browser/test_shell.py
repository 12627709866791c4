"""The foundation's web shell in a real browser: sign-in, home, language, audit trail, sign-out."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.builders import make_team, make_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "Lotus-garden-2024"


def sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def switch_language(page: Page, name: str) -> None:
    with page.expect_navigation():
        page.locator("#language-select").select_option(label=name)


def test_sign_in_browse_switch_language_filter_and_sign_out(
    page: Page, page_errors: list[str], screenshot: Callable[..., Path]
) -> None:
    team = make_team("华东销售部")
    admin = make_user("admin", username="wangfang", password=PASSWORD, team=team)
    make_user("sales", username="lina", team=team)

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    screenshot("01-login")

    sign_in(page, admin.username, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码错误")
    screenshot("02-login-wrong-password")

    sign_in(page, admin.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("欢迎")
    expect(page.locator("[data-count=users]")).to_have_text("2")
    expect(page.locator(".activity")).to_contain_text("登录")
    screenshot("03-home-zh")

    switch_language(page, "English")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Your recent activity")).to_be_visible()
    expect(page.locator(".activity")).to_contain_text("Signed in")
    screenshot("04-home-en")

    switch_language(page, "简体中文")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", name="我的最近动态")).to_be_visible()

    page.locator(".nav-menu summary").click()  # admin pages live in the Settings menu
    page.get_by_role("navigation").get_by_role("link", name="审计日志").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("审计日志")
    rows = page.locator("#audit-table tbody tr")
    expect(rows.filter(has_text="user.created")).to_have_count(2)
    page.get_by_label("操作", exact=True).select_option("user.logged_in")
    expect(page).to_have_url(re.compile(r"action=user\.logged_in"))
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("登录")
    expect(page.locator("#audit-table")).not_to_contain_text("user.created")
    screenshot("05-audit-filtered")

    page.locator(".nav-menu summary").click()
    page.get_by_role("navigation").get_by_role("link", name="用户与团队").click()
    expect(page.get_by_role("cell", name="华东销售部").first).to_be_visible()
    screenshot("06-users")

    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("06b-phone-users")
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("审计日志")
    screenshot("05b-phone-audit")

    page.get_by_label("账号菜单").click()
    page.get_by_role("button", name="退出登录").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.locator(".messages")).to_contain_text("您已退出登录")
    screenshot("07-signed-out")

    assert page_errors == []


def test_new_token_is_shown_once_and_pages_fit_a_phone(
    page: Page, page_errors: list[str], screenshot: Callable[..., Path]
) -> None:
    user = make_user("sales", username="zhangwei", password=PASSWORD)
    page.goto("/account/tokens/")
    sign_in(page, user.username, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("API 令牌")
    screenshot("08-tokens-empty")

    page.get_by_label("名称").fill("每晚导出")
    page.get_by_role("button", name="创建令牌").click()
    expect(page.locator(".panel-success")).to_contain_text("只显示这一次")
    token = page.locator("#new-token").input_value()
    assert token
    expect(page.get_by_role("button", name="复制")).to_be_visible()
    screenshot("09-token-issued")

    page.goto("/account/tokens/")
    expect(page.locator("#new-token")).to_have_count(0)
    expect(page.locator("tbody")).to_contain_text(token[:8])

    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in [
        ("10-phone-home", "/"),
        ("11-phone-tokens", "/account/tokens/"),
        ("12-phone-not-found", "/no/such/page/"),
    ]:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
        screenshot(name)
    expect(page.get_by_role("heading", level=1)).to_have_text("找不到页面")

    page.get_by_label("账号菜单").click()
    screenshot("13-phone-menu", full_page=False)
    # The one expected complaint: the browser logs the 404 answer of the unknown address.
    assert [e for e in page_errors if "404" not in e] == []
