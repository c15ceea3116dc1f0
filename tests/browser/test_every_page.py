"""Every built page, as a reader's browser loads it: no errors, nothing external,
math typeset, every link landing on a built page and anchor, nothing that its
Content-Security-Policy blocks; and the policy blocking what a post might smuggle in.

Each page is loaded once (module fixture); the tests below read what was recorded.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scripts.html_checks import RENDER_EVERY_BLOCK
from scripts.local_site import built_page_paths
from tests.site.site_pages import plugin_config

pytestmark = [pytest.mark.build, pytest.mark.browser]

WIDTHS = (1280, 375)
MATH_STYLESHEET = plugin_config("kb/math")["stylesheet"]
# Formulas the reader sees (at each width: Material's CSS once shrank them to 1 px on phones).
DRAWN_FORMULAS = """() => [...document.querySelectorAll(".arithmatex > mjx-container > svg")]
    .filter(svg => svg.getBoundingClientRect().width > 1).length"""
# What a reader's eye would call a formula, and what the build made of it: an SVG
# the reader sees, with MathML that only a screen reader reads.
PAGE_FACTS = """() => ({
    formulas: document.querySelectorAll(".arithmatex").length,
    spoken: [...document.querySelectorAll(".arithmatex mjx-assistive-mml")]
        .filter(mml => mml.querySelector("math") && getComputedStyle(mml).clip.startsWith("rect(1px")).length,
    notebookFormulas: document.querySelectorAll(".jp-MarkdownOutput .arithmatex > mjx-container").length,
    mathScript: typeof window.MathJax !== "undefined" || typeof window.mkdocsJupyterMathJax !== "undefined",
    brokenImages: [...document.images]
        .filter(img => !(img.complete && img.naturalWidth > 0))
        .map(img => img.src.slice(0, 80)),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    ids: [...document.querySelectorAll("[id]")].map(element => element.id),
})"""


def visit(browser, site_url: str, path: str) -> dict:
    """Load a page at the first width, record what it did, then narrow it to the others."""
    violations_before = len(browser.violations)
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="zh-TW")
    page = context.new_page()
    problems, requests = [], []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
    page.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    facts = page.evaluate(PAGE_FACTS)
    page.evaluate(RENDER_EVERY_BLOCK)  # as if the reader had scrolled through: every formula laid out
    facts["scroll_widths"], facts["drawn"] = {}, {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        facts["scroll_widths"][width] = page.evaluate("document.documentElement.scrollWidth")
        facts["drawn"][width] = page.evaluate(DRAWN_FORMULAS)
    context.close()
    violations = browser.violations[violations_before:]
    return {**facts, "problems": problems, "requests": requests, "csp_violations": violations}


def math_failures(facts: dict) -> list[str]:
    """What is wrong with a page's math: formulas not drawn, MathML shown, math script, needless CSS."""
    failures = ["runs a math script"] if facts["mathScript"] else []
    math_css = [url for url in facts["requests"] if url.endswith(MATH_STYLESHEET)]
    if not facts["formulas"]:
        return failures + (["no math, yet loads the math stylesheet"] if math_css else [])
    for width, drawn in facts["drawn"].items():
        if drawn != facts["formulas"]:
            failures.append(f"{drawn} of {facts['formulas']} formulas drawn at {width}px")
    if facts["spoken"] != facts["formulas"]:
        failures.append(f"{facts['spoken']} of {facts['formulas']} formulas with hidden MathML")
    if len(math_css) != 1:
        failures.append(f"math stylesheet requested {len(math_css)} times")
    return failures


@pytest.fixture(scope="module")
def visits(browser, site_url, built_site) -> dict[str, dict]:
    paths = built_page_paths(built_site)
    assert len(paths) >= 16, paths
    return {path: visit(browser, site_url, path) for path in paths}


def test_no_page_breaks_its_content_security_policy(visits, browser, site_url, record_property):
    not_found = visit(browser, site_url, "404.html")  # GitHub Pages serves it for any unknown address
    broken = {
        f"/{path}": facts["csp_violations"]
        for path, facts in [*visits.items(), ("404.html", not_found)]
        if facts["csp_violations"]
    }
    record_property("pages checked against their policy", len(visits) + 1)
    assert broken == {}


def test_no_console_error_failed_request_or_broken_image(visits):
    failures = [
        f"/{path}: {problem}"
        for path, facts in visits.items()
        for problem in facts["problems"] + [f"image not loaded: {src}" for src in facts["brokenImages"]]
    ]
    assert failures == []


def test_no_request_leaves_localhost(visits):
    outside = {}
    for path, facts in visits.items():
        # data: and blob: URLs are made inside the page and never leave it.
        urls = [urlsplit(url) for url in facts["requests"] if not url.startswith(("data:", "blob:"))]
        hosts = {url.hostname for url in urls} - {"127.0.0.1"}
        if hosts:
            outside[path] = sorted(hosts)
    assert outside == {}
    assert all(facts["requests"] for facts in visits.values())


def test_no_horizontal_overflow_at_phone_and_desktop_widths(visits):
    overflowing = {
        f"/{path} at {width}px": scroll_width
        for path, facts in visits.items()
        for width, scroll_width in facts["scroll_widths"].items()
        if scroll_width > width
    }
    assert overflowing == {}


def test_every_formula_is_drawn_and_no_page_runs_a_math_script(visits, record_property):
    record_property("pages", len(visits))
    record_property("formulas", sum(facts["formulas"] for facts in visits.values()))
    failures = [f"/{path}: {failure}" for path, facts in visits.items() for failure in math_failures(facts)]
    assert failures == []
    assert sum(facts["formulas"] for facts in visits.values()) > 100
    assert visits["notebooks/logistic-regression/"]["notebookFormulas"] >= 5
    without_math = [path for path, facts in visits.items() if not facts["formulas"]]
    assert "" in without_math and "tags/" in without_math


def link_target(site_dir: Path, site_url: str, url: str) -> tuple[Path, str] | None:
    """The built file and fragment an internal link points at (None for other sites)."""
    if not url.startswith(site_url):
        return None
    parts = urlsplit(url)
    relative = unquote(parts.path)[len(urlsplit(site_url).path):]
    target = site_dir / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def test_every_internal_link_resolves_to_a_built_page_and_anchor(visits, site_url, built_site, record_property):
    ids_by_file = {
        built_site / path / "index.html": set(facts["ids"]) for path, facts in visits.items()
    }
    broken, checked = [], 0
    for path, facts in visits.items():
        for url in facts["links"]:
            target = link_target(built_site, site_url, url)
            if target is None:
                continue
            checked += 1
            file, fragment = target
            if not file.is_file():
                broken.append(f"/{path} → {url}: no such file in the build")
            elif fragment and file in ids_by_file and fragment not in ids_by_file[file]:
                broken.append(f"/{path} → {url}: no element with id {fragment!r}")
    record_property("internal links", checked)
    assert broken == []
    assert checked > 500


OFF_SITE_IMAGE = "https://images.example.com/tracking-pixel.png"
# What a post's HTML would try if it got past the allow-list: each must do nothing.
SMUGGLED = """() => {
    const article = document.querySelector("article");
    const image = document.createElement("img");
    image.src = "%s";
    article.append(image);
    const script = document.createElement("script");
    script.textContent = "window.kbSmuggled = 'script'";
    article.append(script);
    const handler = document.createElement("img");
    handler.setAttribute("src", "../../assets/images/favicon.png");
    handler.setAttribute("onload", "window.kbSmuggled = 'handler'");
    article.append(handler);
}""" % OFF_SITE_IMAGE


def test_the_policy_blocks_an_off_site_image_an_inline_script_and_a_handler_a_post_might_carry(
    browser_page, csp_violations
):
    page = browser_page.open("blog/kubernetes-device-plugin/")
    failed = {}
    page.on("requestfailed", lambda request: failed.setdefault(request.url, request.failure))
    page.evaluate(SMUGGLED)
    page.wait_for_function("() => document.images[document.images.length - 1].complete")
    page.wait_for_timeout(200)  # violation reports are queued as tasks
    blocked = sorted((violation["directive"], violation["blocked"]) for violation in csp_violations)
    assert blocked == [("img-src", OFF_SITE_IMAGE), ("script-src-attr", "inline"), ("script-src-elem", "inline")]
    assert page.evaluate("window.kbSmuggled") is None
    assert failed == {OFF_SITE_IMAGE: "csp"}  # blocked by the policy: never sent
    csp_violations.clear()  # expected: they are what this test is about
