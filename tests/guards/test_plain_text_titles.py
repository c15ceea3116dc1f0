from types import SimpleNamespace

import pytest
from markupsafe import Markup

from kb.guards.plain_text_titles import PlainTextTitlesPlugin, escape_heading, escape_title_line

PLUGIN = PlainTextTitlesPlugin()
on_page_markdown = PLUGIN.on_page_markdown
on_page_content = PLUGIN.on_page_content


@pytest.mark.parametrize(
    "line, escaped",
    [
        ("# <img src=x onerror=alert(1)> 標題", "# &lt;img src=x onerror=alert(1)> 標題"),
        ("# `vector<int>` 與 <b>粗體</b>", "# `vector<int>` 與 &lt;b>粗體&lt;/b>"),
        ("# ``a ` <b>`` <i>", "# ``a ` <b>`` &lt;i>"),
        (r"# \<b> 已跳脫", r"# \<b> 已跳脫"),
        ("# AT&T 與 a < b", "# AT&T 與 a &lt; b"),
    ],
)
def test_escape_heading_escapes_tags_outside_code_spans(line, escaped):
    assert escape_heading(line) == escaped


def test_only_the_title_line_is_escaped():
    markdown = "# <b>標題</b>\n\n<div>內文的 HTML 照常</div>\n"
    assert escape_title_line(markdown) == "# &lt;b>標題&lt;/b>\n\n<div>內文的 HTML 照常</div>\n"


def page(src_uri: str, meta: dict) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), meta=meta)


def test_front_matter_title_and_tags_become_escaped_safe_text():
    post = page("blog/posts/x.md", {"title": "<img src=x> 標題", "tags": ["<b>粗體</b>", "GPU"]})
    on_page_markdown("內文\n", page=post, config=None, files=None)
    assert post.meta["title"] == "&lt;img src=x&gt; 標題" and isinstance(post.meta["title"], Markup)
    assert post.meta["tags"] == ["&lt;b&gt;粗體&lt;/b&gt;", "GPU"]
    # Templates that escape (`| e`, the RSS feed) leave Markup alone: no double escaping.
    assert Markup.escape(post.meta["title"]) == "&lt;img src=x&gt; 標題"


def test_notebook_pages_are_left_alone():
    notebook = page("notebooks/x.ipynb", {"title": "<b>x</b>"})
    assert on_page_markdown("# <b>x</b>", page=notebook, config=None, files=None) == "# <b>x</b>"
    assert notebook.meta["title"] == "<b>x</b>"


def rendered(title_from_h1: str, **attributes) -> SimpleNamespace:
    return SimpleNamespace(**{"_title_from_render": title_from_h1, "meta": {}, "is_homepage": False, **attributes})


def test_a_title_from_the_h1_becomes_the_safe_front_matter_title():
    post = rendered("&lt;b&gt; 標題")
    on_page_content("<h1>…</h1>", page=post, config=None, files=None)
    assert post.meta["title"] == "&lt;b&gt; 標題" and isinstance(post.meta["title"], Markup)
    # Material's `page.title | striptags` would have unescaped it into a raw tag.
    assert Markup(post._title_from_render).striptags() == "<b> 標題"


@pytest.mark.parametrize("attributes", [{"is_homepage": True}, {"title": "標籤"}], ids=["homepage", "nav-title"])
def test_a_title_from_the_nav_or_the_homepage_is_left_to_material(attributes):
    page = rendered("標題", **attributes)
    on_page_content("", page=page, config=None, files=None)
    assert page.meta == {}
