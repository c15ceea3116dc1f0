"""Each page in Chromium, once per colour scheme: axe-core's violations and the page's weight.

Debian's /usr/bin/chromium through Playwright (scripts/local_site.py). Each
visit is a cold load, in a fresh browser context, of a desktop window
(1280 × 900); axe then checks the page at that width and again narrowed to a
phone's (375 px), because axe skips what is hidden and Material shows
different parts of the page at each width. The scheme is the reader's system setting,
emulated with `prefers-color-scheme`: mkdocs.yml gives each of Material's
palettes a media query, so Material picks `default` for light and `slate` for
dark, as it would for a first-time reader, and the visit checks that it did.

The page's requests are recorded from navigation until the network is idle
(after the MathJax loader has settled); axe is injected only then, from a
file, so it adds no request.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scripts.bench_site.pageload import transferred
from scripts.html_checks import RENDER_EVERY_BLOCK
from scripts.local_site import launch_chromium

from .axe import AXE_RUN, count_violations
from .network import foreign_requests, page_weight
from .pages import BuiltPage, page_url

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's scheme
# Two animation frames, so the layout for the new width has been computed and painted, and
# then the end of every CSS transition it started: Material fades colours when the width
# changes, and axe would otherwise measure a colour halfway (a reader sees where it ends).
SETTLED = """() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
    .then(() => Promise.all(document.getAnimations()
        .filter(animation => animation instanceof CSSTransition)
        .map(transition => transition.finished.catch(() => "cancelled, so replaced by another"))))"""


@dataclass(frozen=True)
class PageVisit:
    path: str
    scheme: str  # light or dark
    requests: int
    bytes: int
    foreign_requests: list[str]
    axe: dict[str, dict]  # by width (desktop, phone): axe.count_violations


def visit(browser, site_url: str, page: BuiltPage, scheme: str, axe_script: Path) -> PageVisit:
    # bypass_csp: the page's Content-Security-Policy would block the injected axe-core.
    context = browser.new_context(viewport=WIDTHS["desktop"], color_scheme=scheme, locale="zh-TW", bypass_csp=True)
    try:
        tab = context.new_page()
        requested: list[str] = []  # every request, including those that failed
        finished = []
        tab.on("request", lambda request: requested.append(request.url))
        tab.on("requestfinished", lambda request: finished.append(request))
        response = tab.goto(page_url(site_url, page), wait_until="load")
        if response is None or not response.ok:
            status = "nothing" if response is None else response.status
            raise SystemExit(f"{page.label}: the local server answered {status}")
        tab.wait_for_load_state("networkidle")  # math is typeset at build: nothing more to wait for
        applied = tab.evaluate("document.body.dataset.mdColorScheme")
        if applied != SCHEMES[scheme]:
            raise SystemExit(
                f"{page.label}: Material shows the {applied!r} scheme for prefers-color-scheme: {scheme}, "
                f"not {SCHEMES[scheme]!r}; check theme.palette in mkdocs.yml"
            )
        requests, weight = page_weight([transferred(request) for request in finished])
        urls = list(requested)
        tab.evaluate(RENDER_EVERY_BLOCK)
        tab.add_script_tag(path=str(axe_script))
        axe = {}
        for width, viewport in WIDTHS.items():
            tab.set_viewport_size(viewport)
            tab.evaluate(SETTLED)
            axe[width] = count_violations(tab.evaluate(AXE_RUN))
    finally:
        context.close()
    return PageVisit(page.path, scheme, requests, weight, foreign_requests(urls, site_url), axe)


def visit_pages(site_url: str, pages: list[BuiltPage], axe_script: Path) -> tuple[list[PageVisit], str]:
    """Every page in every scheme, and the Chromium version."""
    from playwright.sync_api import sync_playwright  # a test dependency; imported only when auditing

    visits = []
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for page in pages:
                for scheme in SCHEMES:
                    visits.append(visit(browser, site_url, page, scheme, axe_script))
                    print(f"  axe {scheme:5} {page.label}", flush=True)
            version = browser.version
        finally:
            browser.close()
    return visits, version
