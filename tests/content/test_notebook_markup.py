"""kb/notebook-markup: mkdocs-jupyter's conversion of a notebook, made into a valid, small, described page."""
from __future__ import annotations

import base64
import struct
import zlib

import markdown
import pytest

from kb.content.notebook_markup import NO_DESCRIPTION, NotebookMarkupError, notebook_markup, png_size

WHERE = "docs/notebooks/example.ipynb"


def png(width: int, height: int) -> bytes:
    """A real PNG of one grey channel, `width` × `height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def code_cell(cell_id: str, number: int, code: str, outputs: str = "") -> str:
    """A code cell as mkdocs-jupyter 0.27's template writes it (copy button, highlighted code, hidden copy)."""
    return f"""<div class="jp-Cell jp-CodeCell jp-Notebook-cell">
<div class="jp-Cell jp-CodeCell jp-Notebook-cell" id="cell-id={cell_id}">
<div class="jp-Cell-inputWrapper" tabindex="0">
<div class="jp-Collapser jp-InputCollapser jp-Cell-inputCollapser">
</div>
<div class="jp-InputArea jp-Cell-inputArea">
<div class="jp-CodeMirrorEditor jp-Editor jp-InputArea-editor" data-type="inline">
<div class="CodeMirror cm-s-jupyter">
<div class="zeroclipboard-container">
<clipboard-copy ,="" aria-label="Copy to Clipboard" for="cell-{number}">
<div>
<span class="notice" hidden="">Copied!</span>
<svg aria-hidden="true" class="clipboard-copy-icon" height="20" viewbox="0 0 16 16" width="20"><path d="M0 0h16v16H0z"></path></svg>
</div>
</clipboard-copy>
</div>
<div class="highlight-ipynb hl-python"><pre><span></span><span class="n">{code}</span>
</pre></div>
<div class="clipboard-copy-txt" id="cell-{number}">{code}</div>
</div>
</div>
</div>
</div>
{outputs}</div>
</div>"""


def image_output(data: bytes) -> str:
    return f"""<div class="jp-Cell-outputWrapper">
<div class="jp-OutputArea jp-Cell-outputArea">
<div class="jp-OutputArea-child">
<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">
<img alt="{NO_DESCRIPTION}" class="" src="data:image/png;base64,{base64.b64encode(data).decode()}"/>
</div>
</div>
</div>
</div>
"""


MARKDOWN_CELL = """<div class="jp-Cell jp-MarkdownCell jp-Notebook-cell" data-mkdocs-jupyter-attachments="{}" markdown="1">
<div class="jp-Cell-inputWrapper" markdown="1" tabindex="0">
<div class="jp-InputArea jp-Cell-inputArea" markdown="1">
<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown jp-MarkdownOutput" data-mime-type="text/markdown" markdown="1">

## 訓練

</div>
</div>
</div>
</div>
"""


def converted(*cells: str) -> str:
    """The page's Markdown from mkdocs-jupyter: template scripts and styles, the notebook, Pygments' CSS again.

    Consecutive code cells are joined on one line, as the template's `{%- endblock codecell %}` joins them.
    """
    return (
        "<script>(function () { /* clipboard.umd.js */ })();</script>\n"
        "<script>document.addEventListener('clipboard-copy', function () {});</script>\n"
        '<style type="text/css">.highlight-ipynb .k { color: green }</style>\n'
        '<style type="text/css">.jupyter-wrapper { --jp-ui-font-size1: 13px }</style>\n'
        '<div class="jupyter-wrapper" markdown="1">\n'
        '<div class="jp-Notebook" data-jp-theme-light="true" data-jp-theme-name="JupyterLab Light" markdown="1">\n'
        + "".join(cells)
        + "\n</div> <!-- jp-Notebook -->\n</div> <!-- jupyter-wrapper -->\n\n"
        "        <style>\n        ['pre { line-height: 125%; }']\n        </style>\n        "
    )


def notebook(**alt_by_cell: object) -> dict:
    """The source notebook's cells: one per id, with its "alt" metadata when given."""
    return {
        "cells": [
            {"cell_type": "code", "id": cell_id, "metadata": {} if alt is None else {"alt": alt}, "source": []}
            for cell_id, alt in alt_by_cell.items()
        ]
    }


def test_png_size_is_read_from_the_header():
    assert png_size(png(7, 3)) == (7, 3)
    with pytest.raises(ValueError):
        png_size(b"GIF89a" + bytes(20))


def test_only_the_notebook_is_kept_without_the_templates_scripts_and_styles():
    page = notebook_markup(converted(MARKDOWN_CELL), notebook(), WHERE)
    assert page.startswith('<div class="jupyter-wrapper" markdown="1">')
    assert page.endswith("</div> <!-- jupyter-wrapper -->")
    assert "<script" not in page and "<style" not in page and "line-height: 125%" not in page


def test_a_code_cell_becomes_a_material_code_block_without_the_templates_copy_button():
    page = notebook_markup(converted(code_cell("a1", 1, "answer = 42")), notebook(a1=None), WHERE)
    assert '<div class="highlight hl-python"><pre><code><span></span><span class="n">answer = 42</span>\n</code></pre></div>' in page
    assert "clipboard-copy" not in page and "zeroclipboard" not in page and "highlight-ipynb" not in page


def test_each_cell_starts_a_line_so_markdown_reads_no_paragraph_around_the_notebook():
    source = converted(code_cell("a1", 1, "x = 1"), code_cell("b2", 2, "y = 2"), MARKDOWN_CELL)
    assert '</div><div class="jp-Cell ' in source  # how the template joins them
    page = notebook_markup(source, notebook(a1=None, b2=None), WHERE)
    html = markdown.markdown(page, extensions=["md_in_html"])
    assert "<p>" not in html.replace("<p>訓練</p>", "")
    assert "<h2>訓練</h2>" in html


def test_no_cell_input_takes_keyboard_focus_but_outputs_still_do():
    page = notebook_markup(
        converted(MARKDOWN_CELL, code_cell("a1", 1, "plt.show()", image_output(png(4, 2)))),
        notebook(a1="一張圖"),
        WHERE,
    )
    assert 'class="jp-Cell-inputWrapper" tabindex' not in page and 'markdown="1" tabindex' not in page
    assert '<div class="jp-RenderedImage jp-OutputArea-output" tabindex="0">' in page


def test_a_plot_gets_its_cells_alternative_text_and_the_pngs_width_and_height():
    data = png(536, 354)
    page = notebook_markup(
        converted(code_cell("a1", 1, "plt.show()", image_output(data))), notebook(a1="成本曲線 <下降>"), WHERE
    )
    encoded = base64.b64encode(data).decode()
    assert f'<img alt="成本曲線 &lt;下降&gt;" width="536" height="354" src="data:image/png;base64,{encoded}">' in page
    assert NO_DESCRIPTION not in page


def test_a_list_of_alternative_texts_describes_a_cells_images_in_order():
    outputs = image_output(png(1, 1)) + image_output(png(2, 2))
    page = notebook_markup(converted(code_cell("a1", 1, "show()", outputs)), notebook(a1=["第一張", "第二張"]), WHERE)
    assert page.index('alt="第一張" width="1" height="1"') < page.index('alt="第二張" width="2" height="2"')


def test_plots_without_alternative_text_fail_naming_the_notebook_each_cell_and_the_fix():
    cells = (
        code_cell("a1", 1, "show()", image_output(png(1, 1))),
        code_cell("b2", 2, "show()", image_output(png(1, 1)) + image_output(png(1, 1))),
    )
    with pytest.raises(NotebookMarkupError) as raised:
        notebook_markup(converted(*cells), notebook(a1=None, b2="只有一張的說明"), WHERE)
    message = str(raised.value)
    assert f"{WHERE}: cell 1 (id a1) draws 1 image(s), but its metadata \"alt\" gives 0 description(s)" in message
    assert f"{WHERE}: cell 2 (id b2) draws 2 image(s), but its metadata \"alt\" gives 1 description(s)" in message
    assert 'add "alt": "…" to the cell\'s metadata' in message


def test_markup_other_than_mkdocs_jupyters_fails_saying_what_was_expected():
    with pytest.raises(NotebookMarkupError, match=f"{WHERE}: mkdocs-jupyter's HTML has no .*markdown_cell_processor: mkdocs"):
        notebook_markup("# A notebook converted by the jupyter processor\n", notebook(), WHERE)
