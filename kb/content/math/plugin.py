"""The `kb/math` plugin: every formula arrives in the HTML already typeset.

pymdownx.arithmatex (generic mode) leaves each formula as TeX in
`<span class="arithmatex">\\(…\\)</span>` or `<div class="arithmatex">\\[…\\]</div>`,
in Markdown pages, blog excerpts and notebook Markdown cells alike. On each
finished page this plugin has MathJax (in Node, at build) turn them into SVG
with hidden MathML for screen readers, so readers' browsers run no math script.
A formula MathJax cannot read fails the build with the page's file and line.
Each formula's SVG is kept in .cache/kb/ for the next build (renderer.py).

The stylesheet MathJax's SVG needs (it hides the MathML on screen) is made by
MathJax itself, published once, and linked only from pages with math
(kb/content/page_stylesheets.py). mkdocs-jupyter appends its own MathJax runtime to every page; with the math
typeset it has nothing to do, so it is removed.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.content.math.renderer import Formula, MathRenderer, TexError
from kb.speedups.build_cache import disk_cache
from kb.content.page_stylesheets import PageStylesheetConfig, PageStylesheetPlugin
from kb.guards.plugin_order import RunsAfter, enforce_order

FORMULA_CLASS = "arithmatex"
# Ours, after MathJax's own rules. Material caps every SVG at 100% of its box, and
# gives a display formula's box the width of its content: together the SVG shrank
# to 1 px on phones. Long display formulas scroll inside their block instead.
LAYOUT_CSS = """
.md-typeset mjx-container[jax="SVG"] > svg {
  max-width: none;
}
.md-typeset div.arithmatex {
  overflow-x: auto;
  overflow-y: hidden;
}
"""
FORMULA = re.compile(r'<(?P<tag>span|div) class="arithmatex">(?P<tex>.*?)</(?P=tag)>', re.DOTALL)
DELIMITERS = {"span": ("\\(", "\\)"), "div": ("\\[", "\\]")}
JUPYTER_MATHJAX_RUNTIME = re.compile(r"<script data-mkdocs-jupyter-mathjax=\"[^\"]*\">.*?</script>\n?", re.DOTALL)


def formula_of(tag: str, escaped_tex: str) -> Formula:
    """The formula an arithmatex element holds, without its delimiters (an environment keeps its own)."""
    tex = html.unescape(escaped_tex).strip()
    opening, closing = DELIMITERS[tag]
    if tex.startswith(opening) and tex.endswith(closing):
        tex = tex[len(opening) : -len(closing)]
    return Formula(tex.strip(), display=tag == "div")


def source_line(source: str, tex: str) -> int | None:
    """The line of `source` (a Markdown file or a notebook's JSON) where `tex` first appears."""
    first_line = tex.strip().splitlines()[0]
    for needle in (first_line, json.dumps(first_line, ensure_ascii=False)[1:-1]):
        position = source.find(needle)
        if position >= 0:
            return source.count("\n", 0, position) + 1
    return None


class MathConfig(PageStylesheetConfig):
    node_modules = c.Dir(exists=False, default="node_modules")


class MathPlugin(PageStylesheetPlugin):
    config_class = MathConfig
    config: MathConfig
    content_class = FORMULA_CLASS
    ORDER = (
        RunsAfter("post_page", ("mkdocs-jupyter",), "mkdocs-jupyter appends the MathJax runtime removed here"),
        RunsAfter("post_page", ("kb/search",), "search records keep the formulas' TeX, as readers type it"),
    )

    def __init__(self) -> None:
        self.renderer: MathRenderer | None = None  # kept across serve rebuilds, with its cache
        self.project_dir = Path()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        self.project_dir = Path(config.config_file_path).parent
        if self.renderer is None:
            self.renderer = MathRenderer(Path(self.config.node_modules))
        self.renderer.disk = disk_cache(self.project_dir, "math", self.renderer.disk)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.renderer is not None
        if self.renderer.disk is not None:
            self.renderer.disk.start_build()
        try:
            self.renderer.prepare()
        except FileNotFoundError as error:
            raise PluginError(f"kb/math: {error}") from None
        files.append(File.generated(config, self.config.stylesheet, content=self.renderer.stylesheet + LAYOUT_CSS))
        return super().on_files(files, config=config)

    @event_priority(-100)  # after the plugins that add to the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        output = JUPYTER_MATHJAX_RUNTIME.sub("", output)
        if f'class="{FORMULA_CLASS}"' not in output:
            return output
        typeset = FORMULA.sub(lambda match: self._typeset(match, page), output)
        return super().on_post_page(typeset, page=page, config=config)

    def _typeset(self, match: re.Match[str], page: Page) -> str:
        assert self.renderer is not None
        formula = formula_of(match["tag"], match["tex"])
        try:
            svg = self.renderer.render(formula)
        except TexError as error:
            raise PluginError(f"{self._where(page, formula.tex)}: MathJax cannot typeset {formula.tex!r}: {error}")
        return f'<{match["tag"]} class="arithmatex">{svg}</{match["tag"]}>'

    def _where(self, page: Page, tex: str) -> str:
        source = Path(page.file.abs_src_path or "")
        shown = source.relative_to(self.project_dir) if source.is_relative_to(self.project_dir) else source
        line = source_line(source.read_text("utf-8"), tex) if source.is_file() else None
        return f"{shown}:{line}" if line else str(shown)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.renderer is not None and self.renderer.disk is not None:
            self.renderer.disk.prune()  # what this build did not use

    def on_shutdown(self) -> None:
        if self.renderer is not None:
            self.renderer.close()
