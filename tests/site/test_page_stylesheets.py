"""A plugin's own stylesheet is linked on the pages that show its content, and on no other page."""
from __future__ import annotations

import posixpath
from html.parser import HTMLParser

import pytest

from kb.content.diagrams import DiagramsPlugin
from kb.content.timeline import TimelinePlugin
from tests.site.site_pages import mkdocs_config, plugin_config

pytestmark = pytest.mark.build

# Each plugin with a stylesheet of its own, by its name in mkdocs.yml.
CONTENT_CLASSES = {"kb/timeline": TimelinePlugin.content_class, "kb/diagrams": DiagramsPlugin.content_class}
# The one page that shows each, today.
PAGES_SHOWING = {"kb/timeline": {"blog/mesos-vs-kubernetes/"}, "kb/diagrams": {"blog/mesos-vs-kubernetes/"}}


class _PageParts(HTMLParser):
    """The stylesheets a page links and the classes its elements carry."""

    def __init__(self) -> None:
        super().__init__()
        self.stylesheets: list[str] = []
        self.classes: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.classes.update((attributes.get("class") or "").split())
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, _PageParts]:
    """Every built HTML page by its URL path ('blog/x/', '404.html'), with what it links and shows."""
    parsed = {}
    for html_file in sorted(built_site.rglob("*.html")):
        parts = _PageParts()
        parts.feed(html_file.read_text("utf-8"))
        relative = html_file.relative_to(built_site).as_posix()
        folder = posixpath.dirname(relative)  # where the page's relative links start
        parts.stylesheets = [posixpath.normpath(posixpath.join(folder, href)) for href in parts.stylesheets]
        parsed[relative.removesuffix("index.html")] = parts
    return parsed


@pytest.mark.parametrize("plugin", CONTENT_CLASSES)
def test_only_the_pages_showing_the_content_link_its_stylesheet(pages, plugin):
    stylesheet = plugin_config(plugin)["stylesheet"]
    showing = {path for path, parts in pages.items() if CONTENT_CLASSES[plugin] in parts.classes}
    linking = {path for path, parts in pages.items() if stylesheet in parts.stylesheets}
    assert showing == PAGES_SHOWING[plugin]
    assert linking == showing
    assert len(pages) > len(showing)


@pytest.mark.parametrize("plugin", CONTENT_CLASSES)
def test_the_stylesheet_is_linked_once_after_the_sites_own(pages, built_site, plugin):
    stylesheet = plugin_config(plugin)["stylesheet"]
    assert (built_site / stylesheet).is_file()
    assert stylesheet not in mkdocs_config()["extra_css"]
    for path in PAGES_SHOWING[plugin]:
        linked = pages[path].stylesheets
        assert linked.count(stylesheet) == 1
        assert linked.index(stylesheet) > max(linked.index(extra) for extra in mkdocs_config()["extra_css"])
