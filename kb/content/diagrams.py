"""The `kb/diagrams` plugin: ```dot fences in Markdown become inline SVG figures at build.

- on_config: check that Graphviz's `dot` is installed, and register the `dot`
  fence with pymdownx.superfences (its `custom_fences`, the extension point
  Material uses for mermaid);
- on_page_markdown: note the page being converted, so an error can name its
  file and line;
- the fence: draw the block with kb/content/graphviz_svg.py;
- pages that show a diagram link the plugin's `stylesheet` (diagrams.css),
  and no other page does (kb/content/page_stylesheets.py).

A block Graphviz cannot draw fails the build with `file:line`: the fence's line
in the page plus the line Graphviz reports. Superfences turns any other
exception of a fence into a plain code block, silently; `DiagramError` is a
SuperFencesException, which it lets through. A fence with options
(```` ```dot title="…" ````), which superfences would quietly show as code, is
an error too. Graphviz's warnings (an unknown shape drawn as a box) are MkDocs
warnings, so `--strict` fails on them as well.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import graphviz
from markdown import Markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from pymdownx.superfences import SuperFencesException

from .graphviz_svg import FIGURE_CLASS, DotError, draw_dot
from .page_stylesheets import PageStylesheetPlugin

FENCE = "dot"
SUPERFENCES = "pymdownx.superfences"
DOT_MISSING = (
    "kb/diagrams: Graphviz's `dot` program is not installed, and the site draws its ```dot diagrams with it. "
    "`make serve` installs it, or run `apt-get install graphviz`."
)
log = logging.getLogger("mkdocs.plugins.kb.diagrams")  # its warnings count for --strict


class DiagramError(PluginError, SuperFencesException):
    """A ```dot block that cannot be drawn; the message names the page's file and line."""


def fence_line(page_source: str, block: str) -> int | None:
    """The line of the fence that opens `block` in the page's source, or None if it is not there.

    Superfences hands over the block's text without its indentation, with tabs
    expanded and blank lines emptied, so lines are compared the same way.
    """
    lines = [line.expandtabs(4).rstrip() for line in page_source.splitlines()]
    wanted = [line.rstrip() for line in block.split("\n")]
    for index, line in enumerate(lines):
        opener = line.lstrip()
        if not opener.startswith(("```", "~~~")):
            continue
        indent = len(line) - len(opener)
        if [text[indent:] for text in lines[index + 1 : index + 1 + len(wanted)]] == wanted:
            return index + 1
    return None


class DiagramsPlugin(PageStylesheetPlugin):
    content_class = FIGURE_CLASS

    def __init__(self) -> None:
        self.page: Page | None = None  # whose Markdown is being converted
        self.project_dir: Path | None = None  # where mkdocs.yml is; error paths are relative to it
        self.dot_found = False  # checked once per serve: the check runs `dot -V` (8 ms)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if SUPERFENCES not in config.markdown_extensions:
            raise PluginError(f"kb/diagrams draws ```dot fences with {SUPERFENCES}; add it to markdown_extensions.")
        if not self.dot_found:
            try:
                graphviz.version()
            except graphviz.ExecutableNotFound:
                raise PluginError(DOT_MISSING) from None
            self.dot_found = True
        fences = config.mdx_configs.setdefault(SUPERFENCES, {}).setdefault("custom_fences", [])
        if any(fence.get("name") == FENCE for fence in fences):
            raise PluginError(
                f"kb/diagrams: {SUPERFENCES} already has a '{FENCE}' custom fence; remove it from mkdocs.yml."
            )
        # Superfences skips, without a word, a custom fence that has no "class".
        fences.append(
            {"name": FENCE, "class": "kb-diagram", "format": self.format_fence, "validator": self.validate_fence}
        )
        self.project_dir = Path(config.config_file_path).parent
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Blog excerpts are converted later, while other pages are built; a block
        # that fails has failed already, when its own page was converted.
        self.page = page
        return markdown

    def validate_fence(self, language: str, inputs: dict, options: dict, attrs: dict, md: Markdown) -> bool:
        """Superfences' check of a fence's options: a ```dot fence takes none (its caption is the graph's label)."""
        if inputs:
            raise DiagramError(
                f"{self.page_name() or 'a page'}: a ```dot fence takes no options, got {', '.join(sorted(inputs))}; "
                'write the caption as the graph\'s label="…"'
            )
        return True

    def format_fence(
        self, src: str, language: str, class_name: str, options: dict, md: Markdown, **kwargs: object
    ) -> str:
        """Superfences' formatter for ```dot blocks: the figure, or a DiagramError naming file:line."""
        try:
            diagram = draw_dot(src)
        except graphviz.ExecutableNotFound:
            raise DiagramError(DOT_MISSING) from None
        except DotError as error:
            raise DiagramError(f"{self.where(src, error.line)}: {error.problem}") from None
        for warning in diagram.warnings:
            log.warning(f"{self.where(src, warning.line)}: Graphviz: {warning.problem}")
        return diagram.figure

    def page_source_path(self) -> str | None:
        """The converted page's source file, when it has one (a page a plugin made may not)."""
        return self.page.file.abs_src_path if self.page else None

    def page_name(self) -> str | None:
        """The converted page's file, relative to the project, when it has one."""
        path = self.page_source_path()
        return os.path.relpath(path, self.project_dir) if path else None

    def where(self, block: str, line: int | None) -> str:
        """`file:line` of a line of the block (of its fence when `line` is None), as near as it can be found."""
        name = self.page_name()
        path = self.page_source_path()
        opening = fence_line(Path(path).read_text("utf-8-sig"), block) if path else None
        if opening is None:  # a page a plugin made, or a block from an embedded snippet
            return (f"{name}: " if name else "") + "a ```dot block" + (f", its line {line}" if line else "")
        return f"{name}:{opening + (line or 0)}"
