"""Headless Chromium (Debian's own, driven by Playwright) against pytest-django's live server."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
RECREATED_BY_FLUSH = {"contenttypes.contenttype", "auth.permission"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("DOSSIER_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop running in this thread; the ORM calls that
    # tests and database fixtures make beside it are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(
                executable_path=str(CHROMIUM),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            yield launched
            launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def initial_data(django_db_setup: None, django_db_blocker: Any) -> str:
    """What the migrations put in the database (built-in roles, categories, templates …).

    Content types and permissions are left out: a flush re-creates them itself, with new ids.
    """
    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    return json.dumps([row for row in rows if row["model"] not in RECREATED_BY_FLUSH])


@pytest.fixture(autouse=True)
def restore_initial_data(transactional_db: None, initial_data: str) -> None:
    """Give every browser test the migrations' data back after an earlier test's flush.

    Django's own `serialized_rollback` keeps its snapshot on the connection object, and the
    one a test sees beside Playwright's event loop is not always the one that was set up
    first; handing it the snapshot lets later `serialized_rollback` tests restore it too.
    """
    connection.creation.deserialize_db_from_string(initial_data)
    connection._test_serialized_contents = initial_data  # type: ignore[attr-defined]


@pytest.fixture
def page_errors() -> list[str]:
    """Script errors and CSP violations the page reported; a test ends by asserting none."""
    return []


@pytest.fixture
def page(browser: Browser, live_server: object, page_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 860},
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
    )
    context.set_default_timeout(10_000)
    opened = context.new_page()
    opened.on("console", lambda m: page_errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda error: page_errors.append(str(error)))
    try:
        yield opened
    finally:
        context.close()


@pytest.fixture
def screenshot(page: Page) -> Callable[..., Path]:
    """Save the page as test-artifacts/<name>.png (gitignored), for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)

    def take(name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return take
