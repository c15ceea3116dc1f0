"""In `mkdocs serve`, convert a page's Markdown again only when its inputs have changed.

After a save, `mkdocs serve` rebuilds the whole site, and converting every
page's Markdown is the largest part of that rebuild. What MkDocs takes from a
conversion (HTML, table of contents, title, anchor ids, links to anchors)
depends only on:

- the page's Markdown after every plugin and hook has changed it;
- where the page and every other file of the site are (links resolve against them);
- mkdocs.yml (the extensions and their settings) and the site URL;
- the files the page embeds with pymdownx.snippets.

Each page is keyed by a hash of those. When a key is unchanged since the last
build, the hook hands the page the last conversion's results instead of
converting again, and logs again what that conversion logged (a link to a
missing page), so warnings still show and `--strict` still counts them. A page
whose embeds cannot be followed exactly (a block or nested embed) is always
converted. A notebook's Markdown is its executed, converted cells, so it is
keyed like any page.

Only `mkdocs serve` uses the memo: a one-off `mkdocs build` (CI, deploy,
`make build`) converts every page as MkDocs does.
"""
from __future__ import annotations

import copy
import hashlib
import json
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.plugins import event_priority

# `--8<-- "path"` or `--8<-- "path:section"`: the only embed form the memo follows.
EMBED = re.compile(r'^\s*--8<--\s+"(?P<path>[^":]+)(?::[^"]*)?"\s*$')
# Any line pymdownx.snippets would treat as an embed: a marker at the start, not escaped with ';'.
SNIPPET_MARKER = re.compile(r"^[ \t]*-+8<-+", re.MULTILINE)
UNSET = object()


@dataclass(frozen=True)
class Conversion:
    """What Page.render leaves on a page, plus what it logged."""

    content: str
    toc: object
    title_from_render: str | None
    title_set: object  # a title the conversion set on the page (mkdocs-jupyter does), or UNSET
    anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]

    @classmethod
    def of(cls, page, records: list[logging.LogRecord], title_before: object) -> Conversion:
        links = page.links_to_anchors
        title_after = vars(page).get("title", UNSET)
        return cls(
            content=page.content,
            toc=copy.deepcopy(page.toc),
            title_from_render=page._title_from_render,
            title_set=UNSET if title_after is title_before else title_after,
            anchor_ids=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
            records=tuple(records),
        )

    def restore(self, page, files) -> None:
        page.content = self.content
        page.toc = copy.deepcopy(self.toc)  # plugins may change a page's toc
        page._title_from_render = self.title_from_render
        if self.title_set is not UNSET:
            page.title = self.title_set
        page.present_anchor_ids = set(self.anchor_ids)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                files.get_file_from_path(src_uri): dict(anchors) for src_uri, anchors in self.links_to_anchors.items()
            }
        for record in self.records:
            logging.getLogger(record.name).handle(record)


class ConversionMemo:
    """Conversions by page key, kept from one build to the next."""

    def __init__(self) -> None:
        self.current: dict[str, Conversion] = {}
        self.previous: dict[str, Conversion] = {}

    def start_build(self) -> None:
        self.previous, self.current = self.current, {}

    def lookup(self, key: str) -> Conversion | None:
        conversion = self.current.get(key) or self.previous.get(key)
        if conversion is not None:
            self.current[key] = conversion
        return conversion

    def store(self, key: str, conversion: Conversion) -> None:
        self.current[key] = conversion


def embedded_files(markdown: str, base_dir: Path) -> list[Path] | None:
    """The files a page embeds, or None when the memo cannot follow its embeds exactly."""
    if not SNIPPET_MARKER.search(markdown):
        return []
    paths = []
    for line in markdown.splitlines():
        if not SNIPPET_MARKER.match(line):
            continue
        match = EMBED.match(line)
        if match is None:
            return None
        path = base_dir / match["path"]
        if not path.is_file() or SNIPPET_MARKER.search(path.read_text("utf-8")):
            return None  # missing (the conversion reports it) or embedding further files
        paths.append(path)
    return paths


def page_key(markdown: str, page, site: str, base_dir: Path) -> str | None:
    """sha256 of everything a page's conversion reads; None if that cannot be known."""
    embeds = embedded_files(markdown, base_dir)
    if embeds is None:
        return None
    digest = hashlib.sha256()
    digest.update(json.dumps([markdown, page.file.src_uri, page.file.dest_uri, page.file.url, site]).encode())
    for path in embeds:
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def site_fingerprint(files, config) -> str:
    """sha256 of every file's place in the site, mkdocs.yml and the site URL."""
    places = sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
    digest = hashlib.sha256(json.dumps([places, config.site_url]).encode())
    digest.update(Path(config.config_file_path).read_bytes())
    return digest.hexdigest()


@contextmanager
def captured_records():
    """Collect the log records emitted inside the block (MkDocs' logger does not propagate to the root)."""
    records: list[logging.LogRecord] = []

    class Collector(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not any(record is seen for seen in records):
                records.append(record)

    collector = Collector()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        yield records
    finally:
        for logger in loggers:
            logger.removeHandler(collector)


MEMO = ConversionMemo()  # MkDocs loads a hook once per process, so this lasts across serve's rebuilds
_serving = False
_site = ""


def on_startup(*, command, dirty):
    global _serving
    _serving = command == "serve"


@event_priority(-100)  # after Material's blog adds its generated pages (priority -50)
def on_files(files, *, config):
    global _site
    if _serving:
        MEMO.start_build()
        _site = site_fingerprint(files, config)


@event_priority(-100)  # the Markdown as every other plugin and hook left it
def on_page_markdown(markdown, *, page, config, files):
    if not _serving:
        return
    key = page_key(markdown, page, _site, Path(config.config_file_path).parent)
    if key is None:
        return
    convert = page.render  # MkDocs' own, or the one mkdocs-jupyter gives a notebook

    def render(config, files):
        conversion = MEMO.lookup(key)
        if conversion is not None:
            conversion.restore(page, files)
            return
        title_before = vars(page).get("title", UNSET)
        with captured_records() as records:
            convert(config, files)
        MEMO.store(key, Conversion.of(page, records, title_before))

    page.render = render
