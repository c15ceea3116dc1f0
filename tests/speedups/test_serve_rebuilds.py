"""`mkdocs serve`'s rebuilds, with the render memo (kb/speedups), give the site a fresh build gives.

The builds run in this process, as `mkdocs serve` runs them: one startup as
`serve`, then a build per save, with the hooks and plugins kept between them.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from kb.speedups import page_render_memo
from tests.conftest import tree_hashes
from tests.site.site_pages import indexed_phrase, search_fragments

pytestmark = pytest.mark.build

POST = "docs/blog/posts/kubernetes-device-plugin.md"
LINKING_POST = "docs/blog/posts/are-you-a-software-architect.md"
SNIPPET = "snippets/writing_guide/fibonacci.py"
BROKEN_LINK = "[已刪除的文章](no-such-post.md)"
# The feeds carry the build time.
UNSTABLE = ("feed_",)


def serve_builds(project: Path, site: Path, monkeypatch):
    """Build the project as `mkdocs serve` starts; return a rebuild (as after a save) and the loaded hooks."""
    monkeypatch.chdir(project)  # pymdownx.snippets' paths are relative to the project

    def build_once():
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = "http://127.0.0.1:8000/"
        return config

    first = build_once()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)

    def rebuild():
        config = build_once()
        build(config)
        config.plugins.on_shutdown()  # kb/search writes a serve build's index in the background

    return rebuild, first.plugins


def fresh_build(project: Path, site: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = "http://127.0.0.1:8000/"
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def stable(hashes: dict[str, str]) -> dict[str, str]:
    return {path: digest for path, digest in hashes.items() if not path.startswith(UNSTABLE)}


def test_rebuilds_after_edits_match_a_fresh_build_and_repeat_warnings(project_copy, tmp_path, monkeypatch, caplog):
    (project_copy / LINKING_POST).write_text(
        (project_copy / LINKING_POST).read_text("utf-8") + f"\n{BROKEN_LINK}\n", "utf-8"
    )
    served = tmp_path / "served"
    rebuild, _ = serve_builds(project_copy, served, monkeypatch)
    restored = []
    restore = page_render_memo.Conversion.restore
    monkeypatch.setattr(
        page_render_memo.Conversion, "restore",
        lambda self, page, files: (restored.append(page.file.src_uri), restore(self, page, files)),
    )

    with (project_copy / POST).open("a", encoding="utf-8") as post:
        post.write("\n編輯後新增的一段。\n")
    snippet = project_copy / SNIPPET
    snippet.write_text(snippet.read_text("utf-8").replace("current, following = 0, 1", "current, following = 0, 1  # 編輯過", 1), "utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        rebuild()

    assert "編輯後新增的一段。" in (served / "blog/kubernetes-device-plugin/index.html").read_text("utf-8")
    assert "# 編輯過" in (served / "writing-guide/index.html").read_text("utf-8")
    # The search index was written again too.
    assert indexed_phrase("編輯後新增的一段") in search_fragments(served)["/blog/kubernetes-device-plugin/"]["content"]
    # Pages whose inputs did not change were not converted again ...
    assert {"blog/posts/are-you-a-software-architect.md", "index.md", "notebooks/logistic-regression.ipynb"} <= set(restored)
    assert not {"blog/posts/kubernetes-device-plugin.md", "writing-guide.md"} & set(restored)
    # ... yet the architect post's broken link is reported again.
    assert [r for r in caplog.records if "no-such-post.md" in r.getMessage() and r.levelno >= logging.WARNING]

    fresh = tmp_path / "fresh"
    fresh_build(project_copy, fresh)
    assert stable(tree_hashes(served)) == stable(tree_hashes(fresh))
