"""Page loads of the built site in headless Chromium, served from 127.0.0.1.

Debian's /usr/bin/chromium, driven by Playwright (scripts/local_site.py).
Every load gets a fresh browser context, so nothing comes from the HTTP cache.
Requests and bytes are what went over the wire (response headers and bodies,
as Chromium reports them; hits in
Chromium's memory cache are left out); Python's http.server does not compress. The moment MathJax finished is when the loader
(docs/assets/javascripts/mathjax-loader.js) sets <html data-math="typeset">,
seen by a MutationObserver that the benchmark adds before any page script runs.
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass

from scripts.local_site import launch_chromium

MATHJAX_PATH = "/assets/mathjax/"
# Records performance.now() when the loader marks the page typeset.
TYPESET_OBSERVER = """
new MutationObserver(() => {
  if (document.documentElement?.dataset.math === "typeset" && window.__benchTypesetAt === undefined) {
    window.__benchTypesetAt = performance.now();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-math"] });
"""
PAGE_TIMINGS = """() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    load_ms: navigation.loadEventEnd,
    typeset_ms: window.__benchTypesetAt ?? null,
    math: document.documentElement.dataset.math ?? null,
  };
}"""


@dataclass(frozen=True)
class PageLoad:
    path: str
    requests: int
    bytes: int
    mathjax_bytes: int
    math: str  # the loader's final state: typeset or none
    load_ms: float
    typeset_ms: float | None

    @property
    def typeset_after_load_ms(self) -> float | None:
        return None if self.typeset_ms is None else self.typeset_ms - self.load_ms


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
        page.add_init_script(TYPESET_OBSERVER)
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url + path, wait_until="load")
        page.wait_for_selector('html[data-math="typeset"], html[data-math="none"]', state="attached", timeout=60_000)
        page.wait_for_load_state("networkidle")
        timings = page.evaluate(PAGE_TIMINGS)
        wire = [(request.url, *transferred(request)) for request in finished]
        wire = [(request_url, headers, body) for request_url, headers, body in wire if headers + body > 0]
    finally:
        context.close()
    return PageLoad(
        path=path or "/",
        requests=len(wire),
        bytes=sum(headers + body for _, headers, body in wire),
        mathjax_bytes=sum(body for request_url, _, body in wire if MATHJAX_PATH in request_url),
        math=timings["math"],
        load_ms=timings["load_ms"],
        typeset_ms=timings["typeset_ms"],
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
    """Medians over the loads of one page; MathJax bytes is the largest seen."""

    path: str
    loads: int
    requests: float
    bytes: float
    max_mathjax_bytes: int
    math: str
    load_ms: float
    typeset_ms: float | None
    typeset_after_load_ms: float | None


def _median_or_none(values: list[float | None]) -> float | None:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def summarize(results: list[PageLoad], path: str) -> PageSummary:
    mine = [result for result in results if result.path == (path or "/")]
    return PageSummary(
        path=mine[0].path,
        loads=len(mine),
        requests=statistics.median(result.requests for result in mine),
        bytes=statistics.median(result.bytes for result in mine),
        max_mathjax_bytes=max(result.mathjax_bytes for result in mine),
        math="/".join(sorted({result.math for result in mine})),
        load_ms=statistics.median(result.load_ms for result in mine),
        typeset_ms=_median_or_none([result.typeset_ms for result in mine]),
        typeset_after_load_ms=_median_or_none([result.typeset_after_load_ms for result in mine]),
    )
