"""What Pagefind indexes of a page: its content with Han text spaced into single characters.

Pagefind matches words by prefix, and it finds Chinese words with a segmenter at
indexing (jieba's Simplified dictionary) and another in the browser (ICU), which
disagree on Traditional text: 布穀鳥過濾器 is indexed as 布/穀/鳥/過/濾器 but
queried as 布穀鳥/過濾器, so it matches little. Indexing every Han character as
a word of its own, and querying the same way, makes any run of characters
findable, the middle of a word included (數列 finds 費氏數列); the browser then
ranks pages that hold a query's characters side by side first.

A record is a small HTML document, never the published page: a space is put
between each CJK character (Han or full-width punctuation) and its neighbours,
`data-pagefind-meta` carries what a result shows (the title as written, the
category, the date), the page's H1 is added when the theme, not the Markdown,
prints it, and only headings keep their ids (each id is a sub-result to
Pagefind, and code blocks give one to every line). The published pages are
unchanged; the browser takes the spaces out again before it shows an excerpt.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

# Han ideographs (with extensions and compatibility forms) and the punctuation and
# full-width forms written between them. The browser's copy is in
# docs/assets/javascripts/search/text.js; tests/content/search checks that they agree.
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
CJK_BOUNDARY = re.compile(rf"(?<=[{CJK}])(?=\S)|(?<=\S)(?=[{CJK}])")
TAG = re.compile(r"(<[^>]*>)")
CJK_EDGE_START = re.compile(f"[{CJK}]")
CJK_EDGE_END = re.compile(f"[{CJK}]$")
# Material's "¶" permalinks inside headings: not words, and not part of a heading's title.
HEADER_LINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
# An id attribute of any element but a heading.
NON_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-zA-Z][^>]*?)\s+id="[^"]*"')
# The metadata a result shows; `title` itself is the H1, spaced, so title words match.
SHOWN_TITLE = "shown_title"


def space_cjk(text: str) -> str:
    """Text with a space between each CJK character and any neighbour that is not a space."""
    return CJK_BOUNDARY.sub(" ", text)


def space_cjk_html(fragment: str) -> str:
    """An HTML fragment with its text spaced by `space_cjk`; tags and attributes unchanged.

    Text that starts or ends with a CJK character also gets a space at that end,
    since an inline tag (`<a>`, `<strong>`) between two characters is no word break
    to Pagefind.
    """
    parts = []
    for part in TAG.split(fragment):
        if not part.startswith("<"):
            part = space_cjk(part)
            part = (" " if CJK_EDGE_START.match(part) else "") + part + (" " if CJK_EDGE_END.search(part) else "")
        parts.append(part)
    return "".join(parts)


def search_record(title_html: str, content: str, meta: Mapping[str, str], language: str) -> str:
    """The HTML document Pagefind indexes for one page.

    `title_html` is the page title as HTML text; `content` is the page's
    rendered Markdown; `meta` maps Pagefind metadata keys (category, date) to
    plain text shown with each result.
    """
    body = NON_HEADING_ID.sub(r"\1", HEADER_LINK.sub("", content))
    if "<h1" not in body:  # the theme prints the title above such content
        body = f"<h1>{title_html}</h1>\n{body}"
    shown = {SHOWN_TITLE: html.unescape(title_html), **meta}
    tags = "".join(
        f'<span data-pagefind-meta="{html.escape(key)}:{html.escape(value)}"></span>'
        for key, value in shown.items()
        if value
    )
    return (
        f'<!doctype html><html lang="{html.escape(language)}"><head><meta charset="utf-8"></head>'
        f"<body><main data-pagefind-body>{tags}{space_cjk_html(body)}</main></body></html>\n"
    )


def joined(values: Iterable[object]) -> str:
    """Values for one metadata field, e.g. a post's categories: '課程筆記、TIL'."""
    return "、".join(str(value) for value in values if str(value).strip())
