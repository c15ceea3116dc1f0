"""No built file makes the browser fetch anything from another host.

Links (`<a href>`) to references are navigation, not requests. Everything
else that names an absolute URL is checked: `src`/`href` attributes of other
elements, CSS `url()` and `@import`, and URL string literals in JavaScript.
"""
from __future__ import annotations

import fnmatch
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.site.site_pages import plugin_config

pytestmark = pytest.mark.build

ABSOLUTE_URL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*['"]?((?:https?:)?//[^'")\s]+)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""", re.IGNORECASE)
JS_URL_LITERAL = re.compile(r"""["'`](https?://[^"'`\s]+)""")
# Only comments that open a line: inside minified code "/*" may be a regex or a string.
JS_BLOCK_COMMENT = re.compile(r"(?m)^\s*/\*.*?\*/", re.DOTALL)
JS_LINE_COMMENT = re.compile(r"(?m)(?:^|\s)//.*$")
# XML namespace names are identifiers, never fetched.
XML_NAMESPACES = ("http://www.w3.org/",)

# URLs inside vendored JavaScript that this site never requests, and why.
# The privacy plugin's assets_exclude (mkdocs.yml) lists the same kind of URL.
NEVER_REQUESTED = {
    "https://api.github.com/*": "Material's repository facts; the site sets no repo_url",
    "https://${e}/api/v4/*": "Material's GitLab facts; the site sets no repo_url",
    "*/resize-observer-polyfill*": "polyfill for browsers without ResizeObserver",
    "https://example.com$*": "Pagefind joins a result's anchor on a placeholder origin, then strips it",
}


def exempt_patterns() -> list[str]:
    return [*plugin_config("privacy").get("assets_exclude", []), *NEVER_REQUESTED]


class _RequestCollector(HTMLParser):
    """Absolute URLs the browser would fetch while rendering an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if not value:
                continue
            if name in {"src", "srcset", "data", "poster"} or (name == "href" and tag != "a"):
                if tag == "link" and dict(attrs).get("rel") in {"canonical", "alternate"}:
                    continue  # metadata about the page, not fetched while rendering it
                self.urls += [url for url in value.split() if ABSOLUTE_URL.match(url)]
            elif name == "style":
                self.urls += CSS_URL.findall(value)

    def handle_data(self, data):
        self.urls += CSS_URL.findall(data)  # inline <style>


def requested_urls(path: Path) -> list[str]:
    text = path.read_text("utf-8", errors="replace")
    if path.suffix == ".html":
        collector = _RequestCollector()
        collector.feed(text)
        return collector.urls
    if path.suffix == ".css":
        imports = [url for url in CSS_IMPORT.findall(text) if ABSOLUTE_URL.match(url)]
        return CSS_URL.findall(text) + imports
    code = JS_LINE_COMMENT.sub("", JS_BLOCK_COMMENT.sub("", text))
    return [url for url in JS_URL_LITERAL.findall(code) if not url.startswith(XML_NAMESPACES)]


def external_requests(site: Path) -> dict[str, list[str]]:
    """File -> the absolute URLs it would request that no exemption explains."""
    patterns = exempt_patterns()
    found = {}
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        urls = [
            url
            for url in requested_urls(path)
            if not any(fnmatch.fnmatch(url, pattern) for pattern in patterns)
        ]
        if urls:
            found[str(path.relative_to(site))] = urls
    return found


def test_built_site_requests_nothing_from_other_hosts(built_site):
    assert external_requests(built_site) == {}


def test_the_scanner_catches_each_kind_of_external_request(tmp_path):
    (tmp_path / "page.html").write_text(
        '<a href="https://example.org/paper.pdf">paper</a>'
        '<link rel="stylesheet" href="https://fonts.example.com/css?family=Roboto">'
        '<script src="//cdn.example.com/x.js"></script>'
        '<div style="background: url(https://img.example.com/a.png)"></div>'
    )
    (tmp_path / "style.css").write_text("@import 'https://cdn.example.com/y.css'; a { b: url(//f.example.com/f.woff2) }")
    (tmp_path / "app.js").write_text(
        '// see https://example.org/docs\nconst s = "https://cdn.example.com/z.js"; const n = "http://www.w3.org/2000/svg";'
    )
    assert external_requests(tmp_path) == {
        "app.js": ["https://cdn.example.com/z.js"],
        "page.html": [
            "https://fonts.example.com/css?family=Roboto",
            "//cdn.example.com/x.js",
            "https://img.example.com/a.png",
        ],
        "style.css": ["//f.example.com/f.woff2", "https://cdn.example.com/y.css"],
    }


def test_every_exemption_is_still_needed(built_site):
    """An exemption that matches nothing any more should be removed."""
    everything = [url for path in built_site.rglob("*.js") for url in requested_urls(path)]
    for pattern in exempt_patterns():
        assert any(fnmatch.fnmatch(url, pattern) for url in everything), pattern
