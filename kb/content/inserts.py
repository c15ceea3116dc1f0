"""The `kb/inserts` plugin: one marker syntax for content made at build time.

A page asks for generated content with a line of its own:

    <!-- kb:timeline -->
    <!-- kb:filter-experiments -->

Other kb plugins make the content: each lists the names it answers in
`insert_names` and renders one with `render_insert(name, arguments, page,
config)`, returning Markdown (raw HTML blocks included). This plugin finds the
markers, outside code fences, and replaces each with its content before the
page's Markdown is converted. A marker nobody answers fails the build with the
page's file and line and the names that exist.
"""
from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kb.page_source import markdown_line_offset, source_path

MARKER = re.compile(r"^[ \t]*<!--[ \t]*kb:(?P<name>[^\s>]+)(?P<arguments>[^>]*?)[ \t]*-->[ \t]*$")
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@runtime_checkable
class InsertSource(Protocol):
    insert_names: tuple[str, ...]

    def render_insert(self, name: str, arguments: str, page: Page, config: MkDocsConfig) -> str: ...


def marker_lines(markdown: str) -> list[tuple[int, re.Match]]:
    """(line index, match) of each marker outside fenced code blocks."""
    if "kb:" not in markdown:  # in every marker: most pages have none, and need no line-by-line look
        return []
    found, fence = [], None
    for index, line in enumerate(markdown.split("\n")):
        opened = FENCE.match(line)
        if fence is None and opened:
            fence = opened.group("fence")
        elif fence is not None and opened and opened.group("fence").startswith(fence[0] * len(fence)):
            fence = None
        elif fence is None and (marker := MARKER.match(line)):
            found.append((index, marker))
    return found


class InsertsPlugin(BasePlugin):
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        markers = marker_lines(markdown)
        if not markers:
            return markdown
        sources = {
            name: plugin
            for plugin in config.plugins.values()
            if isinstance(plugin, InsertSource)
            for name in plugin.insert_names
        }
        unknown = [(index, marker.group("name")) for index, marker in markers if marker.group("name") not in sources]
        if unknown:
            known = ", ".join(sorted(sources)) or "none; is its plugin in mkdocs.yml?"
            offset = markdown_line_offset(page)
            raise PluginError("\n".join(
                f"{source_path(page)}:{index + 1 + offset}: unknown insert {name!r} (known: {known})"
                for index, name in unknown
            ))
        lines = markdown.split("\n")
        for index, marker in reversed(markers):  # from the end, so earlier indexes stay right
            name = marker.group("name")
            content = sources[name].render_insert(name, marker.group("arguments").strip(), page, config)
            lines[index:index + 1] = ["", content, ""]
        return "\n".join(lines)
