"""Keys, embeds and memo generations of kb/speedups/page_render_memo.py (the rebuilds themselves: test_serve_rebuilds.py)."""
from types import SimpleNamespace

import pytest

from kb.guards.snippet_references import snippet_preprocessor
from kb.speedups.page_render_memo import conversion_memo, embedded_files, page_key
from kb.speedups.plugin import SpeedupsPlugin

SECTIONED = "# --8<-- [start:demo]\nprint(1)\n# --8<-- [end:demo]\n"


@pytest.fixture
def snippets(tmp_path, monkeypatch):
    """pymdownx's resolver, as a build configures it, in a project holding snippets/demo.py."""
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets/demo.py").write_text(SECTIONED, "utf-8")
    monkeypatch.chdir(tmp_path)
    return snippet_preprocessor({"base_path": ["."], "check_paths": True})


def page(src_uri="blog/posts/demo.md", url="blog/demo/"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, dest_uri=url + "index.html", url=url))


def test_embeds_are_followed_as_pymdownx_reads_them(tmp_path, snippets):
    markdown = (
        '前言\n\n```python\n--8<-- "snippets/demo.py:demo"\n```\n\n'
        ';--8<-- "snippets/demo.py:demo"\n\n用 `# --8<-- [start:名稱]` 標出區段。\n'
        "--8<-- 'snippets/demo.py:demo'\n"  # single quotes
        "--8<--\nsnippets/demo.py:demo\n--8<--\n"  # block form
    )
    assert embedded_files(markdown, snippets) == [tmp_path / "snippets/demo.py"] * 3
    assert embedded_files("沒有嵌入。\n", snippets) == []


def test_an_embed_of_a_missing_file_makes_the_page_uncached(snippets):
    markdown = '--8<-- "snippets/missing.py:demo"\n'  # the conversion will report it
    assert embedded_files(markdown, snippets) is None
    assert page_key(markdown, page(), "site", snippets) is None


def test_a_snippet_that_embeds_further_files_makes_the_page_uncached(tmp_path, snippets):
    (tmp_path / "snippets/outer.md").write_text('--8<-- "snippets/demo.py:demo"\n', "utf-8")
    assert embedded_files('--8<-- "snippets/outer.md"\n', snippets) is None


def test_embeds_without_the_extensions_settings_make_the_page_uncached():
    assert embedded_files('--8<-- "snippets/demo.py:demo"\n', None) is None


def test_the_key_follows_the_markdown_the_place_the_site_and_the_embedded_bytes(tmp_path, snippets):
    markdown = '```python\n--8<-- "snippets/demo.py:demo"\n```\n'
    key = page_key(markdown, page(), "site", snippets)
    assert page_key(markdown, page(), "site", snippets) == key
    assert page_key(markdown + "\n", page(), "site", snippets) != key
    assert page_key(markdown, page(url="blog/other/"), "site", snippets) != key
    assert page_key(markdown, page(), "another site", snippets) != key
    (tmp_path / "snippets/demo.py").write_text(SECTIONED.replace("print(1)", "print(2)"), "utf-8")
    assert page_key(markdown, page(), "site", snippets) != key


def test_the_memo_keeps_only_what_the_last_build_used():
    memo = conversion_memo()
    memo.start_build()
    memo.store("a", "conversion a")
    memo.store("b", "conversion b")
    memo.start_build()
    assert memo.lookup("a") == "conversion a"
    memo.start_build()
    assert memo.lookup("b") is None and memo.lookup("a") == "conversion a"


def test_a_one_off_cold_build_converts_every_page_as_mkdocs_does(monkeypatch):
    monkeypatch.setenv("KB_BUILD_CACHE", "off")
    plugin = SpeedupsPlugin()
    plugin.on_startup(command="build", dirty=False)
    built = page()
    config = SimpleNamespace(plugins={})
    assert plugin.on_page_markdown("# 標題\n", page=built, config=config, files=None) == "# 標題\n"
    assert "render" not in vars(built)
