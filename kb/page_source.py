"""Where a page's Markdown comes from, for messages that name `file:line`, and its text."""
from __future__ import annotations

import os

from mkdocs.structure.pages import Page

from kb.file_signatures import FileMemo


def _read(path: str) -> str:
    with open(path, encoding="utf-8-sig") as file:
        return file.read()


# The text of the page's file at path (UTF-8, a byte-order mark dropped), read again only once it changed.
read_source = FileMemo(_read)


def source_path(page: Page) -> str:
    """The page's file as a contributor sees it: relative to the folder mkdocs runs in."""
    return os.path.relpath(page.file.abs_src_path) if page.file.abs_src_path else page.file.src_uri


def markdown_line_offset(page: Page) -> int:
    """How many lines of the file come before the Markdown MkDocs hands to plugins (its front matter).

    During on_page_markdown, `page.markdown` still holds the source as read, the
    file's tail; plugins that run earlier keep the number of lines.
    """
    if not page.file.abs_src_path or not page.markdown:
        return 0
    with open(page.file.abs_src_path, encoding="utf-8-sig") as file:
        text = file.read()
    return text.count("\n", 0, len(text) - len(page.markdown)) if text.endswith(page.markdown) else 0
