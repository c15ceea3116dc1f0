"""Search as a reader uses it: typing Chinese and English terms from the posts."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.build, pytest.mark.browser]


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
def test_typing_a_term_from_a_post_finds_the_post(browser_page, record_property, query, expected_path):
    page = browser_page.open("")
    page.locator(".md-search__input").click()
    page.keyboard.type(query, delay=50)
    # Material searches on key events; text typed by an input method may need one more.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    results.first.wait_for()
    paths = [urlsplit(href).path for href in results.evaluate_all("links => links.map(a => a.href)")]
    rank = paths.index("/" + expected_path) + 1 if "/" + expected_path in paths else None
    record_property(f"search rank of {query!r}", rank)
    assert rank is not None and rank <= 3, paths
