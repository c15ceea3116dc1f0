"""A real browser on the built site: Debian's Chromium, driven by Playwright.

Playwright never downloads a browser here (`playwright install` would fail
offline); it drives /usr/bin/chromium through `executable_path`.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_server) -> str:
    """Where the browser finds the built site."""
    return site_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make system-packages`"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
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

    def wait_for_math(self, state: str) -> None:
        """Wait until the MathJax loader marks the page: 'typeset' or 'none'."""
        self.page.wait_for_selector(f'html[data-math="{state}"]', state="attached")


@pytest.fixture
def browser_page(browser: Browser, site_url: str) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
    yield RecordedPage(page, site_url)
    context.close()
