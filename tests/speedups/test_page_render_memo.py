"""Keys, embeds and memo generations of hooks/page_render_memo.py (the rebuilds themselves: test_serve_rebuilds.py)."""
from types import SimpleNamespace

import pytest

from hooks import page_render_memo
from hooks.page_render_memo import ConversionMemo, embedded_files, on_page_markdown, page_key

SECTIONED = "# --8<-- [start:demo]\nprint(1)\n# --8<-- [end:demo]\n"


@pytest.fixture
def project(tmp_path):
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets/demo.py").write_text(SECTIONED, "utf-8")
    return tmp_path


def page(src_uri="blog/posts/demo.md", url="blog/demo/"):
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri, dest_uri=url + "index.html", url=url))


def test_named_embeds_are_followed_and_escaped_or_inline_mentions_ignored(project):
    markdown = (
        '前言\n\n```python\n--8<-- "snippets/demo.py:demo"\n```\n\n'
        ';--8<-- "snippets/demo.py:demo"\n\n用 `# --8<-- [start:名稱]` 標出區段。\n'
    )
    assert embedded_files(markdown, project) == [project / "snippets/demo.py"]
    assert embedded_files("沒有嵌入。\n", project) == []


@pytest.mark.parametrize("markdown", [
    '--8<--\nsnippets/demo.py\n--8<--\n',  # block form
    "--8<-- 'snippets/demo.py'\n",  # single quotes
    '--8<-- "snippets/missing.py:demo"\n',  # the conversion will report it
])
def test_embeds_the_memo_cannot_follow_exactly_make_the_page_uncached(project, markdown):
    assert embedded_files(markdown, project) is None
    assert page_key(markdown, page(), "site", project) is None


def test_a_snippet_that_embeds_further_files_makes_the_page_uncached(project):
    (project / "snippets/outer.md").write_text('--8<-- "snippets/demo.py:demo"\n', "utf-8")
    assert embedded_files('--8<-- "snippets/outer.md"\n', project) is None


def test_the_key_follows_the_markdown_the_place_the_site_and_the_embedded_bytes(project):
    markdown = '```python\n--8<-- "snippets/demo.py:demo"\n```\n'
    key = page_key(markdown, page(), "site", project)
    assert page_key(markdown, page(), "site", project) == key
    assert page_key(markdown + "\n", page(), "site", project) != key
    assert page_key(markdown, page(url="blog/other/"), "site", project) != key
    assert page_key(markdown, page(), "another site", project) != key
    (project / "snippets/demo.py").write_text(SECTIONED.replace("print(1)", "print(2)"), "utf-8")
    assert page_key(markdown, page(), "site", project) != key


def test_the_memo_keeps_only_what_the_last_build_used():
    memo = ConversionMemo()
    memo.start_build()
    memo.store("a", "conversion a")
    memo.store("b", "conversion b")
    memo.start_build()
    assert memo.lookup("a") == "conversion a"
    memo.start_build()
    assert memo.lookup("b") is None and memo.lookup("a") == "conversion a"


def test_a_one_off_build_converts_every_page_as_mkdocs_does(project, monkeypatch):
    page_render_memo.on_startup(command="build", dirty=False)
    assert not page_render_memo._serving
    built = page()
    config = SimpleNamespace(config_file_path=str(project / "mkdocs.yml"))
    assert on_page_markdown("# 標題\n", page=built, config=config, files=None) is None
    assert "render" not in vars(built)
