"""What a reader sees: math typeset, nothing fetched from other hosts."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

MATH_PAGE = "writing-guide/"
PAGE_WITHOUT_MATH = ""  # the home page


def assert_every_formula_typeset(page) -> None:
    formulas = page.locator(".arithmatex").count()
    assert formulas > 0
    assert page.locator("mjx-container").count() == formulas
    assert page.locator('mjx-merror, [data-mml-node="merror"]').count() == 0


@pytest.mark.parametrize(
    "path", [MATH_PAGE, "blog/cuckoo-filter/", "blog/coursera-neural-networks-and-deep-learning-1/"]
)
def test_math_page_typesets_every_formula(browser_page, path):
    page = browser_page.open(path)
    browser_page.wait_for_math("typeset")
    assert_every_formula_typeset(page)


def test_math_page_requests_nothing_outside_localhost(browser_page):
    browser_page.open(MATH_PAGE)
    browser_page.wait_for_math("typeset")
    browser_page.page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in browser_page.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}


def test_page_without_math_loads_no_mathjax(browser_page):
    browser_page.open(PAGE_WITHOUT_MATH)
    browser_page.wait_for_math("none")
    browser_page.page.wait_for_load_state("networkidle")
    assert [url for url in browser_page.requests if "/mathjax/" in url] == []


def test_math_typesets_after_instant_navigation(browser_page):
    page = browser_page.open(PAGE_WITHOUT_MATH)
    browser_page.wait_for_math("none")
    page.evaluate("window.loadedOnce = true")
    page.locator(".md-tabs__link", has_text="寫作指南").click()
    page.wait_for_url("**/writing-guide/")
    browser_page.wait_for_math("typeset")
    assert page.evaluate("window.loadedOnce") is True, "the click reloaded the page"
    assert_every_formula_typeset(page)


@pytest.mark.parametrize(
    "query, expected_path",
    [
        ("軟體架構師", "blog/are-you-a-software-architect/"),
        ("裝置外掛", "blog/kubernetes-device-plugin/"),
        ("iptables", "blog/kubernetes-pod-traffic-dropped/"),
        ("布穀鳥過濾器", "blog/cuckoo-filter/"),
        ("誤判率", "blog/cuckoo-filter/"),
        ("梯度下降", "blog/coursera-neural-networks-and-deep-learning-1/"),
        ("device plugin", "blog/kubernetes-device-plugin/"),
        ("numpy", "blog/coursera-neural-networks-and-deep-learning-1/"),
        ("sigmoid", "blog/coursera-neural-networks-and-deep-learning-1/"),
        ("兩層式排程", "blog/mesos-vs-kubernetes/"),
    ],
)
def test_typing_a_term_from_a_post_finds_the_post(browser_page, query, expected_path):
    page = browser_page.open(PAGE_WITHOUT_MATH)
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=50)
    # Material searches on key events; text typed by an input method may need one more.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    paths = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    assert "/" + expected_path in paths[:3], paths


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
    cards = page.locator(".kb-timeline__release").evaluate_all(
        """cards => cards.map(card => {
            const box = card.getBoundingClientRect();
            return {left: Math.round(box.left), top: box.top, date: card.querySelector("time").dateTime};
        })"""
    )
    assert len({card["left"] for card in cards}) == 1
    tops = [card["top"] for card in cards]
    assert tops == sorted(tops)
    dates = [card["date"] for card in cards]
    assert dates == sorted(dates)


NOTEBOOK_PAGE = "notebooks/logistic-regression/"


def test_notebook_math_typesets_with_the_local_mathjax_only(browser_page):
    page = browser_page.open(NOTEBOOK_PAGE)
    browser_page.wait_for_math("typeset")
    browser_page.page.wait_for_load_state("networkidle")
    assert page.locator(".jp-MarkdownOutput mjx-container").count() >= 5
    assert page.locator('mjx-merror, [data-mml-node="merror"]').count() == 0
    hosts = {urlsplit(url).hostname for url in browser_page.requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}
    mathjax = [url for url in browser_page.requests if url.endswith("tex-chtml.js")]
    assert len(mathjax) == 1 and "/assets/mathjax/" in mathjax[0]
    assert not [url for url in browser_page.requests if "require" in url.rsplit("/", 1)[-1]]
