"""kb/search's plugin: which pages are indexed, and when the index is written in `mkdocs serve`."""
from __future__ import annotations

import logging
import threading
import time
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from kb.content.search import plugin as search_plugin
from kb.content.search.pagefind_index import IndexCancelled, IndexSummary


# Only a guard against a hang: a build that waited for the index would wait this long, then fail.
HANG_SECONDS = 60


@pytest.fixture
def index_released():
    """Set it to let the stand-in for Pagefind finish; set at the end of each test, so no thread outlives it."""
    released = threading.Event()
    yield released
    released.set()


@pytest.fixture
def slow_index(monkeypatch, index_released):
    """Stands in for Pagefind: in a thread, waits until released or cancelled, and records which thread wrote which records."""
    written = []

    def write(records, site_dir, run=None, folder=None):
        if threading.current_thread() is not threading.main_thread():
            deadline = time.monotonic() + HANG_SECONDS
            while not index_released.is_set() and time.monotonic() < deadline:
                if run is not None and run.cancelled.is_set():
                    raise IndexCancelled()
                time.sleep(0.01)
        written.append((threading.current_thread() is threading.main_thread(), dict(records)))
        return IndexSummary(len(records), 1, 1)

    monkeypatch.setattr(search_plugin, "write_pagefind_index", write)
    return written


def config(tmp_path):
    return SimpleNamespace(site_dir=str(tmp_path), config_file_path=str(tmp_path / "mkdocs.yml"))


def test_a_build_writes_the_index_before_it_ends(slow_index, tmp_path):
    plugin = search_plugin.SearchPlugin()
    plugin.on_startup(command="build", dirty=False)
    plugin.records = {"a/": "<html></html>"}
    plugin.on_post_build(config=config(tmp_path))
    assert slow_index == [(True, {"a/": "<html></html>"})]


def test_serve_writes_it_after_the_build_and_the_next_build_cancels_it(slow_index, tmp_path, caplog):
    plugin = search_plugin.SearchPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin.records = {"a/": "first"}
    plugin.on_post_build(config=config(tmp_path))
    assert slow_index == []  # the reload did not wait for the index
    # Heard on kb's own logger: a MkDocs build earlier in the session stops `mkdocs` records
    # from reaching the root logger, where caplog listens.
    kb_logger = logging.getLogger("mkdocs.plugins.kb")
    kb_logger.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.INFO, logger="mkdocs.plugins.kb"):
            plugin.on_pre_build(config=config(tmp_path))  # the next build: the index is obsolete
    finally:
        kb_logger.removeHandler(caplog.handler)
    assert slow_index == [] and not plugin.indexing  # cancelled, and stopped before the build goes on
    assert "left unfinished" in caplog.text
    assert plugin.records == {}


def test_the_end_of_the_serve_waits_for_the_index(slow_index, index_released, tmp_path):
    plugin = search_plugin.SearchPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin.records = {"a/": "first"}
    plugin.on_post_build(config=config(tmp_path))
    index_released.set()
    plugin.on_shutdown()
    assert slow_index == [(False, {"a/": "first"})]


def test_a_failed_serve_index_is_reported_and_the_serve_goes_on(monkeypatch, tmp_path, caplog):
    def fail(records, site_dir, run=None, folder=None):
        raise PluginError("kb/search: Pagefind indexed 0 of 1 pages")

    monkeypatch.setattr(search_plugin, "write_pagefind_index", fail)
    plugin = search_plugin.SearchPlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_post_build(config=config(tmp_path))
    plugin.on_shutdown()
    assert "the search index was not updated: kb/search: Pagefind indexed 0 of 1 pages" in caplog.text


def page(meta: dict, parent_title: str | None = None):
    return SimpleNamespace(meta=meta, parent=SimpleNamespace(title=parent_title) if parent_title else None)


def test_a_post_shows_its_categories_and_date_and_a_page_its_section():
    assert search_plugin.page_meta(page({"categories": ["TIL", "論文解讀"], "date": "2017-10-27"})) == {
        "category": "TIL、論文解讀", "date": "2017-10-27",
    }
    assert search_plugin.page_meta(page({"date": {"created": "2017-10-27 08:00"}})) == {"category": "", "date": "2017-10-27"}
    assert search_plugin.page_meta(page({}, "Notebook")) == {"category": "Notebook", "date": ""}


def test_materials_front_matter_key_keeps_a_page_out_of_the_index():
    assert not search_plugin.is_indexed(page({"search": {"exclude": True}}))
    assert search_plugin.is_indexed(page({"search": {"boost": 2}}))
    assert search_plugin.is_indexed(page({}))
