"""Every built page, as a reader's browser loads it: no errors, nothing external,
math typeset, every link landing on a built page and anchor, nothing that its
Content-Security-Policy blocks; and the policy blocking what a post might smuggle in.

Each page is loaded once (module fixture); the tests below read what was recorded.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

WIDTHS = (1280, 375)
MATH_SETTLED = 'html[data-math="typeset"], html[data-math="none"]'
# What a reader's eye would call a formula, and what MathJax made of it.
PAGE_FACTS = """() => ({
    math: document.documentElement.dataset.math,
    formulas: document.querySelectorAll(".arithmatex").length,
    typeset: document.querySelectorAll(".arithmatex mjx-container").length,
    notebookFormulas: document.querySelectorAll(".jp-MarkdownOutput mjx-container").length,
    merrors: document.querySelectorAll('mjx-merror, [data-mml-node="merror"]').length,
    brokenImages: [...document.images]
        .filter(img => !(img.complete && img.naturalWidth > 0))
        .map(img => img.src.slice(0, 80)),
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    ids: [...document.querySelectorAll("[id]")].map(element => element.id),
})"""


def built_page_paths(site: Path) -> list[str]:
    """URL paths of the built pages, found in the build rather than listed by hand."""
    return sorted(
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
        if "assets" not in path.parts
    )


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
    page.wait_for_selector(MATH_SETTLED, state="attached")
    page.wait_for_load_state("load")
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    facts = page.evaluate(PAGE_FACTS)
    facts["scroll_widths"] = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        facts["scroll_widths"][width] = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    violations = browser.violations[violations_before:]
    return {**facts, "problems": problems, "requests": requests, "csp_violations": violations}


def math_failures(facts: dict) -> list[str]:
    """What is wrong with a page's math: untypeset formulas, MathJax errors, needless MathJax."""
    mathjax_requests = [url for url in facts["requests"] if "/assets/mathjax/" in url]
    if facts["math"] == "none":
        return ["no math, yet loads MathJax"] if mathjax_requests else []
    failures = []
    if facts["typeset"] != facts["formulas"]:
        failures.append(f"{facts['typeset']} of {facts['formulas']} formulas typeset")
    if facts["merrors"]:
        failures.append(f"{facts['merrors']} MathJax error(s) (merror)")
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


def test_every_formula_is_typeset_and_pages_without_math_load_no_mathjax(visits, record_property):
    record_property("pages", len(visits))
    record_property("formulas", sum(facts["formulas"] + facts["notebookFormulas"] for facts in visits.values()))
    failures = [f"/{path}: {failure}" for path, facts in visits.items() for failure in math_failures(facts)]
    assert failures == []
    assert sum(facts["formulas"] for facts in visits.values()) > 100
    assert visits["notebooks/logistic-regression/"]["notebookFormulas"] >= 5
    without_math = [path for path, facts in visits.items() if facts["math"] == "none"]
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


def test_an_undefined_tex_macro_is_reported_as_a_mathjax_error(browser_page):
    """The check above must catch a typo in a formula, not just count containers."""
    page = browser_page.open("writing-guide/")
    browser_page.wait_for_math("typeset")
    page.evaluate(
        """async () => {
            const formula = document.createElement("span");
            formula.className = "arithmatex";
            formula.textContent = "\\\\(\\\\notamacro{x} + 1\\\\)";
            document.querySelector("article").append(formula);
            await MathJax.typesetPromise([formula]);
        }"""
    )
    facts = {**page.evaluate(PAGE_FACTS), "requests": browser_page.requests}
    assert math_failures(facts) == ["1 MathJax error(s) (merror)"]


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
    browser_page.wait_for_math("none")
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
