"""Search as a reader meets it, in headless Chromium: quality, bytes and time.

- **Quality**: the public query set (tests/search_queries.yml) typed key by key
  into our search box and into plain Material's (its search plugin with jieba,
  on the same pages); a hit is the query's page in the top 3.
- **Cost**: on a fresh page, the search bytes fetched before the reader opens
  search, then the requests and bytes of typing one query, and the time from
  its last keystroke to the results shown. Python's http.server does not
  compress; Pagefind's index files are gzipped by Pagefind itself.

The interface contract is the one tests/browser/test_search.py holds:
`input[type=search]`, focused by `/`, and `[data-search-result] a[href]` in
rank order; our box sets `data-searched` on `[data-kb-search]` when it has
shown a query's results.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from scripts.local_site import launch_chromium, serve_directory

from .pageload import transferred

QUERY_SET = Path(__file__).resolve().parents[2] / "tests/search_queries.yml"
SEARCH_PARTS = ("/pagefind/", "/assets/search/", "/assets/javascripts/search/", "/search/search_index", "/workers/search")
TYPING_DELAY_MS = 30
MATERIAL_SETTLE_MS = 400  # Material shows results as its worker answers; wait until they stop changing
# Stamps each keystroke's edit of the search input (an `input` event: text typed in
# Chinese comes without key events) and the moment our box shows a query's results.
SEARCH_TIMER = """
window.__benchKeys = [];
addEventListener("input", () => window.__benchKeys.push(performance.now()), true);
new MutationObserver(() => {
  const box = document.querySelector("[data-kb-search]");
  if (box && box.dataset.searched) window.__benchShown = [box.dataset.searched, performance.now()];
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-searched"] });
"""


# Our box shows its placeholder once Pagefind, the vocabulary and the panel are ready.
ENGINE_READY = """() => {
  const box = document.querySelector("[data-kb-search]");
  return box.querySelector(".md-search-result__meta").textContent === box.dataset.placeholder;
}"""


def query_set() -> list[dict]:
    return yaml.safe_load(QUERY_SET.read_text("utf-8"))


@dataclass(frozen=True)
class QueryCost:
    query: str
    bytes_before_search: int
    requests: int
    bytes: int
    last_key_to_results_ms: float
    results: int


def _search_bytes(requests) -> int:
    return sum(headers + body for url, headers, body in requests if any(part in url for part in SEARCH_PARTS))


def _wire(finished) -> list[tuple[str, int, int]]:
    wire = [(request.url, *transferred(request)) for request in finished]
    return [(url, headers, body) for url, headers, body in wire if headers + body > 0]


def one_query_cost(browser, url: str, page_path: str, query: str) -> QueryCost:
    """Open a fresh page, then type `query` in our search box and wait for its results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    try:
        page = context.new_page()
        page.add_init_script(SEARCH_TIMER)
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(url + page_path, wait_until="load")
        page.wait_for_load_state("networkidle")
        before = _wire(finished)
        finished.clear()
        page.keyboard.press("/")
        page.wait_for_function(ENGINE_READY, timeout=60_000)  # the reader opened search, then types
        page.keyboard.type(query, delay=TYPING_DELAY_MS)
        page.wait_for_function("q => (window.__benchShown || [])[0] === q", arg=query, timeout=60_000)
        page.wait_for_load_state("networkidle")
        last_key = page.evaluate("window.__benchKeys.at(-1)")
        shown_at = page.evaluate("window.__benchShown[1]")
        results = page.locator("[data-search-result]").count()
        during = _wire(finished)
    finally:
        context.close()
    return QueryCost(
        query=query,
        bytes_before_search=_search_bytes(before),
        requests=len(during),
        bytes=sum(headers + body for _, headers, body in during),
        last_key_to_results_ms=shown_at - last_key,
        results=results,
    )


def query_costs(site_dir: Path, url_path: str, queries: list[str]) -> list[QueryCost]:
    """The cost of each query on a fresh page of the site in site_dir (served here)."""
    from playwright.sync_api import sync_playwright

    with serve_directory(site_dir) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            one_query_cost(browser, server.url, url_path, queries[0])  # warm up Chromium itself
            return [one_query_cost(browser, server.url, url_path, query) for query in queries]
        finally:
            browser.close()


@dataclass(frozen=True)
class QualityRun:
    engine: str
    hits: int
    queries: int
    misses: list[str]


def _ranked_paths(page, result_links: str) -> list[str]:
    hrefs = page.eval_on_selector_all(result_links, "links => links.map(a => a.href)")
    return [urlsplit(href).path for href in hrefs]


def _ours(page, query: str) -> list[str]:
    page.fill("input[type=search]", "")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    page.wait_for_function(
        "q => document.querySelector('[data-kb-search]').dataset.searched === q", arg=query, timeout=60_000
    )
    return _ranked_paths(page, "[data-search-result] a[href]")


def _materials(page, query: str) -> list[str]:
    page.fill(".md-search__input", "")
    page.keyboard.type(query, delay=TYPING_DELAY_MS)
    page.keyboard.press("End")  # Material searches on key events; an input method's text needs one more
    links = ".md-search-result__item > .md-search-result__link"
    previous, stable_since = None, time.perf_counter()
    while time.perf_counter() - stable_since < MATERIAL_SETTLE_MS / 1000:
        current = _ranked_paths(page, links)
        if current != previous:
            previous, stable_since = current, time.perf_counter()
        page.wait_for_timeout(50)
    return previous


def query_set_quality(site_dir: Path, engine: str) -> QualityRun:
    """Type every query of the set into `engine`'s box ("ours" or "material") on the site in site_dir."""
    from playwright.sync_api import sync_playwright

    search = {"ours": _ours, "material": _materials}[engine]
    entries = query_set()
    misses = []
    with serve_directory(site_dir) as server, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
            page.goto(server.url, wait_until="load")
            page.keyboard.press("/")
            for entry in entries:
                paths = search(page, entry["query"])
                expected = "/" + entry["page"]
                rank = paths.index(expected) + 1 if expected in paths else None
                if rank is None or rank > 3:
                    misses.append(f"{entry['query']}（{entry['kind']}，名次 {rank or '—'}）")
        finally:
            browser.close()
    return QualityRun(engine, len(entries) - len(misses), len(entries), misses)


def summarize_costs(costs: list[QueryCost]) -> dict:
    return {
        "queries": [cost.query for cost in costs],
        "bytes_before_search": max(cost.bytes_before_search for cost in costs),
        "requests": statistics.median(cost.requests for cost in costs),
        "bytes": statistics.median(cost.bytes for cost in costs),
        "max_bytes": max(cost.bytes for cost in costs),
        "last_key_to_results_ms": statistics.median(cost.last_key_to_results_ms for cost in costs),
        "max_last_key_to_results_ms": max(cost.last_key_to_results_ms for cost in costs),
    }
