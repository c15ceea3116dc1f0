"""Reading the built site: its config, its pages and the links between them."""
from __future__ import annotations

import gzip
import json
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from kb.content.search.records import index_text
from scripts.build_inputs import read_mkdocs_config
from tests.conftest import REPO_ROOT


def mkdocs_config() -> dict:
    return read_mkdocs_config((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))


def plugin_config(name: str) -> dict:
    """The options of one plugin in mkdocs.yml ({} when it has none)."""
    for entry in mkdocs_config()["plugins"]:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    raise KeyError(f"plugin {name!r} is not in mkdocs.yml")


def page_html(site: Path, url_path: str) -> str:
    """The HTML of the page served at `url_path` (e.g. 'blog/' or 'tags/')."""
    return (site / unquote(url_path).strip("/") / "index.html").read_text("utf-8")


class _LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [value for name, value in attrs if name == "href" and value]


def linked_paths(html: str, page_url_path: str) -> set[str]:
    """Site-relative paths ('blog/x/') of the internal links of a page."""
    collector = _LinkCollector()
    collector.feed(html)
    base = "/" + page_url_path.strip("/") + "/" if page_url_path.strip("/") else "/"
    paths = set()
    for href in collector.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        resolved = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        paths.add(resolved.strip("/") + "/" if resolved != "/" else "")
    return paths


FRAGMENT_SIGNATURE = b"pagefind_dcd"


def search_fragments(site: Path) -> dict[str, dict]:
    """Pagefind's record of each indexed page (url, content, meta), by URL path ('/blog/x/')."""
    fragments = {}
    for path in (site / "pagefind/fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), path
        fragment = json.loads(data[len(FRAGMENT_SIGNATURE):])
        fragments[fragment["url"]] = fragment
    return fragments



def indexed_words(text: str) -> str:
    """`text` as Pagefind stores it (words in single spaces)."""
    return " ".join(index_text(text).split())


def indexed_phrase(text: str) -> str:
    """The words any occurrence of `text`, ending in a Han character, has in the index
    (the last character's pair depends on what follows it)."""
    return " ".join(index_text(text).split()[:-1])
