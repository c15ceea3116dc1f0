"""The colour-scheme toggle (overrides/partials/javascripts/palette.html, in place of Material's
palette component): the scheme a reader gets, the toggle by mouse and keyboard, the saved choice,
the meta tags, and no forced restyle of the page at load.

Switching by click, across instant navigation and a reload: tests/browser/test_journeys.py.
"""
from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

SCHEME = "() => document.body.dataset.mdColorScheme"
SHOWN_TOGGLE = "() => [...document.querySelectorAll('[data-kb-component=palette] label')].filter(l => !l.hidden).map(l => l.title)"
# Material's entry in localStorage, scoped to the site's path ("/." on the test server).
SAVED = "() => JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette'))"
TO_DARK, TO_LIGHT = "切換至深色模式", "切換至淺色模式"
# Every change of the body's data-md-color-switching attribute from the first script on.
RECORD_SWITCHING = """
window.kbSwitching = [];
new MutationObserver((records) => {
    for (const record of records) window.kbSwitching.push(record.target.getAttribute("data-md-color-switching"));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"] });
// Whether the header's search button was there each time a palette label was shown.
window.kbToggleShown = [];
new MutationObserver((records) => {
    for (const record of records)
        if (record.target.matches("[data-kb-component=palette] label") && !record.target.hidden)
            window.kbToggleShown.push(document.querySelector("label[for=__search]") !== null);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["hidden"] });
"""


@pytest.fixture
def open_page(browser, site_url) -> Iterator:
    """Opens a path of the site in a fresh context whose system setting is `scheme`."""
    contexts = []

    def open_(path: str, scheme: str):
        context = browser.new_context(viewport={"width": 375, "height": 740}, color_scheme=scheme, locale="zh-TW")
        contexts.append(context)
        context.add_init_script(RECORD_SWITCHING)
        page = context.new_page()
        page.on("pageerror", lambda error: pytest.fail(f"JavaScript error: {error}"))
        page.goto(site_url + path)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.mark.parametrize("system, scheme, toggle", [("light", "default", TO_DARK), ("dark", "slate", TO_LIGHT)])
def test_a_first_time_reader_gets_the_scheme_of_the_system_setting_and_the_toggle_to_the_other(
    open_page, system, scheme, toggle
):
    page = open_page("blog/cuckoo-filter/", system)
    assert page.evaluate(SCHEME) == scheme
    assert page.evaluate(SHOWN_TOGGLE) == [toggle]
    assert page.evaluate(SAVED) is None  # nothing is saved until the reader chooses


def test_the_toggle_appears_only_once_the_whole_header_is_there(open_page):
    """Shown earlier, it moved aside when the search button after it came in (a layout shift)."""
    page = open_page("writing-guide/", "light")
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.kbToggleShown") == [True]


def test_loading_a_page_never_marks_it_as_switching(open_page):
    """The mark turns transitions off for a switch; set at load, it restyled the whole page twice."""
    page = open_page("blog/cuckoo-filter/", "dark")
    page.wait_for_load_state("load")
    page.evaluate("() => new Promise((done) => setTimeout(done, 100))")
    assert page.evaluate("() => window.kbSwitching") == []


def test_enter_on_the_toggle_switches_and_saves_the_choice(open_page):
    page = open_page("writing-guide/", "light")
    page.focus("#__palette_0")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    assert page.evaluate("() => document.activeElement.id") == "__palette_1"
    assert page.evaluate(SHOWN_TOGGLE) == [TO_LIGHT]
    assert page.evaluate(SAVED)["index"] == 1
    assert page.evaluate(SAVED)["color"]["scheme"] == "slate"
    # The mark was set for the switch and taken away after it.
    page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate("() => window.kbSwitching") == ["", None]


def test_a_saved_choice_wins_over_the_system_setting(open_page):
    page = open_page("", "light")
    page.locator(f'label[title="{TO_DARK}"]').click()
    page.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    page.emulate_media(color_scheme="light")
    page.reload()
    assert page.evaluate(SCHEME) == "slate"
    assert page.evaluate(SHOWN_TOGGLE) == [TO_LIGHT]


def test_until_the_reader_chooses_the_scheme_follows_a_change_of_the_system_setting(open_page):
    page = open_page("", "light")
    page.emulate_media(color_scheme="dark")
    page.wait_for_function(f"() => ({SCHEME})() === 'slate'")
    assert page.evaluate(SHOWN_TOGGLE) == [TO_LIGHT]


HEADER_STYLE = """() => {
    const style = getComputedStyle(document.querySelector("[data-md-component=header]"));
    const hex = "#" + style.backgroundColor.match(/\\d+/g).slice(0, 3).map((v) => (+v).toString(16).padStart(2, "0")).join("");
    return [hex, style.colorScheme];
}"""
META = """() => ["theme-color", "color-scheme"].map((name) => document.querySelector(`meta[name="${name}"]`).content)"""


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_theme_color_and_color_scheme_meta_tags_follow_the_header(open_page, system):
    page = open_page("writing-guide/", system)
    page.wait_for_function(f"() => ({META})()[0] !== ''")
    assert page.evaluate(META) == page.evaluate(HEADER_STYLE)
    if system == "dark":
        assert page.evaluate(META)[1] == "dark"
    page.locator("[data-kb-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"() => ({SCHEME})() === '{'default' if system == 'dark' else 'slate'}'")
    assert page.evaluate(META) == page.evaluate(HEADER_STYLE)
