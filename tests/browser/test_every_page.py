"""Every built page, as a reader's browser loads it: no errors, nothing external, math typeset."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]


def built_page_paths(site) -> list[str]:
    """URL paths of the built pages, found in the build rather than listed by hand."""
    return sorted(
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
        if "assets" not in path.parts
    )


@pytest.fixture(scope="module")
def page_paths(built_site) -> list[str]:
    paths = built_page_paths(built_site)
    assert len(paths) >= 10
    return paths


WIDTHS = (1280, 375)


def open_and_check(browser, site_url: str, path: str) -> dict:
    """Load a page at the first width, then narrow the same page to the others."""
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="zh-TW")
    page = context.new_page()
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path)
    page.wait_for_selector('html[data-math="typeset"], html[data-math="none"]', state="attached")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    facts = page.evaluate(
        """() => ({
            math: document.documentElement.dataset.math,
            formulas: document.querySelectorAll(".arithmatex").length,
            typeset: document.querySelectorAll(".arithmatex mjx-container, .jp-MarkdownOutput mjx-container").length,
            merrors: document.querySelectorAll('mjx-merror, [data-mml-node="merror"]').length,
            brokenImages: [...document.images].filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.src.slice(0, 80)),
        })"""
    )
    facts["scrollWidths"] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        facts["scrollWidths"][width] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    return {**facts, "problems": problems, "requests": requests}


def test_every_page_loads_cleanly_at_desktop_and_phone_widths(browser, site_url, page_paths):
    failures = []
    formulas = 0
    for path in page_paths:
        facts = open_and_check(browser, site_url, path)
        where = f"/{path}"
        failures += [f"{where}: {problem}" for problem in facts["problems"]]
        hosts = {urlsplit(url).hostname for url in facts["requests"] if not url.startswith("data:")}
        if hosts - {"127.0.0.1"}:
            failures.append(f"{where}: requests to {sorted(hosts - {'127.0.0.1'})}")
        if facts["brokenImages"]:
            failures.append(f"{where}: images not loaded {facts['brokenImages']}")
        for width, scroll_width in facts["scrollWidths"].items():
            if scroll_width > width:
                failures.append(f"{where}: horizontal overflow at {width}px (scrollWidth {scroll_width})")
        mathjax_requests = [url for url in facts["requests"] if "/assets/mathjax/" in url]
        if facts["math"] == "none":
            if mathjax_requests:
                failures.append(f"{where}: no math, yet loads MathJax")
        else:
            if facts["typeset"] < facts["formulas"]:
                failures.append(f"{where}: {facts['typeset']} of {facts['formulas']} formulas typeset")
            if facts["merrors"]:
                failures.append(f"{where}: {facts['merrors']} MathJax errors")
        formulas += facts["formulas"]
    assert failures == []
    assert formulas > 100
