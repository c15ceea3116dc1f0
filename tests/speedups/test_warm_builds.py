"""A build that starts from .cache/kb/ (kb/speedups/build_cache.py) gives the site a cold build gives.

The builds run in this process, as `mkdocs build` runs them, each with new
plugins (MkDocs keeps them within a process, for `mkdocs serve`), so only the
disk carries anything from one build to the next. A cold build has
KB_BUILD_CACHE=off; a warm one reads and writes .cache/kb/: conversions, and
rendered pages (kb/speedups/page_output_reuse.py). After each kind of edit that
reaches a page without changing its Markdown source (an embedded snippet, a
data file shown by a plugin, mkdocs.yml), the warm build must show the edit: no
entry made before it is used for what it changed.
"""
from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from kb.content.search.plugin import SearchPlugin
from kb.speedups import build_cache, page_render_memo
from kb.speedups.page_output_reuse import OutputReuse
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


def test_a_warm_build_equals_a_cold_build_byte_for_byte(cold_cache, tmp_path, monkeypatch, restored, output_reuses):
    cold = built(cold_cache, tmp_path / "cold", monkeypatch, cache=False)
    assert not output_reuses  # a cold build renders every page, as MkDocs does
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    assert not restored and not output_reuses[-1].from_disk  # nothing to start from yet
    warm = built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert set(MARKDOWN_PAGES) <= set(restored)
    assert "notebooks/logistic-regression.ipynb" not in restored  # kept in memory only, never on disk
    reuse = output_reuses[-1]
    assert {*MARKDOWN_PAGES, "blog/index.md", "blog/archive/2017.md"} <= set(reuse.from_disk)
    assert reuse.rendered == ["notebooks/logistic-regression.ipynb"]  # mkdocs-jupyter copies the notebook as it renders
    assert not reuse.mismatched
    assert warm == cold


def test_a_warning_from_rendering_a_page_is_logged_again_when_its_output_comes_from_the_cache(
        cold_cache, tmp_path, monkeypatch, caplog, output_reuses):
    warning = "index.md 的輸出有個問題"
    warn_while_rendering = {"on": True}
    on_post_page = SearchPlugin.on_post_page

    @functools.wraps(on_post_page)
    def warning_on_post_page(self, output, *, page, config):
        if warn_while_rendering["on"] and page.file.src_uri == "index.md":
            logging.getLogger("mkdocs.plugins.test").warning(warning)
        return on_post_page(self, output, page=page, config=config)

    monkeypatch.setattr(SearchPlugin, "on_post_page", warning_on_post_page)
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    warn_while_rendering["on"] = False
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert "index.md" in output_reuses[-1].from_disk
    assert [record.levelno for record in caplog.records if record.getMessage() == warning] == [logging.WARNING]


def test_nothing_is_kept_on_disk_while_the_privacy_plugin_downloads_assets(cold_cache, monkeypatch):
    monkeypatch.chdir(cold_cache)
    config = load_config(str(cold_cache / "mkdocs.yml"))
    reuse = OutputReuse()
    reuse.use_disk(config)
    assert reuse.disk is not None  # the site's privacy plugin only checks (assets_fetch: false)
    config.plugins["material/privacy"].config.assets_fetch = True
    reuse.use_disk(config)
    assert reuse.disk is None


def test_edits_outside_the_markdown_are_never_served_from_the_cache(cold_cache, tmp_path, monkeypatch, restored,
                                                                   output_reuses):
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
    assert not output_reuses[-1].from_disk  # and rendered again
    assert warm == built(cold_cache, tmp_path / "cold", monkeypatch, cache=False)


def test_a_snippet_edit_converts_again_only_the_pages_that_embed_it(cold_cache, tmp_path, monkeypatch, restored,
                                                                   output_reuses):
    built(cold_cache, tmp_path / "filling", monkeypatch, cache=True)
    snippet = cold_cache / SNIPPET
    snippet.write_text(snippet.read_text("utf-8").replace("current, following = 0, 1", "current, following = 0, 1  # 改過的片段", 1), "utf-8")
    warm = built(cold_cache, tmp_path / "warm", monkeypatch, cache=True)
    assert "writing-guide.md" not in restored
    assert {"index.md", "blog/posts/kubernetes-device-plugin.md"} <= set(restored)
    assert "writing-guide.md" in output_reuses[-1].rendered
    assert {"index.md", "blog/posts/kubernetes-device-plugin.md"} <= set(output_reuses[-1].from_disk)
    assert not output_reuses[-1].mismatched
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
