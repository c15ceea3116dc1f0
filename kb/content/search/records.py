"""What Pagefind indexes of a page: its content, with Han text as overlapping character pairs.

Pagefind matches words by prefix, and it finds Chinese words with a segmenter at
indexing (jieba's Simplified dictionary) and another in the browser (ICU), which
disagree on Traditional text: 布穀鳥過濾器 is indexed as 布/穀/鳥/過/濾器 but
queried as 布穀鳥/過濾器, so it matches little. Here every Han character is
indexed as the pair it starts (過濾器 → 過濾 濾器 器器; the last character pairs
with itself, so no word is a single character, which Pagefind would take as a
match for any query word it prefixes), and a query is cut into pairs the same
way (text.js): any run of characters is then findable, the middle of a word
included (數列 finds 費氏數列), a single character by prefix, and a pair's list
of pages is short, so a query fetches little of the index. Pairs continue
across inline tags (`布穀鳥<a>過濾器</a>` has 鳥過), not across blocks.

A record is a small HTML document, never the published page: the text is
written as those words, `data-pagefind-meta` carries what a result shows (the
title as written, the category, the date), the page's H1 is added when the
theme, not the Markdown, prints it, and only headings keep their ids (each id
is a sub-result to Pagefind, and code blocks give one to every line). The
browser shows each pair as its first character again.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping

# Han ideographs (with extensions and compatibility forms), and the punctuation and
# full-width forms written between them. The browser's copy is in
# docs/assets/javascripts/search/text.js; tests/content/search checks that they agree.
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_PUNCTUATION = r"\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"
CJK = HAN + CJK_PUNCTUATION
HAN_RUN = re.compile(f"[{HAN}]+")
CJK_PUNCTUATION_CHARACTER = re.compile(f"[{CJK_PUNCTUATION}]")
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# Tags inside a run of text: a pair of characters continues across them.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var".split()
)
# Material's "¶" permalinks inside headings: not words, and not part of a heading's title.
HEADER_LINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
# An id attribute of any element but a heading.
NON_HEADING_ID = re.compile(r'(<(?!h[1-6][\s>])[a-zA-Z][^>]*?)\s+id="[^"]*"')
# The metadata a result shows; `title` itself is the H1, spaced, so title words match.
SHOWN_TITLE = "shown_title"


def han_words(run: str, following: str = "") -> list[str]:
    """Each character of a Han run as the pair it starts: the last one with `following`, if
    given, or else with itself."""
    characters = run + (following or run[-1])
    return [characters[index:index + 2] for index in range(len(run))]


def index_text(text: str, following: str = "") -> str:
    """Text as Pagefind's words: Han runs as pairs, CJK punctuation apart, the rest unchanged.

    `following` is the Han character that continues the text after an inline tag, if any.
    """
    parts, position = [], 0
    for run in HAN_RUN.finditer(text):
        after = following if run.end() == len(text) else ""
        parts += [text[position:run.start()], " ", " ".join(han_words(run.group(), after)), " "]
        position = run.end()
    parts.append(text[position:])
    return CJK_PUNCTUATION_CHARACTER.sub(lambda mark: f" {mark.group()} ", "".join(parts))


def index_html(fragment: str) -> str:
    """An HTML fragment with its text written as Pagefind's words; tags and attributes unchanged."""
    parts = TAG.split(fragment)  # text, tag, text, tag, …
    for index in range(0, len(parts), 2):
        parts[index] = index_text(parts[index], _continuing_han(parts, index))
    return "".join(parts)


def _continuing_han(parts: list[str], index: int) -> str:
    """The Han character that continues text part `index` across inline tags, or ''."""
    for later in range(index + 1, len(parts)):
        if later % 2:  # a tag
            name = TAG_NAME.match(parts[later])
            if not name or name.group(1).lower() not in INLINE_TAGS:
                return ""
        elif parts[later]:
            first = parts[later][0]
            return first if HAN_RUN.match(first) else ""
    return ""


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
        f"<body><main data-pagefind-body>{tags}{index_html(body)}</main></body></html>\n"
    )


def joined(values: Iterable[object]) -> str:
    """Values for one metadata field, e.g. a post's categories: '課程筆記、TIL'."""
    return "、".join(str(value) for value in values if str(value).strip())
