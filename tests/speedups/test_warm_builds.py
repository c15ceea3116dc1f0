"""A build that starts from .cache/kb/ (kb/speedups/build_cache.py) gives the site a cold build gives.

The builds run in this process, as `mkdocs build` runs them, each with new
plugins (MkDocs keeps them within a process, for `mkdocs serve`), so only the
disk carries anything from one build to the next. A cold build has
KB_BUILD_CACHE=off; a warm one reads and writes .cache/kb/. After each kind of
edit that reaches a page's conversion without changing its Markdown source (an
embedded snippet, a data file shown by a plugin, mkdocs.yml), the warm build
must show the edit: no entry made before it is used for what it changed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from kb.speedups import build_cache, page_render_memo
from tests.conftest import tree_hashes

pytestmark = pytest.mark.build

SITE_URL = "http://127.0.0.1:8000/"
SNIPPET = "snippets/writing_guide/fibonacci.py"
TIMELINE = "data/timeline.yml"
# The feeds carry the build time.
UNSTABLE = ("feed_",)
MARKDOWN_PAGES = ("index.md", "writing-guide.md", "blog/posts/kubernetes-device-plugin.md")


def stable(hashes: dict[str, str]) -> dict[str, str]:
    return {path: digest for path, digest in hashes.items() if not path.startswith(UNSTABLE)}


def built(project: Path, site: Path, monkeypatch, *, cache: bool) -> dict[str, str]:
    """Build project into site, warm (with .cache/kb/) or cold, as a new process would; the site's stable file hashes."""
    MkDocsConfig.plugins.plugin_cache.clear()  # new plugins, with nothing in memory from the last build
    monkeypatch.chdir(project)  # pymdownx.snippets' paths are relative to the project
    monkeypatch.setenv(build_cache.SWITCH, "on" if cache else "off")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SITE_URL
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return stable(tree_hashes(site))


@pytest.fixture
def restored(monkeypatch) -> list[str]:
    """The source of every page whose conversion is restored instead of made."""
    pages: list[str] = []
    restore = page_render_memo.Conversion.restore
    monkeypatch.setattr(
        page_render_memo.Conversion, "restore",
        lambda self, page, files: (pages.append(page.file.src_uri), restore(self, page, files)),
    )
    return pages


@pytest.fixture
def cold_cache(project_copy) -> Path:
    """The project copy without the conversions and formulas earlier tests left in its .cache/kb/."""
    shutil.rmtree(project_copy / build_cache.CACHE_DIR, ignore_errors=True)
    return project_copy


def test_a_warm_build_equals_a_cold_build_byte_for_byte(cold_cache, tmp_path, monkeypatch, restored):
    cold = built(cold_cache, tmp_path / "cold", monkeypatch, cache=False)
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    assert not restored  # nothing to start from yet
    warm = built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert set(MARKDOWN_PAGES) <= set(restored)
    assert "notebooks/logistic-regression.ipynb" not in restored  # kept in memory only, never on disk
    assert warm == cold


def test_edits_outside_the_markdown_are_never_served_from_the_cache(cold_cache, tmp_path, monkeypatch, restored):
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    snippet = cold_cache / SNIPPET
    snippet.write_text(snippet.read_text("utf-8").replace("current, following = 0, 1", "current, following = 0, 1  # 改過的片段", 1), "utf-8")
    timeline = cold_cache / TIMELINE
    timeline.write_text(timeline.read_text("utf-8").replace("每個容器的網路監控與隔離", "每個容器的網路監控與隔離（改過的資料）", 1), "utf-8")
    config = cold_cache / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("permalink_title: 本節的永久連結", "permalink_title: 改過的設定", 1), "utf-8")

    warm = built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert "# 改過的片段" in (tmp_path / "warm/writing-guide/index.html").read_text("utf-8")
    assert "改過的資料" in (tmp_path / "warm/blog/mesos-vs-kubernetes/index.html").read_text("utf-8")
    assert "改過的設定" in (tmp_path / "warm/index.html").read_text("utf-8")
    assert not restored  # mkdocs.yml changed: every page is converted again
    assert warm == built(cold_cache, tmp_path / "cold", monkeypatch, cache=False)


def test_a_snippet_edit_converts_again_only_the_pages_that_embed_it(cold_cache, tmp_path, monkeypatch, restored):
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    snippet = cold_cache / SNIPPET
    snippet.write_text(snippet.read_text("utf-8").replace("current, following = 0, 1", "current, following = 0, 1  # 改過的片段", 1), "utf-8")
    warm = built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert "writing-guide.md" not in restored
    assert {"index.md", "blog/posts/kubernetes-device-plugin.md"} <= set(restored)
    assert warm == built(cold_cache, tmp_path / "cold", monkeypatch, cache=False)


def test_a_damaged_cache_is_ignored_and_written_again(cold_cache, tmp_path, monkeypatch, restored):
    first = built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)  # from an empty cache
    entries = [path for path in (cold_cache / build_cache.CACHE_DIR).rglob("*") if path.is_file()]
    assert entries
    for number, path in enumerate(entries):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2] if number % 2 else b"not an entry")
    assert built(cold_cache, tmp_path / "damaged", monkeypatch, cache=True) == first
    assert not restored
    assert built(cold_cache, tmp_path / "rewritten", monkeypatch, cache=True) == first
    assert set(MARKDOWN_PAGES) <= set(restored)
