"""The `kb/notebook-markup` plugin: a notebook page that is valid HTML, small and described.

mkdocs-jupyter (with `markdown_cell_processor: mkdocs`) hands each notebook page
nbconvert's JupyterLab markup as the page's Markdown. Before MkDocs reads it,
`notebook_markup` turns it into what the rest of the site is made of:

- Only the notebook itself is kept. nbconvert's template puts around it two scripts
  for its copy buttons and three inline <style> elements (JupyterLab's whole
  stylesheet, 575 KB, is one), and mkdocs-jupyter appends Pygments' colours once
  more, as text that Markdown then shows as a code block. The page links
  docs/assets/stylesheets/notebook.css instead (`on_page_content`), a small
  stylesheet for the one part Material does not style already: the outputs.
- A code cell's input becomes a Material code block (`<pre><code>` in `.highlight`):
  Material's colours, its copy button, and keyboard focus when it scrolls. The
  template's own copy button (a <clipboard-copy> element with an invalid
  aria-label) and the hidden copy of the code it reads go.
- Each cell starts on a line of its own. The template ends a code cell with
  `{%- endblock %}`, which joins the next cell's <div> to the line that closes the
  previous one; Python-Markdown's md_in_html then reads that <div> as paragraph
  text, and the page gets a stray <p> around the notebook's closing tags.
- nbconvert's tabindex="0" on every cell's input goes: Markdown cells never
  scroll, and code blocks are focusable when they do.
- A cell's images get their alternative text from the cell's metadata, "alt" (a
  text, or a list with one text per image), in place of nbconvert's "No
  description has been provided for this image", and their width and height from
  the PNG, so the page does not jump as they load. A cell that draws an image
  without an "alt" fails the build, naming the notebook and the cell.
"""
from __future__ import annotations

import base64
import json
import os
import re
import struct
from collections.abc import Mapping
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from kb.guards.plugin_order import RunsAfter, enforce_order

STYLESHEET = "assets/stylesheets/notebook.css"
ALT_FIELD = "alt"  # the cell metadata field with an image's alternative text

NOTEBOOK = re.compile(r'<div class="jupyter-wrapper".*</div> <!-- jupyter-wrapper -->', re.DOTALL)
COPY_BUTTON = re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>\s*', re.DOTALL)
COPIED_TEXT = re.compile(r'<div class="clipboard-copy-txt" id="cell-\d+">.*?</div>\s*', re.DOTALL)
HIGHLIGHTED_INPUT = re.compile(r'<div class="highlight-ipynb ([^"]*)"><pre>(.*?)</pre></div>', re.DOTALL)
JOINED_CELL = re.compile(r'</div><div class="jp-Cell ')
FOCUSABLE_INPUT = re.compile(r'(<div class="jp-Cell-inputWrapper"[^>]*?) tabindex="0"')
CELL_ID = re.compile(r'<div class="jp-Cell [^"]*" id="cell-id=([^"]+)">')
PNG_IMAGE = re.compile(r'<img alt="[^"]*" class="" src="data:image/png;base64,([A-Za-z0-9+/=]+)"\s*/?>')
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
NO_DESCRIPTION = "No description has been provided for this image"  # nbconvert's alt for an image without one


class NotebookMarkupError(PluginError):
    """A notebook the page cannot be made from; the message names the notebook and the fix."""


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header (IHDR, the first chunk)."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG image")
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def alt_texts(notebook: Mapping, where: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Each cell's image descriptions by cell id, and how to name each cell in a message."""
    texts: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        if "id" not in cell:
            continue
        names[cell["id"]] = f"{where}: cell {number} (id {cell['id']})"
        alt = cell.get("metadata", {}).get(ALT_FIELD, [])
        texts[cell["id"]] = alt if isinstance(alt, list) else [alt]
    return texts, names


def described_images(body: str, notebook: Mapping, where: str) -> str:
    """Give each PNG its cell's alternative text and its size; raise listing every cell without one."""
    texts, names = alt_texts(notebook, where)
    problems = []
    starts = list(CELL_ID.finditer(body))
    pieces = [body[: starts[0].start()] if starts else body]
    for cell, following in zip(starts, [*starts[1:], None]):
        markup = body[cell.start() : following.start() if following else len(body)]
        images = PNG_IMAGE.findall(markup)
        given = texts.get(cell[1], [])
        if images and (len(given) != len(images) or not all(isinstance(text, str) and text.strip() for text in given)):
            problems.append(
                f"{names.get(cell[1], cell[1])} draws {len(images)} image(s), but its metadata "
                f'"{ALT_FIELD}" gives {len(given)} description(s); add "{ALT_FIELD}": "…" to the cell\'s '
                "metadata (a text, or a list with one text per image) saying what the image shows"
            )
        elif images:
            described = iter(given)

            def describe(match: re.Match[str]) -> str:
                width, height = png_size(base64.b64decode(match[1]))
                return (
                    f'<img alt="{escape(next(described))}" width="{width}" height="{height}" '
                    f'src="data:image/png;base64,{match[1]}">'
                )

            markup = PNG_IMAGE.sub(describe, markup)
        pieces.append(markup)
    if problems:
        raise NotebookMarkupError("Images without alternative text:\n  " + "\n  ".join(problems))
    described_body = "".join(pieces)
    if NO_DESCRIPTION in described_body:
        raise NotebookMarkupError(
            f"{where}: an image kept nbconvert's alternative text {NO_DESCRIPTION!r}: kb/notebook-markup "
            "did not recognise its <img> (nbconvert or mkdocs-jupyter changed its markup)"
        )
    return described_body


def notebook_markup(converted: str, notebook: Mapping, where: str) -> str:
    """The page's Markdown made from mkdocs-jupyter's conversion of `notebook` (see the module's docstring)."""
    found = NOTEBOOK.search(converted)
    if found is None:
        raise NotebookMarkupError(
            f"{where}: mkdocs-jupyter's HTML has no <div class=\"jupyter-wrapper\"> … <!-- jupyter-wrapper -->; "
            "kb/notebook-markup expects mkdocs-jupyter 0.27 with markdown_cell_processor: mkdocs"
        )
    body = COPY_BUTTON.sub("", found[0])
    body = COPIED_TEXT.sub("", body)
    body = HIGHLIGHTED_INPUT.sub(r'<div class="highlight \1"><pre><code>\2</code></pre></div>', body)
    body = JOINED_CELL.sub('</div>\n<div class="jp-Cell ', body)
    body = FOCUSABLE_INPUT.sub(r"\1", body)
    return described_images(body, notebook, where)


def is_notebook(page: Page) -> bool:
    return page.file.src_uri.endswith(".ipynb")


class NotebookMarkupPlugin(BasePlugin):
    ORDER = (
        RunsAfter("page_markdown", ("mkdocs-jupyter",), "mkdocs-jupyter puts the converted notebook in the page's Markdown"),
    )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        return config

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not is_notebook(page):
            return markdown
        source = Path(page.file.abs_src_path or "")
        notebook = json.loads(source.read_text("utf-8"))
        return notebook_markup(markdown, notebook, os.path.relpath(source))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not is_notebook(page):
            return html
        # In the content rather than the <head>: instant navigation swaps only the content.
        return f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">\n{html}'
