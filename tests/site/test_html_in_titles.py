"""HTML in a post's title or tag is shown as text everywhere the title or tag appears, never run.

The contributed site has a post scaffolded with the title `<img src=x
onerror=alert(1)> 標題` (an H1) and the tag `<b>粗體</b>`, and a post whose
front matter title is `<img src=x onerror=alert(2)> 前言標題`. The search
index holds titles as the text they are; the search panel inserts them as
text (tests/browser/test_search.py).
"""
from __future__ import annotations

import datetime
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest

from tests.site.site_pages import indexed_words, search_fragments

pytestmark = pytest.mark.build

H1_TITLE = "<img src=x onerror=alert(1)> 標題"
FRONT_MATTER_TITLE = "<img src=x onerror=alert(2)> 前言標題"
TAG = "<b>粗體</b>"
RAW = ("<img src=x", "<b>粗體")


def escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Each page that shows a title or tag, and the escaped texts it must show.
PAGES = {
    "blog/html-in-title/index.html": [H1_TITLE, TAG],
    "blog/html-in-front-matter/index.html": [FRONT_MATTER_TITLE, TAG],
    "blog/index.html": [H1_TITLE],  # newest first: the scaffolded post is dated today
    f"blog/archive/{datetime.date.today().year}/index.html": [H1_TITLE],
    "blog/archive/2017/index.html": [FRONT_MATTER_TITLE],
    "blog/category/til/index.html": [H1_TITLE, FRONT_MATTER_TITLE],
    "tags/index.html": [H1_TITLE, FRONT_MATTER_TITLE, TAG],
}
FEEDS = ("feed_rss_created.xml", "feed_rss_updated.xml")


class _InjectedElements(HTMLParser):
    """Elements that only the injected HTML would create."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._in_b = False

    def handle_starttag(self, tag, attrs):
        if tag == "img" and any(name == "onerror" for name, _ in attrs):
            self.found.append(f"<img {attrs}>")
        self._in_b = tag == "b"

    def handle_data(self, data):
        if self._in_b and "粗體" in data:
            self.found.append(f"<b>{data}</b>")


@pytest.mark.parametrize("page", PAGES)
def test_titles_and_tags_are_escaped_on_the_page(contributed_site, page):
    html = (contributed_site.site / page).read_text("utf-8")
    parser = _InjectedElements()
    parser.feed(html)
    assert parser.found == []
    assert not [raw for raw in RAW if raw in html]
    for text in PAGES[page]:
        assert escaped(text) in html, f"{page} does not show {text!r} as text"


@pytest.mark.parametrize("feed", FEEDS)
def test_rss_items_carry_the_title_and_tag_as_text(contributed_site, feed):
    xml = (contributed_site.site / feed).read_text("utf-8")
    assert not [raw for raw in RAW if raw in xml]
    items = ElementTree.fromstring(xml).find("channel").findall("item")
    titles = {item.findtext("title"): item for item in items}
    for title in (H1_TITLE, FRONT_MATTER_TITLE):
        categories = [category.text for category in titles[title].iter("category")]
        assert TAG in categories, (title, categories)


def test_the_search_index_holds_titles_as_text(contributed_site):
    fragments = search_fragments(contributed_site.site)
    for url, title in (("/blog/html-in-title/", H1_TITLE), ("/blog/html-in-front-matter/", FRONT_MATTER_TITLE)):
        assert fragments[url]["meta"]["shown_title"] == title
        assert fragments[url]["meta"]["title"] == indexed_words(title)
