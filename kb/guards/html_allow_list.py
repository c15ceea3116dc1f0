"""Raw HTML in pages, held to an allow-list on the HTML that Markdown makes of each page.

Markdown passes raw HTML through, so a post could carry a script, an event
handler, a `javascript:` link, or markup that loads from another host. The
check reads that HTML as a browser does (Lexbor's HTML5 parser, through
selectolax, with scripting on) and holds every element and attribute to:

- the allow-list: nh3's (Ammonia's) default elements and attributes, plus the
  additions in data/html-allow-list.yml, each with who needs it;
- rules that no allow-list entry relaxes (the `Rule`s below): no scripts or
  event handlers, URLs that are http(s) or relative, nothing fetched from
  another host (CSS `url()` and `srcset` included), no frames or objects, no
  form that posts to another host, no meta refresh;
- a second opinion: nh3 cleans the same HTML with the same allow-list, reading
  it with another HTML5 parser (html5ever). What it would remove or read
  differently, when the rules found nothing, is reported too.

Nothing is rewritten: a problem fails the build and the contributor fixes it.
A page may allow one element from one other https origin by a reviewed
exception in its front matter (`html_exceptions`), which never allows
scripts, event handlers, other URL schemes or meta refresh.

`html_problems` and `unused_exceptions` are pure (HTML in, findings out);
`problem_lines` finds where each problem is written in the page's source.
"""
from __future__ import annotations

import html as html_text
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import nh3
import tinycss2
import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from kb.data_files import DataFileError, YamlDocument, parse_yaml
from kb.guards.front_matter import FIRST_FRONT_MATTER_LINE, FRONT_MATTER

EXCEPTIONS_KEY = "html_exceptions"
EXCEPTION_FIELDS = ("element", "source", "why")
ALLOW_LIST_SECTIONS = ("every_element", "elements", "page_exceptions")
# Where a page exception may let its origin in; object-src stays 'none' for every page.
EXCEPTION_DIRECTIVES = frozenset({"frame-src", "media-src", "img-src"})


@dataclass(frozen=True, eq=False)  # each rule is one object, compared by identity
class Rule:
    name: str
    reason: str


SCRIPTS = Rule("no-scripts", "scripts and event handlers would run code in readers' browsers")
URL_SCHEMES = Rule(
    "http-or-relative-urls",
    "a URL is http(s) or relative; other schemes such as javascript: or data: can run code or hide what they hold",
)
OFF_SITE_LOADS = Rule(
    "same-site-loads",
    "the browser would fetch it from another host, which then learns who reads the page; "
    "put the file under docs/ and use a relative path",
)
FRAMES_AND_OBJECTS = Rule("no-frames-or-objects", "frames and objects embed another site or a plug-in in the page")
OFF_SITE_FORMS = Rule("same-site-forms", "the form would send what readers type to another host")
REDIRECTS = Rule("no-redirects", "a meta refresh sends readers to another page")
ALLOW_LIST = Rule("allow-list", "not on the allow-list")
SECOND_OPINION = Rule(
    "nh3-agrees",
    "nh3 (Ammonia), which reads HTML with another HTML5 parser, would remove or read this differently; "
    "write the markup plainly",
)
# Rules about the element itself: none of it may stay, so its attributes are not listed too.
WHOLE_ELEMENT_RULES = (SCRIPTS, FRAMES_AND_OBJECTS, REDIRECTS, OFF_SITE_FORMS)

SCRIPT_ELEMENTS = frozenset({"script"})
FRAME_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"})
NEVER_LISTED = SCRIPT_ELEMENTS | FRAME_ELEMENTS | {"meta", "base", "form"}
# In every parsed document. Only their attributes can come from a page: a stray
# `<body onload=…>` gives its attributes to the page's own <body>.
DOCUMENT_ELEMENTS = frozenset({"html", "head", "body"})
INLINE_DOCUMENT_ATTRIBUTES = frozenset({"srcdoc"})  # a whole HTML document, scripts and all
# Attributes whose value is a URL (`srcset`: a list of them).
URL_ATTRIBUTES = frozenset({
    "href", "xlink:href", "src", "srcset", "poster", "cite", "action", "formaction", "data", "background",
    "longdesc", "usemap", "ping", "manifest", "codebase", "archive", "icon", "lowsrc", "dynsrc",
})
# URLs that a reader follows, not ones the browser fetches: any http(s) host will do.
NAVIGATION = frozenset({
    ("a", "href"), ("a", "xlink:href"), ("area", "href"),
    ("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite"),
})
FORM_TARGETS = frozenset({"action", "formaction"})
# `style`, and SVG's presentation attributes that take a CSS url().
CSS_ATTRIBUTES = frozenset({
    "style", "fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid", "marker-end", "cursor",
})
RULED_ATTRIBUTES = URL_ATTRIBUTES | CSS_ATTRIBUTES | INLINE_DOCUMENT_ATTRIBUTES
# CSS functions whose string arguments are URLs; url(…) unquoted is tinycss2's URLToken.
CSS_URL_FUNCTIONS = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade"})
HTTP_SCHEMES = frozenset({"http", "https"})
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
# What browsers remove from a URL before reading it: tabs and newlines anywhere,
# control characters and spaces at either end.
URL_TABS_AND_NEWLINES = re.compile(r"[\t\n\r]")
URL_TRIMMED = "".join(chr(code) for code in range(0x21))
# Attribute names as nh3 compares them: html5ever's local names, in SVG's mixed case,
# without the xlink: and xmlns: namespace prefixes.
NH3_ATTRIBUTE_NAMES = {"viewbox": "viewBox", "xlink:href": "href", "xmlns:xlink": "xlink"}
SHOWN_VALUE_LENGTH = 60


@dataclass(frozen=True)
class AllowList:
    """nh3's allow-list with the data file's additions, ready to check with."""

    source: str  # the data file, for messages
    elements: dict[str, frozenset[str]]  # element -> the attributes it may have
    every_element: frozenset[str]  # attributes any element may have
    prefixes: tuple[str, ...]  # attribute name prefixes any element may have
    exception_directives: dict[str, str]  # element a page may allow by exception -> CSP directive
    cleaner: nh3.Cleaner = field(compare=False, repr=False)
    # Per element, its allowed attributes that no rule looks at: an element with only
    # these (or prefixed ones) needs no closer look, which is most elements of a page.
    unruled: dict[str, frozenset[str]] = field(compare=False, repr=False)

    def allows(self, element: str, attribute: str) -> bool:
        return (
            attribute in self.every_element
            or attribute in self.elements.get(element, frozenset())
            or attribute.startswith(self.prefixes)
        )


@dataclass(frozen=True)
class PageException:
    """A page's reviewed exception: `element` may load from `origin`, because `why`."""

    element: str
    origin: str
    why: str
    line: int


@dataclass(frozen=True)
class HtmlProblem:
    rule: Rule
    markup: str  # the element as the browser reads it, with the attribute at fault
    clues: tuple[str, ...]  # texts to find it by in the page's source, the most telling first

    def describe(self, allow_list: AllowList) -> str:
        reason = self.rule.reason
        if self.rule is ALLOW_LIST:
            reason = f"not on the allow-list ({allow_list.source}); add it there with who needs it"
        return f"{self.markup}: {reason} (rule: {self.rule.name})"


# --- the allow-list ---------------------------------------------------------------------------

def load_allow_list(path: Path, name: str) -> AllowList:
    """nh3's allow-list plus the data file's additions; DataFileError naming `name:line` for each bad entry."""
    document = parse_yaml(name, path.read_text("utf-8"))
    root = document.root
    sections = _mapping(root)
    if sections is None or set(sections) != set(ALLOW_LIST_SECTIONS):
        raise DataFileError(f"{name}:1: expected the sections {', '.join(ALLOW_LIST_SECTIONS)}")
    problems: list[str] = []
    every = _entry(document, sections["every_element"], ("why", "attributes", "prefixes"), problems)
    elements = {tag: set(attributes) for tag, attributes in nh3.ALLOWED_ATTRIBUTES.items()}
    for tag in nh3.ALLOWED_TAGS:
        elements.setdefault(tag, set())
    for key, node in _pairs(document, sections["elements"], "elements", problems):
        tag = key.value.lower()
        entry = _entry(document, node, ("why", "attributes"), problems, f"{tag}: ")
        if tag in NEVER_LISTED:
            problems.append(f"{document.where(key)}: <{tag}> cannot be allowed on every page ({__name__} rules)")
        elif entry is not None:
            names = {attribute.lower() for attribute in entry["attributes"]}
            problems += [f"{document.where(node)}: {tag}: {name} runs script and cannot be allowed"
                         for name in sorted(names) if _runs_script(name)]
            elements.setdefault(tag, set()).update(names)
    exception_directives = {}
    for key, node in _pairs(document, sections["page_exceptions"], "page_exceptions", problems):
        directive = document.value(node)
        if key.value in NEVER_LISTED - {"iframe"} or directive not in EXCEPTION_DIRECTIVES:
            problems.append(f"{document.where(key)}: page_exceptions: <{key.value}> from {directive!r} cannot be "
                            f"allowed (directives: {', '.join(sorted(EXCEPTION_DIRECTIVES))})")
        else:
            exception_directives[key.value.lower()] = directive
    if every is not None:
        problems += [f"{document.where(sections['every_element'])}: every_element: {name} runs script and cannot be "
                     "allowed" for name in [*every["attributes"], *every["prefixes"]]
                     if _runs_script(name.lower()) or "on".startswith(name.lower())]
    if problems or every is None:
        raise DataFileError("\n".join(problems))
    # Ammonia allows lang and title on every element (its generic attributes).
    attributes_everywhere = frozenset(name.lower() for name in every["attributes"]) | {"lang", "title"}
    prefixes = tuple(prefix.lower() for prefix in every["prefixes"])
    frozen = {tag: frozenset(names) for tag, names in elements.items()}
    unruled = {tag: (names | attributes_everywhere) - RULED_ATTRIBUTES
               for tag, names in frozen.items() if tag not in DOCUMENT_ELEMENTS}
    return AllowList(name, frozen, attributes_everywhere, prefixes, exception_directives,
                     nh3_cleaner(frozen, attributes_everywhere, prefixes), unruled)


def _runs_script(attribute: str) -> bool:
    """Event handlers (on…) and attributes that hold a whole document."""
    return attribute.startswith("on") or attribute in INLINE_DOCUMENT_ATTRIBUTES


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node] | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _pairs(document: YamlDocument, node: yaml.Node, section: str,
           problems: list[str]) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        problems.append(f"{document.where(node)}: '{section}' must be a mapping")
        return []
    return [(key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)]


def _entry(document: YamlDocument, node: yaml.Node, keys: tuple[str, ...], problems: list[str],
           label: str = "") -> dict | None:
    """An entry with `why` and lists of names, or None after noting what is wrong with it."""
    entry = document.value(node)
    problem = None
    if not isinstance(entry, dict) or set(entry) != set(keys):
        problem = f"expected the keys {', '.join(keys)}"
    elif not isinstance(entry["why"], str) or not entry["why"].strip():
        problem = "'why' must say who needs it"
    elif not all(isinstance(entry[key], list) and all(isinstance(name, str) for name in entry[key])
                 for key in keys[1:]):
        problem = f"{' and '.join(repr(key) for key in keys[1:])} must be lists of names"
    if problem:
        problems.append(f"{document.where(node)}: {label}{problem}")
        return None
    return entry


def nh3_cleaner(elements: dict[str, frozenset[str]], every: frozenset[str], prefixes: tuple[str, ...],
                extra: dict[str, set[str]] | None = None) -> nh3.Cleaner:
    """An nh3 cleaner that keeps what the allow-list allows (and `extra`), for the second opinion.

    It keeps comments too, so that when it removes nothing, its output reads as the input does.
    """
    def spelled(names: frozenset[str] | set[str]) -> set[str]:
        return set(names) | {NH3_ATTRIBUTE_NAMES[name] for name in names if name in NH3_ATTRIBUTE_NAMES}

    attributes = {tag: spelled(names) for tag, names in elements.items()}
    for tag, names in (extra or {}).items():
        attributes.setdefault(tag, set()).update(names)
    tags = set(attributes)
    attributes["*"] = spelled(every)
    return nh3.Cleaner(tags=tags, attributes=attributes, generic_attribute_prefixes=set(prefixes),
                       url_schemes=set(HTTP_SCHEMES), link_rel=None, strip_comments=False)


# --- page exceptions --------------------------------------------------------------------------

def read_exceptions(path: str, source: str, allow_list: AllowList) -> tuple[list[PageException], list[str]]:
    """A Markdown page's `html_exceptions`, and a `path:line` problem for each bad entry."""
    match = FRONT_MATTER.match(source)
    if not match or EXCEPTIONS_KEY not in (match.group(1) or ""):
        return [], []
    try:
        document = parse_yaml(path, match.group(1) or "", FIRST_FRONT_MATTER_LINE, subject="front matter")
    except DataFileError:
        return [], []  # kb/front-matter reports it
    node = (_mapping(document.root) or {}).get(EXCEPTIONS_KEY)
    if node is None:
        return [], []
    shape = f"'{EXCEPTIONS_KEY}' is a list of mappings with {', '.join(EXCEPTION_FIELDS)}"
    if not isinstance(node, yaml.SequenceNode):
        return [], [f"{document.where(node)}: {shape}"]
    exceptions, problems = [], []
    for item in node.value:
        entry, fields = document.value(item), _mapping(item) or {}
        if not isinstance(entry, dict) or set(entry) != set(EXCEPTION_FIELDS):
            problems.append(f"{document.where(item)}: {shape}")
            continue
        found = []
        if entry["element"] not in allow_list.exception_directives:
            found.append(f"{document.where(fields['element'])}: 'element' {entry['element']!r} cannot be allowed "
                         f"by an exception (elements that can: {', '.join(sorted(allow_list.exception_directives))})")
        origin = https_origin(entry["source"])
        if origin is None:
            found.append(f"{document.where(fields['source'])}: 'source' must be an https origin such as "
                         f"https://www.example.org (no path), got {entry['source']!r}")
        if not isinstance(entry["why"], str) or not entry["why"].strip():
            found.append(f"{document.where(fields['why'])}: 'why' must say why the page needs it and who reviewed it")
        if found:
            problems += found
        else:
            exceptions.append(PageException(entry["element"], str(origin), entry["why"].strip(), document.line(item)))
    return exceptions, problems


def https_origin(value: object) -> str | None:
    """`https://host[:port]` when `value` is exactly an https origin: no path, query, fragment or user."""
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    return f"https://{parts.netloc.lower()}"


# --- the check --------------------------------------------------------------------------------

def parse_html(html: str) -> LexborHTMLParser:
    """The document a browser with scripting on builds from the HTML."""
    return LexborHTMLParser(html, scripting=True)


def checked_elements(tree: LexborHTMLParser, regions: str | None) -> Iterator[tuple[str, dict[str, str]]]:
    """(tag, attributes) of every element to check: all, or <html>, <head>, <body> and what `regions` selects holds."""
    if regions is None:
        nodes: Iterator[LexborNode] = tree.root.traverse(include_text=False) if tree.root else iter(())
    else:
        documents = [node for node in (tree.root, tree.head, tree.body) if node is not None]
        # traverse() yields the region itself first.
        insides = [node for region in tree.css(regions) for node in islice(region.traverse(include_text=False), 1, None)]
        nodes = iter(documents + insides)
    for node in nodes:
        if node.tag is not None and not node.is_comment_node:
            yield node.tag.lower(), {name.lower(): value or "" for name, value in node.attributes.items()}


def html_problems(
    html: str, allow_list: AllowList, exceptions: Sequence[PageException] = (), regions: str | None = None,
) -> list[HtmlProblem]:
    """Every problem of the HTML in document order; `regions` (a CSS selector) limits the check to what they hold."""
    tree = parse_html(html)
    problems = [
        problem
        for tag, attributes in checked_elements(tree, regions)
        for problem in element_problems(tag, attributes, allow_list, exceptions)
    ]
    if problems:
        return problems
    fragments = [html] if regions is None else [region.inner_html or "" for region in tree.css(regions)]
    return [problem for fragment in fragments for problem in second_opinion(fragment, allow_list, exceptions)]


def element_problems(
    tag: str, attributes: dict[str, str], allow_list: AllowList, exceptions: Sequence[PageException] = (),
) -> list[HtmlProblem]:
    """The problems of one element: the element's own, then its attributes'."""
    unruled = allow_list.unruled.get(tag)
    if unruled is not None and all(name in unruled or name.startswith(allow_list.prefixes) for name in attributes):
        return []
    exception = exception_for(tag, attributes, exceptions)
    rule = _element_rule(tag, attributes, allow_list, exception)
    problems = [] if rule is None else [_element_problem(rule, tag, attributes)]
    if rule in WHOLE_ELEMENT_RULES:
        return problems
    # The allow-list holds the attributes of listed elements; an excepted or unlisted one is held to the rules only.
    listed = rule is None and exception is None
    for name, value in attributes.items():
        found = _attribute_problem(tag, name, value, exception)
        if found is None and listed and not allow_list.allows(tag, name):
            found = HtmlProblem(ALLOW_LIST, _markup(tag, name, value), (f"{name}=", f"<{tag}"))
        if found is not None:
            problems.append(found)
    return problems


def _element_rule(tag: str, attributes: dict[str, str], allow_list: AllowList,
                  exception: PageException | None) -> Rule | None:
    if tag in SCRIPT_ELEMENTS:
        return SCRIPTS
    if exception is not None or tag in DOCUMENT_ELEMENTS:
        return None
    if tag in FRAME_ELEMENTS:
        return FRAMES_AND_OBJECTS
    if tag == "meta" and attributes.get("http-equiv", "").strip().lower() == "refresh":
        return REDIRECTS
    if tag == "form" and is_absolute(attributes.get("action", "")):
        return OFF_SITE_FORMS
    if tag not in allow_list.elements:
        return ALLOW_LIST
    return None


def _element_problem(rule: Rule, tag: str, attributes: dict[str, str]) -> HtmlProblem:
    """The element, shown with the attribute that says where it goes, if it has one."""
    shown = next((name for name in ("src", "data", "action", "http-equiv", "href") if name in attributes), None)
    markup = _markup(tag, shown, attributes[shown]) if shown else f"<{tag}>"
    return HtmlProblem(rule, markup, (f"<{tag}",))


def _attribute_problem(tag: str, name: str, value: str, exception: PageException | None) -> HtmlProblem | None:
    """The rule an attribute breaks, whatever the allow-list says, and the text to find it by."""
    if _runs_script(name):
        return HtmlProblem(SCRIPTS, _markup(tag, name, value), (f"{name}=", name, f"<{tag}"))
    urls = [(url, name in CSS_ATTRIBUTES) for url in css_urls(value)] if name in CSS_ATTRIBUTES else []
    if name in URL_ATTRIBUTES:
        urls += [(url, False) for url in attribute_urls(name, value)]
    for url, in_css in urls:
        clues = (url.strip(), f"{name}=", f"<{tag}") if url.strip() else (f"{name}=", f"<{tag}")
        if not has_http_scheme(url):
            return HtmlProblem(URL_SCHEMES, _markup(tag, name, value), clues)
        if not is_absolute(url):
            continue
        if name in FORM_TARGETS:
            return HtmlProblem(OFF_SITE_FORMS, _markup(tag, name, value), clues)
        followed = (tag, name) in NAVIGATION and not in_css
        excepted = exception is not None and not in_css and url_origin(url) == exception.origin
        if not (followed or excepted):
            return HtmlProblem(OFF_SITE_LOADS, _markup(tag, name, value), clues)
    return None


def _markup(tag: str, attribute: str | None, value: str) -> str:
    if attribute is None:
        return f"<{tag}>"
    if not value:
        return f"<{tag} {attribute}>"
    shown = value if len(value) <= SHOWN_VALUE_LENGTH else value[: SHOWN_VALUE_LENGTH - 1] + "…"
    return f'<{tag} {attribute}="{shown}">'


# --- URLs, in attributes and in CSS -------------------------------------------------------------

def attribute_urls(attribute: str, value: str) -> list[str]:
    """The URLs of an attribute's value: the value, or each candidate of a srcset."""
    if attribute != "srcset":
        return [value]
    # Candidates are "URL [descriptor]" separated by commas. A comma inside a URL
    # (data:…,…) only splits it into more pieces, and each piece is checked.
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def css_urls(css: str) -> list[str]:
    """The URLs a CSS value or declaration list names, CSS escapes resolved (tinycss2's tokenizer)."""
    found: list[str] = []

    def walk(tokens: list) -> None:
        for token in tokens:
            if token.type == "url":
                found.append(token.value)
            elif token.type == "function":
                if token.lower_name in CSS_URL_FUNCTIONS:
                    found.extend(argument.value for argument in token.arguments if argument.type == "string")
                walk(token.arguments)
            elif token.type in ("() block", "[] block", "{} block"):
                walk(token.content)

    walk(tinycss2.parse_component_value_list(css))
    return found


def _as_browsers_read(url: str) -> str:
    return URL_TABS_AND_NEWLINES.sub("", url).strip(URL_TRIMMED).replace("\\", "/")


def has_http_scheme(url: str) -> bool:
    """Whether the URL is http(s) or has no scheme (relative)."""
    scheme = SCHEME.match(_as_browsers_read(url))
    return scheme is None or scheme.group(1).lower() in HTTP_SCHEMES


def is_absolute(url: str) -> bool:
    """Whether the URL names a host: `https://…`, or `//…` (a host with the page's scheme)."""
    read = _as_browsers_read(url)
    return bool(SCHEME.match(read)) or read.startswith("//")


def url_origin(url: str) -> str | None:
    """The https origin of an absolute URL (`//host/…` counts as https), or None."""
    read = _as_browsers_read(url)
    parts = urlsplit("https:" + read if read.startswith("//") else read)
    return https_origin(f"{parts.scheme}://{parts.netloc}") if parts.netloc else None


def exception_for(tag: str, attributes: dict[str, str],
                  exceptions: Sequence[PageException]) -> PageException | None:
    """The page's exception that covers this element: its element, loading from its origin and nowhere else."""
    if not any(exception.element == tag for exception in exceptions):
        return None
    urls = [url for name in sorted(URL_ATTRIBUTES & attributes.keys()) for url in attribute_urls(name, attributes[name])]
    absolute = [url for url in urls if is_absolute(url)]
    for exception in exceptions:
        if exception.element == tag and absolute and all(url_origin(url) == exception.origin for url in absolute):
            return exception
    return None


# --- the second opinion ----------------------------------------------------------------------

def _inventory(tree: LexborHTMLParser) -> Counter[tuple[str, str]]:
    """How many of each element, and of each attribute of each element, the body holds."""
    found: Counter[tuple[str, str]] = Counter()
    for tag, attributes in checked_elements(tree, None):
        if tag not in DOCUMENT_ELEMENTS:
            found[(tag, "")] += 1
            found.update((tag, name) for name in attributes)
    return found


def _serialized(tree: LexborHTMLParser) -> str:
    return tree.body.html or "" if tree.body is not None else ""


def second_opinion(html: str, allow_list: AllowList, exceptions: Sequence[PageException] = ()) -> list[HtmlProblem]:
    """What nh3, cleaning the HTML with the same allow-list (and the page's exceptions), removes or adds."""
    original = parse_html(html)
    excepted: dict[str, set[str]] = {}
    for tag, attributes in checked_elements(original, None) if exceptions else ():
        if exception_for(tag, attributes, exceptions) is not None:
            excepted.setdefault(tag, set()).update(attributes)
    cleaner = allow_list.cleaner
    if excepted:
        cleaner = nh3_cleaner(allow_list.elements, allow_list.every_element, allow_list.prefixes, excepted)
    cleaned = parse_html(cleaner.clean(html))
    if _serialized(original) == _serialized(cleaned):  # the usual case, found quickly
        return []
    before, after = _inventory(original), _inventory(cleaned)
    problems = []
    for (tag, attribute), count in [*sorted((before - after).items()), *sorted((after - before).items())]:
        clues = (f"{attribute}=", f"<{tag}") if attribute else (f"<{tag}",)
        problems += [HtmlProblem(SECOND_OPINION, _markup(tag, attribute or None, ""), clues)] * count
    return problems


def unused_exceptions(html: str, exceptions: Sequence[PageException], regions: str | None = None) -> list[PageException]:
    """The exceptions that no element of the HTML needs."""
    if not exceptions:
        return []
    used = {
        exception
        for tag, attributes in checked_elements(parse_html(html), regions)
        if (exception := exception_for(tag, attributes, exceptions)) is not None
    }
    return [exception for exception in exceptions if exception not in used]


# --- where each problem is written -------------------------------------------------------------

def problem_lines(source: str, problems: Sequence[HtmlProblem], start: int = 0) -> list[int | None]:
    """The line of `source` on which each problem is written, looking from offset `start` (after front matter).

    A clue is looked for case-insensitively in each line as written and with
    HTML entities decoded (`&#106;avascript:`). Problems with the same clue take
    its occurrences in order. None: the source does not hold it, because an
    extension, a plugin or an embedded file wrote it.
    """
    first_line = source.count("\n", 0, start) + 1
    lines = [(line.lower(), html_text.unescape(line).lower()) for line in source[start:].split("\n")]
    taken: Counter[str] = Counter()
    found: list[int | None] = []
    for problem in problems:
        line = None
        for clue in (clue.lower() for clue in problem.clues):
            occurrences = [index for index, (raw, decoded) in enumerate(lines)
                           for _ in range(max(raw.count(clue), decoded.count(clue)))]
            if occurrences:
                line = first_line + occurrences[min(taken[clue], len(occurrences) - 1)]
                taken[clue] += 1
                break
        found.append(line)
    return found


def body_start(source: str) -> int:
    """Where a Markdown page's body starts: after its front matter, if it has one."""
    match = FRONT_MATTER.match(source)
    return match.end() if match else 0
