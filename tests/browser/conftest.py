"""A real browser on the built site: Debian's Chromium, driven by Playwright.

Every context the tests open reports each `securitypolicyviolation` event of
its pages to Python as it happens, and a browser test fails on any violation
it did not expect: every test runs under the pages' Content-Security-Policy.
So what tests wait for is written as a function (`() => …`): while it polls,
Playwright evaluates a bare expression with eval(), which the policy forbids.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from scripts.local_site import launch_chromium

# Runs before the page's own scripts in every document the context opens (Playwright
# adds it through the DevTools protocol, outside the page's policy).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.kbCspViolation({
    page: location.pathname, directive: event.effectiveDirective, blocked: event.blockedURI,
    sample: event.sample, source: event.sourceFile, line: event.lineNumber,
}));
"""


class ReportingBrowser:
    """Chromium whose every new context reports Content-Security-Policy violations to `violations`."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.violations: list[dict] = []

    def new_context(self, **options) -> BrowserContext:
        context = self.browser.new_context(**options)
        context.expose_binding("kbCspViolation", lambda source, violation: self.violations.append(violation))
        context.add_init_script(REPORT_VIOLATIONS)
        return context


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_server) -> str:
    """Where the browser finds the built site."""
    return site_server.url


@pytest.fixture(scope="session")
def browser() -> Iterator[ReportingBrowser]:
    """One browser for the whole session; each test opens its own context."""
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield ReportingBrowser(browser)
        browser.close()


@pytest.fixture
def csp_violations(browser: ReportingBrowser) -> list[dict]:
    """The violations the test's pages report; a test that expects some takes them out of this list."""
    return browser.violations


@pytest.fixture(autouse=True)
def no_csp_violations(request) -> Iterator[None]:
    """Fails a browser test whose pages broke their Content-Security-Policy."""
    if "browser" not in request.fixturenames:
        yield
        return
    violations = request.getfixturevalue("csp_violations")
    violations.clear()
    yield
    assert violations == [], "the pages broke their Content-Security-Policy"


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
def browser_page(browser: ReportingBrowser, site_url: str) -> Iterator[RecordedPage]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
    yield RecordedPage(page, site_url)
    context.close()
