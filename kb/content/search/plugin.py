"""The `kb/search` plugin: Pagefind search in place of Material's, built with every build.

- on_startup: notes whether this is `mkdocs serve`; its presence also makes
  MkDocs keep one instance for a whole serve, so the script-folding data and
  the records of unchanged pages are made once;
- on_config: check the vocabulary file (file:line errors fail the build) and
  the OpenCC package;
- on_files: publish the vocabulary and the script-folding data;
- on_post_page: keep a search record of each page that holds content;
- on_post_build: index the records with Pagefind into the site. In `mkdocs
  serve` that runs in the background, after the browser has reloaded (Pagefind
  takes 0.2 s for this site and 8 s for 1,000 posts). The next build cancels
  it, since its index is obsolete (waiting for it held up a reload by up to
  8 s); the end of the serve waits for it;
- page_output_reused: a page kb/speedups kept from an earlier build
  (kb/speedups/page_output_reuse.py) keeps its record.

Blog lists (index, archive, category pages) are not indexed: they repeat the
excerpts of posts. Neither is a page whose front matter says
`search: {exclude: true}`, the key Material's own search reads.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from pathlib import Path

from markupsafe import escape
from material.plugins.blog.structure import View
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.logs import info
from kb.speedups.build_cache import ResultMemo, key_of

from .pagefind_index import INDEX_LANGUAGE, IndexCancelled, IndexRun, RecordFolder, write_pagefind_index
from .records import joined, search_record
from .script_folding import browser_files
from .vocabulary import browser_vocabulary, load_vocabulary

ASSETS_DIR = "assets/search"
log = logging.getLogger("mkdocs.plugins.kb.search")  # what docs/assets/javascripts/search/ fetches besides pagefind/


class SearchConfig(Config):
    vocabulary = c.File(exists=True)
    opencc_package = c.Dir(exists=False, default="node_modules/opencc-js")


def is_indexed(page: Page) -> bool:
    """Whether a page's content goes into the search index."""
    if isinstance(page, View):
        return False
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude") is True)


def page_meta(page: Page) -> dict[str, str]:
    """What a result shows under its title: a post's categories and date, or a page's section."""
    date = page.meta.get("date")
    if isinstance(date, dict):
        date = date.get("created")
    categories = page.meta.get("categories")
    if categories:
        category = joined(categories)
    else:
        category = str(page.parent.title) if page.parent else ""
    return {"category": category, "date": str(date)[:10] if date else ""}


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.opencc_files: dict[str, bytes] | None = None
        self.records: dict[str, str] = {}  # this build's, by page URL
        # Records by a digest of what they are made from, this build's and the last one's:
        # in `mkdocs serve`, an unchanged page's record is not made again.
        self.made: ResultMemo[str] = ResultMemo("search-records")  # by what a record is made of; across builds and on disk
        self.serving = False
        self.indexing: threading.Thread | None = None  # a serve build's index being written
        self.index_run: IndexRun | None = None
        self.record_folder: RecordFolder | None = None  # a serve's records as files, kept between builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_shutdown(self) -> None:
        self._wait_for_index()
        if self.record_folder is not None:
            self.record_folder.remove()
            self.record_folder = None

    def _wait_for_index(self) -> None:
        if self.indexing is not None:
            self.indexing.join()
            self.indexing = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path).parent
        self.vocabulary = load_vocabulary(
            Path(self.config.vocabulary), os.path.relpath(self.config.vocabulary, project)
        )
        self.opencc_package = Path(self.config.opencc_package)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.opencc_files is None:  # the same for every build of one process
            self.opencc_files = browser_files(self.opencc_package)
        vocabulary = json.dumps(browser_vocabulary(self.vocabulary), ensure_ascii=False)
        files.append(File.generated(config, f"{ASSETS_DIR}/vocabulary.json", content=vocabulary))
        for name, data in self.opencc_files.items():
            files.append(File.generated(config, f"{ASSETS_DIR}/opencc/{name}", content=data))
        return files

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.index_run is not None and self.indexing is not None and self.indexing.is_alive():
            self.index_run.cancel()  # obsolete now
        self._wait_for_index()  # stopped, before MkDocs cleans the site folder
        self.records = {}
        self.made.use_project_cache(Path(config.config_file_path).parent)
        self.made.start_build()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if is_indexed(page):
            title_html = str(escape(page.meta.get("title") or page.title or ""))  # Markup stays as it is
            content, meta = page.content or "", page_meta(page)
            key = key_of(json.dumps([title_html, meta, INDEX_LANGUAGE], ensure_ascii=False), content)
            record = self.made.result(key, lambda: search_record(title_html, content, meta, INDEX_LANGUAGE))
            self.records[page.url] = record
        return output

    def page_output_reused(self, *, page: Page, config: MkDocsConfig, state: object) -> None:
        self.on_post_page("", page=page, config=config)  # the record is made from the page, not its output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.made.end_build()
        site_dir = Path(config.site_dir)
        if self.serving:
            self.index_run = IndexRun()
            if self.record_folder is None:
                self.record_folder = RecordFolder()
            self.indexing = threading.Thread(
                target=self._index_in_background, args=(dict(self.records), site_dir, self.index_run))
            self.indexing.start()
        else:
            self._index(self.records, site_dir)

    def _index_in_background(self, records: dict[str, str], site_dir: Path, run: IndexRun) -> None:
        try:
            self._index(records, site_dir, run)
        except IndexCancelled:
            info("kb/search: the index of the last build was left unfinished: a newer build replaces it")
        except Exception as error:  # noqa: BLE001 - shown in the serve's terminal, which keeps serving
            log.error(f"kb/search: the search index was not updated: {error}")

    def _index(self, records: dict[str, str], site_dir: Path, run: IndexRun | None = None) -> None:
        started = time.perf_counter()
        try:
            summary = write_pagefind_index(records, site_dir, run, self.record_folder if self.serving else None)
        except FileNotFoundError as error:  # no pagefind binary
            raise PluginError(
                f"kb/search: {error}; install the site's packages with `make serve` "
                "(requirements.txt pins pagefind[extended])."
            ) from None
        info(
            f"kb/search: indexed {summary.pages} pages with Pagefind in {time.perf_counter() - started:.2f} s "
            f"({summary.files} files, {summary.bytes / 1024:.0f} KiB)"
        )
