"""The `kb/reading-time` plugin: reading time of blog posts, counted for Chinese text.

Material splits text on non-word characters, so a run of Han characters counts
as one word and a 4,000-character post reads in "1 minute". Here Han (and
other CJK) characters, Latin words and code lines are counted separately.
"""
from __future__ import annotations

import functools
import html
import math
import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.guards.plugin_order import RunsBefore, enforce_order

CJK_CHARACTERS_PER_MINUTE = 400
LATIN_WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 20

CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
# Regular expressions rather than an HTML parser: this runs on every post and
# is five times faster; the HTML comes from Markdown, so it is well formed.
UNREAD_ELEMENT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
CODE_BLOCK = re.compile(r"<pre\b.*?</pre\s*>", re.DOTALL | re.IGNORECASE)
TAG = re.compile(r"<[^>]*>")
PAGES_REMEMBERED = 4096


@functools.lru_cache(maxsize=PAGES_REMEMBERED)  # `mkdocs serve`: most pages are as they were at the last save
def reading_time_minutes(page_html: str) -> int:
    """Minutes to read an HTML fragment: CJK characters, Latin words and code lines."""
    page_html = UNREAD_ELEMENT.sub(" ", page_html)
    code = "\n".join(TAG.sub("", block) for block in CODE_BLOCK.findall(page_html))
    prose = html.unescape(TAG.sub(" ", CODE_BLOCK.sub(" ", page_html)))
    cjk_characters = len(CJK_CHARACTER.findall(prose))
    latin_words = len(LATIN_WORD.findall(CJK_CHARACTER.sub(" ", prose)))
    code_lines = sum(1 for line in code.splitlines() if line.strip())
    minutes = (
        cjk_characters / CJK_CHARACTERS_PER_MINUTE
        + latin_words / LATIN_WORDS_PER_MINUTE
        + code_lines / CODE_LINES_PER_MINUTE
    )
    return max(1, math.ceil(minutes))


class ReadingTimePlugin(BasePlugin):
    ORDER = (RunsBefore("page_content", ("material/blog",), "the blog plugin keeps a reading time already set"),)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        return config

    @event_priority(50)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        post_config: Any = getattr(page, "config", None)  # a blog post's settings (Material's Post)
        if hasattr(post_config, "readtime") and not post_config.readtime:  # an explicit `readtime:` wins
            post_config.readtime = reading_time_minutes(html)
        return html
