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

Conversions of Markdown pages are also kept on disk (kb/speedups/build_cache.py,
in `.cache/kb/`), so the next `mkdocs serve` or `mkdocs build` restores them
too; the disk key adds the versions of the packages and the site's own code.
With KB_BUILD_CACHE=off, a one-off `mkdocs build` converts every page as MkDocs
does, and `mkdocs serve` keeps its memo in memory only. A notebook's conversion
is kept in memory only: its outputs come from running code the key does not
cover. Embeds are found with pymdownx's own grammar
(kb/guards/snippet_references.py).

The patch: each page's `render` (MkDocs 1.6's Page.render, or the one
mkdocs-jupyter gives a notebook), and what it sets: content, toc,
`_title_from_render`, `present_anchor_ids`, `links_to_anchors`.
"""
from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from pymdownx.snippets import SnippetPreprocessor

from kb.guards.snippet_references import EXTENSION, embeds, snippet_preprocessor
from kb.speedups.build_cache import DiskCache, ResultMemo

NAME = "kb.speedups.page_render_memo"
NAMESPACE = "conversions"  # its folder in the disk cache
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs": ("1.6.1",)}
UNSET = object()


@dataclass(frozen=True)
class Conversion:
    """What Page.render leaves on a page, plus what it logged."""

    content: str | None
    toc: TableOfContents
    title_from_render: str | None
    title_set: object  # a title the conversion set on the page (mkdocs-jupyter does), or UNSET
    anchor_ids: frozenset[str]
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    records: tuple[logging.LogRecord, ...]

    @classmethod
    def of(cls, page: Page, records: list[logging.LogRecord], title_before: object) -> Conversion:
        links = page.links_to_anchors
        title_after = vars(page).get("title", UNSET)
        return cls(
            content=page.content,
            toc=copy.deepcopy(page.toc),
            title_from_render=page._title_from_render,
            title_set=UNSET if title_after is title_before else title_after,
            anchor_ids=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {file.src_uri: dict(anchors) for file, anchors in links.items()},
            records=tuple(portable(record) for record in records),
        )

    def restore(self, page: Page, files: Files) -> None:
        page.content = self.content
        page.toc = copy_toc(self.toc)  # plugins may change a page's toc
        page._title_from_render = self.title_from_render
        if isinstance(self.title_set, str):  # UNSET otherwise
            page.title = self.title_set
        page.present_anchor_ids = set(self.anchor_ids)
        if self.links_to_anchors is not None:
            linked = ((files.get_file_from_path(src_uri), anchors) for src_uri, anchors in self.links_to_anchors.items())
            page.links_to_anchors = {file: dict(anchors) for file, anchors in linked if file is not None}
        for record in self.records:
            logging.getLogger(record.name).handle(record)


def copy_toc(toc: TableOfContents) -> TableOfContents:
    """A copy of a table of contents and its links, as deepcopy makes it, at a tenth of the cost."""
    def copy_link(link: AnchorLink) -> AnchorLink:
        new = copy.copy(link)
        new.children = [copy_link(child) for child in link.children]
        return new

    new = copy.copy(toc)
    new.items = [copy_link(link) for link in toc.items]
    return new


def portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message formatted, so it pickles and logs the same in another process."""
    return logging.makeLogRecord({
        "name": record.name, "levelno": record.levelno, "levelname": record.levelname,
        "msg": record.getMessage(), "args": None, "created": record.created,
    })


def conversion_memo(disk: DiskCache | None = None) -> ResultMemo[Conversion]:
    """Conversions by page key, kept from one build to the next: in memory, and on disk when given a cache."""
    return ResultMemo(NAMESPACE, disk)


def embedded_files(markdown: str, snippets: SnippetPreprocessor | None) -> list[Path] | None:
    """The files a page embeds, or None when the memo cannot follow its embeds exactly."""
    if "8<" not in markdown:
        return []
    if snippets is None:
        return None  # embeds without the extension's settings: cannot tell what they read
    paths = []
    for _, written in embeds(snippets, markdown):
        target = snippets.parse_snippet_target(written)
        resolved = snippets.get_snippet_path(target["path"]) if target else None
        if resolved is None:
            return None  # missing or a URL: the conversion reports or fetches it
        path = Path(resolved)
        if any(snippets.RE_ALL_SNIPPETS.match(line) for line in path.read_text("utf-8").splitlines()):
            return None  # it embeds further files
        paths.append(path)
    return paths


def page_key(markdown: str, page: Page, site: str, snippets: SnippetPreprocessor | None) -> str | None:
    """sha256 of everything a page's conversion reads; None if that cannot be known."""
    embedded = embedded_files(markdown, snippets)
    if embedded is None:
        return None
    digest = hashlib.sha256()
    digest.update(json.dumps([markdown, page.file.src_uri, page.file.dest_uri, page.file.url, site]).encode())
    for path in embedded:
        digest.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def site_fingerprint(files: Files, config: MkDocsConfig) -> str:
    """sha256 of every file's place in the site, mkdocs.yml and the site URL."""
    places = sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)
    digest = hashlib.sha256(json.dumps([places, config.site_url]).encode())
    digest.update(Path(config.config_file_path).read_bytes())
    return digest.hexdigest()


@contextmanager
def captured_records() -> Iterator[list[logging.LogRecord]]:
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


def is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


class RenderMemo:
    """What one `mkdocs serve` remembers between builds: conversions, and this build's site."""

    def __init__(self, disk: DiskCache | None = None) -> None:
        self.conversions = conversion_memo(disk)
        self.site = ""
        self.snippets: SnippetPreprocessor | None = None
        self.restored = 0  # pages restored in this build, for tests and logs

    def start_build(self, files: Files, config: MkDocsConfig) -> None:
        self.conversions.start_build()
        self.site = site_fingerprint(files, config)
        has_snippets = EXTENSION in config.markdown_extensions
        self.snippets = snippet_preprocessor(config.mdx_configs.get(EXTENSION, {})) if has_snippets else None
        self.restored = 0

    def memoize(self, page: Page, markdown: str) -> None:
        """Give the page a render that restores the last conversion when its inputs are unchanged."""
        key = page_key(markdown, page, self.site, self.snippets)
        if key is None:
            return
        convert = page.render  # MkDocs' own, or the one mkdocs-jupyter gives a notebook
        memo = self
        persistent = not is_notebook(page)

        def render(config: MkDocsConfig, files: Files) -> None:
            conversion = memo.conversions.lookup(key, persistent)
            if conversion is not None:
                conversion.restore(page, files)
                memo.restored += 1
                return
            title_before = vars(page).get("title", UNSET)
            with captured_records() as records:
                convert(config, files)
            memo.conversions.store(key, Conversion.of(page, records, title_before), persistent)

        page.render = render  # type: ignore[method-assign]  # the patch
