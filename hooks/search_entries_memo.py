"""Index a page for search again only when something the index uses has changed.

Material's search plugin parses every page's HTML and cuts its Chinese with
jieba on every build; in `mkdocs serve`, that is the largest part of a rebuild
after a one-line edit. Its entries for a page depend only on the page's URL,
title, front matter (title, tags, search), table of contents and HTML, and on
jieba's dictionaries. This hook keys each page's entries by a hash of those
and hands the last build's entries back for pages whose key is unchanged.
Entries the last build did not produce are dropped, so the memo holds one
build's worth. Only `mkdocs serve` uses the memo: a one-off `mkdocs build`
indexes every page as Material does.
"""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from mkdocs.plugins import event_priority

Entries = list[dict]


class EntriesMemo:
    """Search entries by page key, kept from one build to the next."""

    def __init__(self) -> None:
        self.current: dict[str, Entries] = {}
        self.previous: dict[str, Entries] = {}

    def start_build(self) -> None:
        self.previous, self.current = self.current, {}

    def lookup(self, key: str) -> Entries | None:
        """A copy of the entries stored under key in this build or the last, or None."""
        entries = self.current.get(key)
        if entries is None:
            entries = self.previous.get(key)
            if entries is None:
                return None
            self.current[key] = entries
        return copy.deepcopy(entries)  # the index may change its entries; the memo's stay as made

    def store(self, key: str, entries: Entries) -> None:
        self.current[key] = copy.deepcopy(entries)


def page_key(page, dictionaries: str) -> str:
    """sha256 of everything Material's SearchIndex reads from a page."""
    meta = page.meta
    inputs = [
        page.url, str(page.title), meta.get("title"), meta.get("tags"), meta.get("search"),
        toc_anchors(page.toc), page.content, dictionaries,
    ]
    return hashlib.sha256(json.dumps(inputs, ensure_ascii=False, default=str).encode()).hexdigest()


def toc_anchors(toc) -> list:
    return [[item.id, item.url, toc_anchors(item.children)] for item in toc]


def dictionaries_fingerprint(paths: list[str | None]) -> str:
    """sha256 over jieba dictionary files' names and bytes (None: not set)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(repr(path).encode())
        if path:
            digest.update(Path(path).read_bytes())
    return digest.hexdigest()


MEMO = EntriesMemo()  # MkDocs loads a hook once per process, so this lasts across serve's rebuilds
_serving = False


def on_startup(*, command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # after the search plugin makes this build's index (on_config)
def on_config(config):
    search = config.plugins.get("material/search")
    if not _serving or search is None or not search.config.enabled:
        return
    index = search.search_index
    index_page = index.add_entry_from_context
    dictionaries = dictionaries_fingerprint([search.config.jieba_dict, search.config.jieba_dict_user])

    def add_entry_from_context(page) -> None:
        key = page_key(page, dictionaries)
        remembered = MEMO.lookup(key)
        if remembered is not None:
            index.entries.extend(remembered)
            return
        start = len(index.entries)
        index_page(page)
        MEMO.store(key, index.entries[start:])

    MEMO.start_build()
    index.add_entry_from_context = add_entry_from_context
