"""A real browser on the built site: Debian's Chromium, driven by Playwright."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from scripts.local_site import launch_chromium


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_server) -> str:
    """Where the browser finds the built site."""
    return site_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One browser for the whole session; each test opens its own context."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


class RecordedPage:
    """A fresh browser page that records the URL of every request it makes."""

    def __init__(self, page: Page, site_url: str) -> None:
        self.page = page
        self.site_url = site_url
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def open(self, path: str) -> Page:
        self.page.goto(self.site_url + path)
        return self.page


@pytest.fixture
def browser_page(browser: Browser, site_url: str) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
    yield RecordedPage(page, site_url)
    context.close()
