"""Titles and tags are plain text: HTML written in them is shown, never run.

Material prints `page.title` and tag names unescaped on the post page, the blog
index, archive and category pages and the tags page; its search UI inserts the
index's titles and tags with innerHTML; the RSS feed writes tags into the XML
raw. A title such as `<img src=x onerror=…>` would run in all of them.

Here every title and tag becomes escaped text marked safe (`Markup`), so the
templates print it as it is, and those that escape (`| e`, the RSS feed's)
do not escape it twice:
- front matter `title` and `tags` are escaped before the blog and tags plugins
  read them;
- a title written as the page's first line `# …` has its `<` outside code
  spans escaped in the Markdown, so the heading and the blog's excerpts show
  the text; MkDocs keeps that title as HTML text, which becomes the page's
  front matter title, marked safe.
`escape_heading` and `escape_title_line` are pure, for the tests.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority

ATX_H1 = re.compile(r"^ {0,3}#(?:[ \t]+|$)")
SETEXT_H1_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")
# A code span keeps its text as written; a backslash already escapes what follows.
CODE_SPAN_OR_ESCAPE = re.compile(r"(`+)(?:.+?)(?<!`)\1(?!`)|\\.")


def escape_heading(line: str) -> str:
    """The heading line with each `<` outside code spans written as `&lt;`."""
    parts, position = [], 0
    for match in CODE_SPAN_OR_ESCAPE.finditer(line):
        parts += [line[position:match.start()].replace("<", "&lt;"), match.group(0)]
        position = match.end()
    parts.append(line[position:].replace("<", "&lt;"))
    return "".join(parts)


def title_line_index(lines: list[str]) -> int | None:
    """Index of the page's title line: its first block, when that is an H1."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if ATX_H1.match(line):
            return index
        if index + 1 < len(lines) and SETEXT_H1_UNDERLINE.match(lines[index + 1]):
            return index
        return None
    return None


def escape_title_line(markdown: str) -> str:
    lines = markdown.split("\n")
    index = title_line_index(lines)
    if index is not None:
        lines[index] = escape_heading(lines[index])
    return "\n".join(lines)


# Before the blog and tags plugins (priority -50) read titles and tags.
@event_priority(100)
def on_page_markdown(markdown, *, page, config, files):
    if not page.file.src_uri.endswith(".md"):
        return markdown
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = escape(page.meta["title"])
    tags = page.meta.get("tags")
    if isinstance(tags, list):
        page.meta["tags"] = [escape(tag) if isinstance(tag, str) else tag for tag in tags]
    return escape_title_line(markdown)


# Before the RSS plugin copies page.title. MkDocs keeps a title taken from the
# H1 as HTML text (entities escaped, tags stripped). Stored as the page's
# front matter title, marked safe, it is printed as it is: Material prints
# `page.title | striptags` otherwise, which unescapes it into raw HTML.
@event_priority(100)
def on_page_content(html, *, page, config, files):
    title = getattr(page, "_title_from_render", None)
    # A title from the nav (set on the page itself) or the homepage's stays Material's.
    if title and "title" not in page.meta and "title" not in vars(page) and not page.is_homepage:
        page.meta["title"] = Markup(title)
    return html
