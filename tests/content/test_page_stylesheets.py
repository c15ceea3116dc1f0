"""A plugin's own stylesheet is linked on the pages that show its content, and only there (kb/content/page_stylesheets.py)."""
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.plugins import PluginCollection
from mkdocs.structure.files import File, Files

from kb.content.page_stylesheets import PageStylesheetPlugin, link_stylesheet, uses_class

PAGE = "<html><head><title>頁</title></head><body>{}</body></html>"


@pytest.mark.parametrize(
    "html, used",
    [
        ('<div class="kb-timeline">', True),
        ('<figure class="wide kb-timeline tall">', True),
        ('<div class="kb-timeline__grid">', False),  # a part of one, not one
        ('<div class="not-kb-timeline">', False),
        ("<code>&lt;div class=&quot;kb-timeline&quot;&gt;</code>", False),  # shown as code
        ('<div data-class="kb-timeline">', False),
    ],
)
def test_a_page_uses_a_class_only_when_an_element_has_it(html, used):
    assert uses_class(html, "kb-timeline") is used


def test_the_link_goes_at_the_end_of_the_head():
    assert link_stylesheet(PAGE.format(""), "../x.css") == (
        '<html><head><title>頁</title><link rel="stylesheet" href="../x.css"></head><body></body></html>'
    )
    assert link_stylesheet("<p>沒有 head 的片段</p>", "x.css") is None


class BoxPlugin(PageStylesheetPlugin):
    content_class = "box"


def configured(stylesheet: str) -> tuple[BoxPlugin, SimpleNamespace]:
    plugin = BoxPlugin()
    assert plugin.load_config({"stylesheet": stylesheet}) == ([], [])
    plugins = PluginCollection()
    plugins["boxes"] = plugin
    return plugin, SimpleNamespace(plugins=plugins, docs_dir="docs")


def page_at(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url, file=SimpleNamespace(src_uri=url + "index.md"))


def test_only_pages_showing_the_content_link_the_stylesheet_relative_to_themselves():
    plugin, config = configured("assets/box.css")
    plugin.on_files(Files([File("assets/box.css", "docs", "site", use_directory_urls=True)]), config=config)
    with_box = plugin.on_post_page(PAGE.format('<div class="box">盒子</div>'), page=page_at("blog/post/"), config=config)
    assert '<link rel="stylesheet" href="../../assets/box.css"></head>' in with_box
    without = PAGE.format("<p>沒有盒子</p>")
    assert plugin.on_post_page(without, page=page_at("blog/post/"), config=config) == without


def test_a_stylesheet_that_is_not_in_docs_fails_with_the_plugin_and_the_path():
    plugin, config = configured("assets/missing.css")
    with pytest.raises(PluginError, match=r"mkdocs.yml: boxes's stylesheet 'assets/missing.css' is not a file under docs"):
        plugin.on_files(Files([]), config=config)
