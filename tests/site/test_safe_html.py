"""What the built pages guarantee: harmless HTML builds and stays, and every page carries its policy.

The contributed site has tests/site/contributed/harmless-html.md, which uses
every kind of HTML a post may hold and every Markdown extension of the site,
and tests/site/contributed/trusted-embed.md, which embeds a player by a
reviewed exception. Bad HTML is in tests/site/test_bad_input.py.
"""
from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from kb.guards.content_security_policy import policy_of

pytestmark = pytest.mark.build

# What harmless-html.md writes, as CSS selectors of what must reach its page.
KEPT = (
    "kbd", "abbr[title]", "sub", "sup", "mark", "del", "ins", "s", "small", "q[cite]", "ruby rt", "time[datetime]",
    "span[style]", 'a[href^="https://kubernetes.io/"]', "details > summary", "table caption", "th[scope]",
    "figure img[loading=lazy]", "img[srcset]", "video[controls][poster] track[kind=captions]",
    "audio source[type]", "dl dd", ".admonition.note", "details.tip", "details.warning[open]",
    ".tabbed-set input[type=radio]", ".tabbed-labels label[for]", ".highlight .filename", ".linenos",
    ".footnote li[id]", ".arithmatex", "code.highlight",
)
REQUIRED = ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src", "frame-src",
            "object-src", "base-uri", "form-action")
EMBED_ORIGIN = "https://www.youtube-nocookie.com"


def pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.parts)


class _InlineScripts(HTMLParser):
    """The text of each inline script a browser would run, read with the standard library's parser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.texts: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and attributes.get("type") in (None, "module"):
            self._open = ""

    def handle_data(self, data):
        if self._open is not None:
            self._open += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.texts.append(self._open)
            self._open = None


def sha256_source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_harmless_html_builds_and_stays_on_the_page(contributed_site):
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    page = LexborHTMLParser((contributed_site.site / "blog/harmless-html/index.html").read_text("utf-8"))
    article = page.css_first("article")
    assert [selector for selector in KEPT if article.css_first(selector) is None] == []


def test_a_reviewed_embed_builds_and_every_policy_lets_in_its_origin_only_for_frames(contributed_site):
    embed = LexborHTMLParser((contributed_site.site / "blog/trusted-embed/index.html").read_text("utf-8"))
    assert embed.css_first(f'article iframe[src^="{EMBED_ORIGIN}/embed/"]') is not None
    for path in pages(contributed_site.site):
        policy = policy_of(path.read_text("utf-8"))
        assert policy["frame-src"] == [EMBED_ORIGIN], path  # instant navigation keeps the first page's policy
        assert EMBED_ORIGIN not in " ".join(sources for name, values in policy.items() if name != "frame-src"
                                            for sources in values)


def test_every_page_carries_its_policy_right_after_its_charset(built_site):
    for path in pages(built_site):
        head = LexborHTMLParser(path.read_text("utf-8")).head
        first, second = [node for node in head.iter() if node.tag != "-text"][:2]
        assert first.attributes.get("charset") == "utf-8", path
        assert second.attributes.get("http-equiv") == "Content-Security-Policy", path


def test_every_policy_states_what_the_issue_asks_and_allows_no_inline_code_but_its_hashed_scripts(built_site):
    for path in pages(built_site):
        policy = policy_of(path.read_text("utf-8"))
        assert [name for name in REQUIRED if name not in policy] == [], path
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert policy["frame-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
        assert policy["form-action"] == ["'self'"]
        assert "'unsafe-eval'" not in sum(policy.values(), [])
        assert "'unsafe-inline'" not in policy["script-src"]


def test_each_page_allows_each_of_its_inline_scripts_by_hash(built_site, record_property):
    hashes = set()
    for path in pages(built_site):
        text = path.read_text("utf-8")
        scripts = _InlineScripts()
        scripts.feed(text)
        assert scripts.texts, path
        needed = {sha256_source(script) for script in scripts.texts}
        assert needed <= set(policy_of(text)["script-src"]), path
        hashes |= needed
    record_property("inline scripts allowed by hash", len(hashes))
