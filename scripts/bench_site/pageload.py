"""Page loads of the built site in headless Chromium, served from 127.0.0.1.

Debian's /usr/bin/chromium, driven by Playwright (scripts/local_site.py).
Every load gets a fresh browser context, so nothing comes from the HTTP cache.
Requests and bytes are what went over the wire (response headers and bodies,
as Chromium reports them; hits in
Chromium's memory cache are left out); Python's http.server does not compress.
Math is typeset when the site is built (kb/math), so a page's math costs bytes
of HTML and one stylesheet, and no script: any script whose URL names MathJax
is counted as math script, which should stay at 0 B.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from scripts.local_site import launch_chromium

PAGE_FACTS = """() => ({
  load_ms: performance.getEntriesByType("navigation")[0].loadEventEnd,
  formulas: document.querySelectorAll(".arithmatex > mjx-container").length,
})"""


def is_math_script(url: str) -> bool:
    return "mathjax" in url.lower() and url.split("?")[0].endswith(".js")


@dataclass(frozen=True)
class PageLoad:
    path: str
    requests: int
    bytes: int
    math_script_bytes: int
    formulas: int
    load_ms: float


def transferred(request) -> tuple[int, int]:
    """(header bytes, body bytes) a finished request took over the wire; (0, 0) when
    Chromium served it from its memory cache (it then reports minus the header size)."""
    sizes = request.sizes()
    headers, body = sizes["responseHeadersSize"], sizes["responseBodySize"]
    if headers + body <= 0:
        return 0, 0
    if body == 0:  # Chromium reports 0 for a worker's own script; count what arrived
        response = request.response()
        body = len(response.body()) if response else 0
    return headers, body


def load_page(browser, url: str, path: str) -> PageLoad:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    try:
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        facts = page.evaluate(PAGE_FACTS)
        wire = [(request.url, *transferred(request)) for request in finished]
        wire = [(request_url, headers, body) for request_url, headers, body in wire if headers + body > 0]
    finally:
        context.close()
    return PageLoad(
        path=path or "/",
        requests=len(wire),
        bytes=sum(headers + body for _, headers, body in wire),
        math_script_bytes=sum(body for request_url, _, body in wire if is_math_script(request_url)),
        formulas=facts["formulas"],
        load_ms=facts["load_ms"],
    )


def page_loads(url: str, paths: list[str], loads: int) -> tuple[list[PageLoad], str]:
    """`loads` cold loads of each path (alternated), and the Chromium version."""
    from playwright.sync_api import sync_playwright  # a test dependency; imported only when measuring

    results = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            load_page(browser, url, paths[0])  # warm up Chromium itself; not counted
            for _ in range(loads):
                for path in paths:
                    results.append(load_page(browser, url, path))
            version = browser.version
        finally:
            browser.close()
    return results, version


@dataclass(frozen=True)
class PageSummary:
    """Medians over the loads of one page; math script bytes is the largest seen."""

    path: str
    loads: int
    requests: float
    bytes: float
    max_math_script_bytes: int
    formulas: int
    load_ms: float


def summarize(results: list[PageLoad], path: str) -> PageSummary:
    mine = [result for result in results if result.path == (path or "/")]
    return PageSummary(
        path=mine[0].path,
        loads=len(mine),
        requests=statistics.median(result.requests for result in mine),
        bytes=statistics.median(result.bytes for result in mine),
        max_math_script_bytes=max(result.math_script_bytes for result in mine),
        formulas=max(result.formulas for result in mine),
        load_ms=statistics.median(result.load_ms for result in mine),
    )
