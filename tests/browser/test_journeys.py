"""What a reader does: click through pages, switch the theme, copy a snippet."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]

# The loader sets data-math on <html>, which instant navigation keeps between pages.
STALE = "stale"


def navigate(browser_page, action: Callable[[], None], expected_path: str) -> str:
    """Do `action` (a click, history.back) and return the new page's data-math state.

    Fails when the browser reloaded the page instead of navigating instantly.
    """
    page = browser_page.page
    page.evaluate(f"document.documentElement.dataset.math = '{STALE}'")
    action()
    page.wait_for_url(browser_page.site_url + expected_path)
    page.wait_for_selector(
        'html[data-math="typeset"], html[data-math="none"]', state="attached"
    )
    assert page.evaluate("window.sameDocument") is True, f"/{expected_path} was a full reload"
    return page.evaluate("document.documentElement.dataset.math")


def assert_math_typeset(page) -> int:
    formulas = page.locator("article .arithmatex").count()
    assert formulas > 0
    assert page.locator("article .arithmatex mjx-container").count() == formulas
    assert page.locator('mjx-merror, [data-mml-node="merror"]').count() == 0
    return formulas


def test_instant_navigation_typesets_math_on_every_page_and_back(browser_page):
    page = browser_page.open("")
    browser_page.wait_for_math("none")
    page.evaluate("window.sameDocument = true")
    content_link = lambda href: lambda: page.locator(f'article a[href$="{href}"]').first.click()

    journey = [
        (content_link("writing-guide/"), "writing-guide/"),
        (content_link("blog/cuckoo-filter/"), "blog/cuckoo-filter/"),
        (page.go_back, "writing-guide/"),
        (content_link("blog/coursera-neural-networks-and-deep-learning-1/"),
         "blog/coursera-neural-networks-and-deep-learning-1/"),
        (page.go_back, "writing-guide/"),
    ]
    formulas = {}
    for action, path in journey:
        assert navigate(browser_page, action, path) == "typeset", path
        formulas.setdefault(path, assert_math_typeset(page))
        assert assert_math_typeset(page) == formulas[path], f"/{path} changed on the way back"
    assert navigate(browser_page, page.go_back, "") == "none"
    assert page.locator("mjx-container").count() == 0


def test_instant_navigation_to_the_notebook_runs_its_scripts_under_the_first_pages_policy(browser_page):
    """The home page's policy allows the scripts of the notebook's content, which it does not hold itself."""
    page = browser_page.open("")
    browser_page.wait_for_math("none")
    assert page.evaluate("customElements.get('clipboard-copy')") is None
    page.evaluate("window.sameDocument = true")
    assert navigate(browser_page, lambda: page.locator(".md-tabs__link", has_text="Notebook").click(),
                    "notebooks/logistic-regression/") == "typeset"
    assert page.evaluate("typeof customElements.get('clipboard-copy')") == "function"
    assert page.locator(".jp-MarkdownOutput mjx-container").count() >= 5


# Material stores the reader's palette under this key, scoped to the site's path.
PALETTE_SCHEME = "document.body.dataset.mdColorScheme"
BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def test_theme_toggle_switches_the_palette_and_survives_navigation(browser, site_url):
    context = browser.new_context(color_scheme="light", locale="zh-TW")
    page = context.new_page()
    page.goto(site_url)
    assert page.evaluate(PALETTE_SCHEME) == "default"
    light_background = page.evaluate(BACKGROUND)

    page.locator('label[title="切換至深色模式"]').first.click()
    page.wait_for_function(f"() => {PALETTE_SCHEME} === 'slate'")
    dark_background = page.evaluate(BACKGROUND)
    assert dark_background != light_background

    page.evaluate("window.sameDocument = true")
    page.locator(".md-tabs__link", has_text="寫作指南").click()
    page.wait_for_url("**/writing-guide/")
    assert page.evaluate("window.sameDocument") is True
    assert page.evaluate(PALETTE_SCHEME) == "slate"

    page.reload()  # a fresh page load reads the stored choice
    assert page.evaluate(PALETTE_SCHEME) == "slate"
    assert page.evaluate(BACKGROUND) == dark_background
    page.locator('label[title="切換至淺色模式"]').first.click()
    page.wait_for_function(f"() => {PALETTE_SCHEME} === 'default'")
    page.goto(site_url + "tags/")
    assert page.evaluate(PALETTE_SCHEME) == "default"
    assert page.evaluate(BACKGROUND) == light_background
    context.close()


EMBED = re.compile(r'^--8<-- "(?P<path>snippets/[^":]+\.py):(?P<section>[\w-]+)"$', re.MULTILINE)
SECTION_MARKER = re.compile(r"^\s*# --8<-- \[(?P<edge>start|end):(?P<name>[\w-]+)\]\s*$")


def section_source(snippet: Path, name: str) -> str:
    """The lines pymdownx.snippets embeds for a section: between its markers, minus other markers."""
    lines = snippet.read_text("utf-8").splitlines()
    markers = {
        (match["edge"], match["name"]): number
        for number, line in enumerate(lines)
        if (match := SECTION_MARKER.match(line))
    }
    inside = lines[markers["start", name] + 1:markers["end", name]]
    return "\n".join(line for line in inside if not SECTION_MARKER.match(line))


PAGES_WITH_SNIPPETS = {
    "writing-guide/": "docs/writing-guide.md",
    "blog/cuckoo-filter/": "docs/blog/posts/cuckoo-filter.md",
    "blog/coursera-neural-networks-and-deep-learning-1/":
        "docs/blog/posts/coursera-neural-networks-and-deep-learning-1.md",
}


@pytest.mark.parametrize("path, source", PAGES_WITH_SNIPPETS.items(), ids=list(PAGES_WITH_SNIPPETS))
def test_copy_button_copies_exactly_the_snippet_section(browser, site_url, path, source):
    embeds = EMBED.findall((REPO_ROOT / source).read_text("utf-8"))
    assert embeds, f"{source} embeds no snippet"
    context = browser.new_context(locale="zh-TW", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + path)
    blocks = page.locator('.highlight:has(> span.filename:text-matches("^snippets/"))')
    assert blocks.count() == len(embeds)
    for index, (snippet, section) in enumerate(embeds):
        # A click moves the mouse over the block first, which shows the button, as for a reader.
        blocks.nth(index).locator('button[data-md-type="copy"]').click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.rstrip("\n") == section_source(REPO_ROOT / snippet, section), f"{snippet}:{section}"
    context.close()
