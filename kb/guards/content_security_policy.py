"""Each page's Content-Security-Policy, a `<meta http-equiv>` right after its `<meta charset>`.

Static hosting (GitHub Pages) cannot send the policy as a header, so each page
carries it. The directives and their sources are data/content-security-policy.yml,
each with why; the build adds what the pages hold:

- to script-src, the sha256 hash of each inline script that runs: those of the
  page as written (every plugin has added its own by then), and those of every
  page's content. Material's instant navigation fetches the next page, runs the
  scripts of its content under the policy of the page the reader opened first,
  and adds the new page's policy to it: every policy has to allow them.
  (A script of the next page's <head> or header is not run again.)
- to the directive a page exception names, the exception's origin, on every
  page for the same reason.

Everything here is pure: HTML in, hashes or a policy out.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from kb.data_files import DataFileError, parse_yaml

# Instant navigation replaces this element of the page and runs the scripts in it.
CONTAINER = "[data-md-component=container]"
# <script type> values a browser runs (HTML's JavaScript MIME types, and module);
# other types, such as Material's application/json configuration, are data.
SCRIPT_TYPES = frozenset({
    "", "module", "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1",
    "text/javascript1.2", "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript",
    "text/livescript", "text/x-ecmascript", "text/x-javascript",
})
NEVER = {
    "'unsafe-eval'": "it lets scripts run strings as code",
    "'unsafe-hashes'": "it lets inline event handlers run",
}
# Ignored in a <meta> policy, with a console error in Chromium.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "sandbox"})
SCRIPT_SRC = "script-src"
NONE = "'none'"
CHARSET_META = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')


@dataclass(frozen=True)
class Directive:
    name: str
    sources: tuple[str, ...]
    why: str


def load_policy(path: Path, name: str) -> list[Directive]:
    """The directives of the data file, in order; DataFileError naming `name:line` for each bad one."""
    document = parse_yaml(name, path.read_text("utf-8"))
    if document.root is None or not hasattr(document.root, "value") or not isinstance(document.root.value, list):
        raise DataFileError(f"{name}:1: expected a mapping of directives to their sources and why")
    directives, problems = [], []
    for key, node in document.root.value:
        where, entry = document.where(key), document.value(node)
        if not isinstance(entry, dict) or set(entry) != {"sources", "why"}:
            problems.append(f"{where}: {key.value}: expected the keys sources and why")
            continue
        sources, why = entry["sources"], entry["why"]
        if not isinstance(sources, list) or not sources or not all(isinstance(source, str) for source in sources):
            problems.append(f"{where}: {key.value}: 'sources' must be a list of CSP sources")
            continue
        if not isinstance(why, str) or not why.strip():
            problems.append(f"{where}: {key.value}: 'why' must say what needs these sources")
        if key.value in HEADER_ONLY_DIRECTIVES:
            problems.append(f"{where}: {key.value} works only as an HTTP header, not in a <meta> policy")
        problems += [f"{where}: {key.value}: never {source}: {reason}" for source, reason in NEVER.items()
                     if source in sources]
        if key.value == SCRIPT_SRC and "'unsafe-inline'" in sources:
            problems.append(f"{where}: {SCRIPT_SRC}: never 'unsafe-inline': inline scripts are allowed by hash")
        directives.append(Directive(key.value, tuple(sources), str(why)))
    if problems:
        raise DataFileError("\n".join(problems))
    return directives


def _runs(script: LexborNode) -> bool:
    """Whether a browser runs this <script> element's own text."""
    attributes = script.attributes
    return "src" not in attributes and (attributes.get("type") or "").strip().lower() in SCRIPT_TYPES


def script_hash(source: str) -> str:
    """The CSP source that allows an inline script with this text."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class InlineScripts:
    """The hashes of the inline scripts an HTML page or fragment runs, each once, in order."""

    everywhere: tuple[str, ...]
    in_container: tuple[str, ...]  # the ones that instant navigation runs again on arrival


def inline_scripts(page_html: str) -> InlineScripts:
    tree = LexborHTMLParser(page_html, scripting=True)
    if tree.root is None:
        return InlineScripts((), ())

    def hashes(root: LexborNode) -> list[str]:
        return [script_hash(script.text(deep=True)) for script in root.css("script") if _runs(script)]

    container = [found for root in tree.css(CONTAINER) for found in hashes(root)]
    return InlineScripts(tuple(dict.fromkeys(hashes(tree.root))), tuple(dict.fromkeys(container)))


def policy(directives: Iterable[Directive], script_hashes: Iterable[str],
           origins: Mapping[str, Iterable[str]]) -> str:
    """The policy's text: each directive's sources, script-src's hashes, and `origins` added by directive."""
    parts = []
    for directive in directives:
        sources = list(directive.sources)
        if directive.name == SCRIPT_SRC:
            sources += sorted(set(script_hashes))
        added = sorted(set(origins.get(directive.name, ())))
        if added:
            sources = [source for source in sources if source != NONE] + added
        parts.append(" ".join([directive.name, *sources]))
    return "; ".join(parts)


def _attribute_value(text: str) -> str:
    """Text for a double-quoted attribute; the policy's single quotes stay as they are, readable."""
    return html.escape(text, quote=False).replace('"', "&quot;")


def with_policy(page_html: str, policy_text: str) -> str:
    """The page with its policy as the first element of <head>, after <meta charset> (which must stay first)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{_attribute_value(policy_text)}">'
    head = HEAD.search(page_html)
    if head is None:
        raise ValueError("the page has no <head> for its Content-Security-Policy")
    rest = page_html[head.end():]
    charset = CHARSET_META.match(rest, len(rest) - len(rest.lstrip()))
    at = head.end() + (charset.end() if charset else 0)
    return f"{page_html[:at]}\n      {meta}{page_html[at:]}"


def with_scripts_allowed(page_html: str, hashes: Iterable[str]) -> str:
    """The page with more script hashes in the script-src of its policy, if it has one."""
    found = POLICY_META.search(page_html)
    added = sorted(set(hashes))
    if found is None or not added:
        return page_html
    directives = [part.split() for part in html.unescape(found["policy"]).split("; ")]
    for parts in directives:
        if parts and parts[0] == SCRIPT_SRC:
            parts += added
    updated = _attribute_value("; ".join(" ".join(parts) for parts in directives))
    return f'{page_html[:found.start("policy")]}{updated}{page_html[found.end("policy"):]}'


def policy_of(page_html: str) -> dict[str, list[str]]:
    """The page's policy as directive -> sources (empty when it has none)."""
    found = POLICY_META.search(page_html)
    if found is None:
        return {}
    return {parts[0]: parts[1:] for part in html.unescape(found["policy"]).split("; ") if (parts := part.split())}
