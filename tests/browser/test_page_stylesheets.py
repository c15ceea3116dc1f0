"""A plugin's stylesheet arrives with its page by Material's instant navigation, and leaves with it."""
from __future__ import annotations

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]

TIMELINE_POST = "blog/mesos-vs-kubernetes/"
LINKED_FROM_IT = "blog/kubernetes-device-plugin/"
# Unstyled, the grid is a block and the figure does not scroll: true only once each stylesheet applies.
STYLED = {
    "timeline.css": "() => getComputedStyle(document.querySelector('.kb-timeline__grid')).display === 'grid'",
    "diagrams.css": "() => getComputedStyle(document.querySelector('.kb-diagram-figure')).overflowX === 'auto'",
}
LINKED = "[...document.head.querySelectorAll('link[rel=stylesheet]')].map(link => link.href.split('/').pop())"


def click_through(browser_page, href: str) -> None:
    """Click the first content link to `href` and wait for Material to swap the page in, without a reload."""
    page = browser_page.page
    page.evaluate("() => { document.querySelector('article').dataset.leaving = ''; }")
    page.locator(f'article a[href$="{href}"]').first.click()
    page.wait_for_url(browser_page.site_url + href)
    # The address changes before Material has swapped in the new page: wait for its content.
    page.wait_for_function("() => !document.querySelector('article[data-leaving]')")
    assert page.evaluate("window.sameDocument") is True, f"/{href} was a full reload"


def test_the_timeline_and_diagrams_are_styled_after_instant_navigation_and_their_styles_leave_after(browser_page):
    page = browser_page.open("blog/")
    page.evaluate("window.sameDocument = true")
    assert not set(STYLED) & set(page.evaluate(LINKED))

    click_through(browser_page, TIMELINE_POST)
    for styled in STYLED.values():
        page.wait_for_function(styled)  # fails at Playwright's timeout if the stylesheet never applies
    assert set(STYLED) <= set(page.evaluate(LINKED))

    click_through(browser_page, LINKED_FROM_IT)
    assert not set(STYLED) & set(page.evaluate(LINKED))
