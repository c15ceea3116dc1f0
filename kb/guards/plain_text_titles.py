"""The `kb/plain-text-titles` plugin: titles and tags are plain text; HTML written in them is shown, never run.

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
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.guards.plugin_order import RunsBefore, enforce_order
from kb.page_titles import first_block

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


def escape_title_line(markdown: str) -> str:
    lines = markdown.split("\n")
    block = first_block(lines)
    if block is not None and block.is_h1:
        lines[block.index] = escape_heading(lines[block.index])
    return "\n".join(lines)


class PlainTextTitlesPlugin(BasePlugin):
    ORDER = (
        RunsBefore("page_markdown", ("material/blog", "material/tags"),
                   "the blog and tags plugins read titles and tags in their on_page_markdown"),
        RunsBefore("page_content", ("rss", "material/blog"),
                   "the RSS and blog plugins copy the page title in their on_page_content"),
    )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        return config

    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not page.file.src_uri.endswith(".md"):
            return markdown
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = escape(page.meta["title"])
        tags = page.meta.get("tags")
        if isinstance(tags, list):
            page.meta["tags"] = [escape(tag) if isinstance(tag, str) else tag for tag in tags]
        return escape_title_line(markdown)

    # MkDocs keeps a title taken from the H1 as HTML text (entities escaped, tags
    # stripped). Stored as the page's front matter title, marked safe, it is printed
    # as it is: Material prints `page.title | striptags` otherwise, which unescapes it
    # into raw HTML. `_title_from_render` is MkDocs 1.6's: read directly, so a
    # MkDocs without it fails the build instead of skipping this, and the
    # HTML-in-titles site tests fail if a new MkDocs stops setting it.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        title = page._title_from_render
        # A title from the nav (set on the page itself) or the homepage's stays Material's.
        if title and "title" not in page.meta and "title" not in vars(page) and not page.is_homepage:
            page.meta["title"] = Markup(title)
        return html
