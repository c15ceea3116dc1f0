"""Stylesheets linked only on the pages that show the content they style.

A kb plugin whose content has a stylesheet of its own (the timeline, the
diagrams) derives from `PageStylesheetPlugin` (and its options, if it has more,
from `PageStylesheetConfig`): its `stylesheet` option names
the file under docs/ (as in `extra_css`), and its `content_class` is the CSS
class its content's outer element carries. A page whose finished HTML has an
element of that class gets a `<link>` to the stylesheet at the end of its
`<head>`, after Material's and `extra_css`'s; no other page links it.

The finished HTML decides, not the moment the content is made, because a
page's content is not all made in one place: under `mkdocs serve` the render
memo (kb/speedups/page_render_memo.py) hands an unchanged page its last
conversion without drawing its diagrams again, and the blog's list pages show
post excerpts that Material renders after on_page_content.

Material's instant navigation keeps working: when it swaps in the next page, it
adds the elements of the next page's `<head>` that the current one lacks (this
`<link>` among them) and removes those the next page lacks.
"""
from __future__ import annotations

import re
from typing import ClassVar

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.guards.plugin_order import plugin_name

HEAD_END = "</head>"


class PageStylesheetConfig(Config):
    stylesheet = c.Type(str)  # a path under docs/, e.g. assets/stylesheets/timeline.css


def uses_class(html: str, class_name: str) -> bool:
    """Whether an element of the HTML has `class_name` among its classes."""
    if class_name not in html:  # most pages: a plain search, not a regular expression over the whole page
        return False
    return re.search(rf'\sclass="(?:[^"]*\s)?{re.escape(class_name)}(?:\s[^"]*)?"', html) is not None


def link_stylesheet(html: str, href: str) -> str | None:
    """The page with a stylesheet link at the end of its <head>; None when it has no </head>."""
    if HEAD_END not in html:
        return None
    return html.replace(HEAD_END, f'<link rel="stylesheet" href="{href}">{HEAD_END}', 1)


class PageStylesheetPlugin(BasePlugin[PageStylesheetConfig]):
    """A plugin whose content is styled by its `stylesheet`, linked on the pages that show `content_class`.

    A subclass with more options sets `config_class` (and annotates `config`) to
    its own subclass of PageStylesheetConfig: MkDocs' BasePlugin[…] takes no
    type variable.
    """

    content_class: ClassVar[str]
    stylesheet_url: str | None = None  # in the site; on_files finds it, before any page is built

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        stylesheet = files.get_file_from_path(self.config.stylesheet)
        if stylesheet is None:
            raise PluginError(
                f"mkdocs.yml: {plugin_name(config, self)}'s stylesheet {self.config.stylesheet!r} "
                f"is not a file under {config.docs_dir}; give its path there, as in extra_css."
            )
        self.stylesheet_url = stylesheet.url
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not uses_class(output, self.content_class):
            return output
        assert self.stylesheet_url is not None, "MkDocs runs on_files before it builds pages"
        linked = link_stylesheet(output, get_relative_url(self.stylesheet_url, page.url))
        if linked is None:
            raise PluginError(
                f"{page.file.src_uri}: shows {self.content_class} content, but its HTML has no {HEAD_END} "
                f"to link {self.config.stylesheet} in; does the theme's template write a <head>?"
            )
        return linked
