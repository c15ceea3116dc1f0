"""Posts with a layout of their own: the timeline and the notebook."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from scripts.html_checks import RENDER_EVERY_BLOCK

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.mark.parametrize("width", [375, 1280])
def test_the_timeline_post_does_not_overflow(browser_page, width):
    page = browser_page.page
    page.set_viewport_size({"width": width, "height": 900})
    browser_page.open("blog/mesos-vs-kubernetes/")
    assert page.locator(".kb-timeline__release").count() > 20
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_the_timeline_is_one_chronological_column_on_a_phone(browser_page):
    page = browser_page.page
    page.set_viewport_size({"width": 375, "height": 800})
    browser_page.open("blog/mesos-vs-kubernetes/")
    page.evaluate(RENDER_EVERY_BLOCK)  # as if the reader had scrolled to the timeline
    cards = page.locator(".kb-timeline__release").evaluate_all(
        """cards => cards.map(card => {
            const box = card.getBoundingClientRect();
            return {left: Math.round(box.left), top: box.top, date: card.querySelector("time").dateTime};
        })"""
    )
    assert len({card["left"] for card in cards}) == 1 and cards[0]["left"] > 0
    tops = [card["top"] for card in cards]
    assert tops == sorted(tops)
    dates = [card["date"] for card in cards]
    assert dates == sorted(dates)


NOTEBOOK_PAGE = "notebooks/logistic-regression/"


def test_notebook_math_is_drawn_without_any_math_script(browser_page):
    page = browser_page.open(NOTEBOOK_PAGE)
    browser_page.page.wait_for_load_state("networkidle")
    drawn = page.locator(".jp-MarkdownOutput .arithmatex > mjx-container > svg")
    assert drawn.count() >= 5 and drawn.first.bounding_box()["width"] > 1
    assert page.evaluate("typeof MathJax === 'undefined' && typeof mkdocsJupyterMathJax === 'undefined'")
    hosts = {urlsplit(url).hostname for url in browser_page.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    assert not [url for url in browser_page.requests if "mathjax" in url.lower()]
    assert not [url for url in browser_page.requests if "require" in url.rsplit("/", 1)[-1]]


def test_the_notebook_stylesheet_applies_after_instant_navigation(browser_page):
    """The page links notebook.css in its content: instant navigation swaps the content, not the <head>."""
    page = browser_page.open("")
    page.evaluate("window.sameDocument = true")
    page.locator(f'a.md-tabs__link[href$="{NOTEBOOK_PAGE}"]').click()
    page.wait_for_url(browser_page.site_url + NOTEBOOK_PAGE)
    page.wait_for_function(
        "() => { const output = document.querySelector('.jp-RenderedText pre');"
        " return output && getComputedStyle(output).whiteSpace === 'pre-wrap'; }"
    )
    assert page.evaluate("window.sameDocument") is True
