"""The Mesos vs Kubernetes post shows the whole timeline, and its links are sound."""
from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from kb.content.timeline import load_timeline
from tests.conftest import REPO_ROOT
from tests.site.site_pages import page_html

pytestmark = pytest.mark.build

POST = "blog/mesos-vs-kubernetes/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(attributes["href"])


@pytest.fixture(scope="module")
def post_html(built_site) -> str:
    return page_html(built_site, POST)


@pytest.fixture(scope="module")
def links(post_html) -> _Links:
    parser = _Links()
    parser.feed(post_html)
    return parser


def test_every_release_in_the_data_is_on_the_page(post_html):
    releases = load_timeline(REPO_ROOT / "data/timeline.yml")
    for release in releases:
        assert f'id="{release.anchor}"' in post_html
        assert f'<a href="{release.source}"' in post_html
    assert "<!-- timeline -->" not in post_html


def test_links_are_well_formed(links):
    assert links.hrefs
    for href in links.hrefs:
        parts = urlsplit(href)
        assert " " not in href, href
        if parts.scheme:
            assert parts.scheme in {"http", "https"} and parts.netloc, href


def test_in_page_anchors_resolve(links):
    for href in links.hrefs:
        if href.startswith("#") and len(href) > 1:
            assert href[1:] in links.ids, href


def test_the_post_links_the_device_plugin_post(links):
    assert any(href.rstrip("/").endswith("kubernetes-device-plugin") for href in links.hrefs)

