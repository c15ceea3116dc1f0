"""Reading time of blog posts, counted for Chinese text.

Material splits text on non-word characters, so a run of Han characters counts
as one word and a 4,000-character post reads in "1 minute". Here Han (and
other CJK) characters, Latin words and code lines are counted separately.
"""
from __future__ import annotations

import math
import re
from html.parser import HTMLParser

from mkdocs.plugins import event_priority

CJK_CHARACTERS_PER_MINUTE = 400
LATIN_WORDS_PER_MINUTE = 200
CODE_LINES_PER_MINUTE = 20

CJK_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
LATIN_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.\-][A-Za-z0-9]+)*")
SKIPPED_ELEMENTS = {"script", "style"}


class _TextCollector(HTMLParser):
    """Split an HTML fragment into prose text and code (`<pre>`) text."""

    def __init__(self) -> None:
        super().__init__()
        self.prose: list[str] = []
        self.code: list[str] = []
        self._pre_depth = 0
        self._skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self._pre_depth += 1
        elif tag in SKIPPED_ELEMENTS:
            self._skip_depth += 1

    def handle_endtag(self, tag):
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        elif tag in SKIPPED_ELEMENTS and self._skip_depth:
            self._skip_depth -= 1

    def handle_data(self, data):
        if self._skip_depth:
            return
        (self.code if self._pre_depth else self.prose).append(data)


def reading_time_minutes(html: str) -> int:
    """Minutes to read an HTML fragment: CJK characters, Latin words and code lines."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()

    prose = " ".join(collector.prose)
    cjk_characters = len(CJK_CHARACTER.findall(prose))
    latin_words = len(LATIN_WORD.findall(CJK_CHARACTER.sub(" ", prose)))
    code_lines = sum(
        1 for line in "".join(collector.code).splitlines() if line.strip()
    )
    minutes = (
        cjk_characters / CJK_CHARACTERS_PER_MINUTE
        + latin_words / LATIN_WORDS_PER_MINUTE
        + code_lines / CODE_LINES_PER_MINUTE
    )
    return max(1, math.ceil(minutes))


# Before the blog plugin's own on_page_content (priority 0), which keeps a set value.
@event_priority(50)
def on_page_content(html, *, page, config, files):
    post_config = getattr(page, "config", None)
    if not hasattr(post_config, "readtime"):
        return  # not a blog post
    if not post_config.readtime:  # an explicit `readtime:` in front matter wins
        post_config.readtime = reading_time_minutes(html)
