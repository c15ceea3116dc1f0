"""The kb/safe-html plugin around the two guards: messages, instant navigation and live reload."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer

from kb.guards.content_security_policy import load_policy, policy_of, script_hash
from kb.guards.html_allow_list import load_allow_list
from kb.guards.safe_html import PageCheck, SafeHtmlPlugin
from tests.conftest import REPO_ROOT

SOURCE = """---
date: 2017-12-08
html_exceptions:
  - element: iframe
    source: https://www.youtube-nocookie.com
    why: 研討會演講的錄影（審查：#42）
---

# 標題

<img src="x.png" onerror="alert(1)">
"""
HTML = '<h1 id="t">標題</h1><p><img src="x.png" onerror="alert(1)"></p><div class="toc"><script>x()</script></div>'


@pytest.fixture
def plugin() -> SafeHtmlPlugin:
    plugin = SafeHtmlPlugin()
    plugin.allow_list = load_allow_list(REPO_ROOT / "data/html-allow-list.yml", "data/html-allow-list.yml")
    plugin.directives = load_policy(REPO_ROOT / "data/content-security-policy.yml", "data/content-security-policy.yml")
    return plugin


def test_problems_read_file_line_markup_and_rule(plugin):
    check = plugin.check_page("docs/blog/posts/x.md", SOURCE, HTML, notebook=False)
    assert check == PageCheck(
        (
            "docs/blog/posts/x.md:11: <img onerror=\"alert(1)\">: scripts and event handlers would run code in "
            "readers' browsers (rule: no-scripts)",
            "docs/blog/posts/x.md: <script>: scripts and event handlers would run code in readers' browsers "
            "(rule: no-scripts) (not in the page's source: written by an extension, a plugin or an embedded file)",
            "docs/blog/posts/x.md:4: the exception for <iframe> from https://www.youtube-nocookie.com is not used "
            "by any element of the page; remove it",
        ),
        (("frame-src", "https://www.youtube-nocookie.com"),),
    )


def page(body: str) -> str:
    return f'<!doctype html><html><head>\n<meta charset="utf-8"></head><body>{body}</body></html>'


def test_every_policy_allows_the_content_scripts_of_every_page(plugin):
    plugin.content_scripts = {script_hash("notebook()")}
    written = plugin.write_policy("blog/", page('<div data-md-component="container"><p>x</p></div>'))
    assert script_hash("notebook()") in policy_of(written)["script-src"]


def test_a_content_script_that_only_some_pages_allow_fails_the_build(plugin):
    plugin.write_policy("a/", page('<div data-md-component="container"><script>tabs()</script></div>'))
    plugin.write_policy("b/", page('<div data-md-component="container"></div>'))
    with pytest.raises(PluginError, match=r"instant navigation from /b/ to /a/ would block its inline script 'sha256-"):
        plugin.on_post_build(config=None)


def test_the_live_reload_script_of_mkdocs_serve_is_allowed_in_the_served_page(plugin, tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        plugin.on_serve(server, config=SimpleNamespace(), builder=None)
        built = plugin.write_policy("", page("<p>內文</p>"))
        served = server._inject_js_into_html(built.encode(), 1).decode()
    finally:
        server.server_close()
    injected = served.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    assert "livereload(" in injected
    assert script_hash(injected) in policy_of(served)["script-src"]
    assert script_hash(injected) not in policy_of(built)["script-src"]
