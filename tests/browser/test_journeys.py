"""What a reader does: click through pages, switch the theme, copy a snippet."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.html_checks import RENDER_EVERY_BLOCK
from tests.conftest import REPO_ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]

def navigate(browser_page, action: Callable[[], None], expected_path: str) -> None:
    """Do `action` (a click, history.back) and wait until the new page's content is in.

    Fails when the browser reloaded the page instead of navigating instantly.
    """
    page = browser_page.page
    page.evaluate("document.querySelector('article').dataset.leaving = ''")
    action()
    page.wait_for_url(browser_page.site_url + expected_path)
    page.wait_for_function("() => !document.querySelector('article[data-leaving]')")
    assert page.evaluate("window.sameDocument") is True, f"/{expected_path} was a full reload"


# The formulas are typeset at build; what instant navigation must not lose is the
# stylesheet that hides their MathML (it travels with the content, not in <head>).
MATH_ON_SCREEN = """() => {
    const formulas = [...document.querySelectorAll("article .arithmatex")];
    const drawn = formulas.filter(f => f.querySelector("mjx-container > svg")?.getBoundingClientRect().width > 1);
    // MathJax's stylesheet clips the MathML to nothing on screen; screen readers still read it.
    const hidden = formulas.filter(f => {
        const mml = f.querySelector("mjx-assistive-mml");
        return mml && getComputedStyle(mml).clip.startsWith("rect(1px");
    });
    return [formulas.length, drawn.length, hidden.length];
}"""


def assert_math_drawn(page) -> int:
    page.evaluate(RENDER_EVERY_BLOCK)  # as if the reader had scrolled through: every formula laid out
    formulas, drawn, hidden = page.evaluate(MATH_ON_SCREEN)
    assert formulas > 0 and drawn == formulas and hidden == formulas, (formulas, drawn, hidden)
    return formulas


def test_instant_navigation_keeps_math_drawn_on_every_page_and_back(browser_page):
    page = browser_page.open("")
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
        navigate(browser_page, action, path)
        formulas.setdefault(path, assert_math_drawn(page))
        assert assert_math_drawn(page) == formulas[path], f"/{path} changed on the way back"
    navigate(browser_page, page.go_back, "")
    assert page.locator("mjx-container").count() == 0


def test_instant_navigation_to_the_notebook_stays_within_the_first_pages_policy(browser_page):
    """Instant navigation keeps the home page's policy; the notebook's content must need nothing more
    (the csp_violations fixture fails the test on any violation)."""
    page = browser_page.open("")
    page.evaluate("window.sameDocument = true")
    navigate(browser_page, lambda: page.locator(".md-tabs__link", has_text="Notebook").click(),
             "notebooks/logistic-regression/")
    assert page.locator(".jp-MarkdownOutput .arithmatex > mjx-container").count() >= 5
    assert page.locator(".jp-Notebook .highlight").count() >= 5


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


# Material copies with clipboard.js: it selects the text in a hidden field and runs the copy command,
# whose `copy` event carries the selection that goes to the clipboard. Headless Chromium on a loaded
# machine now and then leaves the system clipboard unwritten (twice in make bench's fresh-clone runs, even
# with the page focused and the clipboard read for 5 s), so the test reads what each copy copied from its event.
RECORD_COPIES = """() => {
  window.kbCopies = [];
  document.addEventListener("copy", event => {
    const field = event.target;
    const selection = "selectionStart" in field
      ? field.value.slice(field.selectionStart, field.selectionEnd) : String(document.getSelection());
    window.kbCopies.push(selection);
  }, true);
}"""
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
    context = browser.new_context(locale="zh-TW")
    page = context.new_page()
    page.goto(site_url + path)
    page.evaluate(RECORD_COPIES)
    blocks = page.locator('.highlight:has(> span.filename:text-matches("^snippets/"))')
    assert blocks.count() == len(embeds)
    for index, (snippet, section) in enumerate(embeds):
        # A click moves the mouse over the block first, which shows the button, as for a reader.
        blocks.nth(index).locator('button[data-md-type="copy"]').click()
        page.wait_for_function("count => window.kbCopies.length >= count", arg=index + 1)
        copied = page.evaluate("index => window.kbCopies[index]", index)
        assert copied.rstrip("\n") == section_source(REPO_ROOT / snippet, section), f"{snippet}:{section}"
    context.close()


# Each block of the article, and whether the browser has laid it out (content-visibility: auto
# in extra.css skips those far from the screen).
BLOCKS_LAID_OUT = """() => [...document.querySelectorAll(".md-content .md-typeset > *")]
    .map(block => [...block.children].every(child => child.checkVisibility({ contentVisibilityAuto: true })))"""
FORMULAS_SCROLLING_AND_FOCUSABLE = """() => [...document.querySelectorAll(".md-typeset div.arithmatex")]
    .map(formula => [formula.scrollWidth > formula.clientWidth, formula.tabIndex === 0])"""


@pytest.mark.parametrize("path", ["blog/cuckoo-filter/", "blog/coursera-neural-networks-and-deep-learning-1/"])
def test_on_a_phone_blocks_are_laid_out_as_the_reader_reaches_them(browser, site_url, path):
    """Far blocks wait until they near the screen; once read, each formula that scrolls is a tab stop
    (so it can be scrolled from the keyboard) and each that fits is none."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, locale="zh-TW")
    page = context.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    laid_out = page.evaluate(BLOCKS_LAID_OUT)
    assert laid_out[0] and not all(laid_out), "the blocks far below the screen should wait"
    for index in range(len(laid_out)):
        page.evaluate(f"""() => new Promise(done => {{
            document.querySelectorAll(".md-content .md-typeset > *")[{index}].scrollIntoView();
            requestAnimationFrame(() => requestAnimationFrame(done));
        }})""")
    assert all(page.evaluate(BLOCKS_LAID_OUT)[-3:])
    formulas = page.evaluate(FORMULAS_SCROLLING_AND_FOCUSABLE)
    assert any(scrolls for scrolls, _ in formulas) and not all(scrolls for scrolls, _ in formulas)
    assert [focusable for _, focusable in formulas] == [scrolls for scrolls, _ in formulas]
    context.close()


LAYOUT_SHIFTS = """window.kbLayoutShifts = [];
new PerformanceObserver(list => window.kbLayoutShifts.push(...list.getEntries().map(entry => entry.value)))
    .observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("width, height", [(412, 823), (1280, 900)], ids=["phone", "desktop"])
def test_nothing_on_screen_moves_while_a_long_page_loads(browser, site_url, width, height):
    """Blocks laid out late (extra.css) must not push the first screen's text about."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-TW")
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    shifts = {}
    for path in ("", "blog/", "writing-guide/", "blog/cuckoo-filter/", "blog/coursera-neural-networks-and-deep-learning-1/"):
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        shifts[path] = sum(page.evaluate("() => window.kbLayoutShifts"))
    context.close()
    assert shifts == {path: 0 for path in shifts}
