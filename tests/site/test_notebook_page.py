"""The notebook page as built: executed output, plots, math markup, download, links, and its size."""
from __future__ import annotations

import base64
import html as html_entities
import json
import re

import pytest

from kb.content.notebook_markup import png_size
from tests.conftest import REPO_ROOT
from tests.site.site_pages import linked_paths, page_html

pytestmark = pytest.mark.build

PAGE = "notebooks/logistic-regression/"
POST = "blog/coursera-neural-networks-and-deep-learning-1/"
NOTEBOOK = REPO_ROOT / "docs/notebooks/logistic-regression.ipynb"
IMAGE = re.compile(r'<img alt="([^"]*)" width="(\d+)" height="(\d+)" src="data:image/png;base64,([^"]+)">')


def test_the_page_shows_the_cost_curve_and_other_plots(built_site):
    html = page_html(built_site, PAGE)
    assert html.count('src="data:image/png;base64,') == 3
    assert "測試集準確率" in html


def test_headings_keep_chinese_ids_and_markdown_cells_math_is_typeset(built_site):
    html = page_html(built_site, PAGE)
    assert 'id="學習率的影響"' in html
    assert "jp-MarkdownOutput" in html and '<span class="arithmatex"><mjx-container' in html
    assert r"\(" not in html


def test_no_requirejs_and_no_mathjax_runtime(built_site):
    """test_no_external_requests covers every other URL; here, what the notebook runtime loads."""
    html = page_html(built_site, PAGE)
    assert not re.search(r'<script[^>]+src="[^"]*require', html)
    assert "data-mkdocs-jupyter-mathjax" not in html and "mkdocsJupyterMathJax" not in html


def test_the_notebook_can_be_downloaded(built_site):
    assert (built_site / PAGE / "logistic-regression.ipynb").is_file()
    assert re.search(
        r'<a href="[^"]*/notebooks/logistic-regression/logistic-regression\.ipynb" title="下載這份 notebook（\.ipynb）"'
        r' class="md-content__button md-icon" download>',
        page_html(built_site, PAGE),
    )


def test_the_post_and_the_notebook_link_each_other(built_site):
    assert PAGE in linked_paths(page_html(built_site, POST), POST)
    assert POST in linked_paths(page_html(built_site, PAGE), PAGE)



def test_the_page_links_a_small_stylesheet_and_inlines_no_css(built_site):
    """758 KB with JupyterLab's stylesheet inlined (575 KB). Now the three plots (80 KB) and the
    formulas typeset at build (78 KB of SVG) are most of the page; the rest is small."""
    html = page_html(built_site, PAGE)
    assert "<style" not in html
    assert '<link rel="stylesheet" href="../../assets/stylesheets/notebook.css">' in html
    assert (built_site / "assets/stylesheets/notebook.css").stat().st_size < 2_000
    without_plots = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    without_formulas = re.sub(r"<mjx-container.*?</mjx-container>", "", without_plots, flags=re.DOTALL)
    assert len(without_formulas.encode()) < 80_000
    assert len(html.encode()) < 250_000


def test_every_plot_is_described_by_its_cell_and_sized_by_its_png(built_site):
    cells = json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
    descriptions = [cell["metadata"]["alt"] for cell in cells if "alt" in cell["metadata"]]
    images = IMAGE.findall(page_html(built_site, PAGE))
    assert [html_entities.unescape(alt) for alt, *_ in images] == descriptions
    for _, width, height, data in images:
        assert png_size(base64.b64decode(data)) == (int(width), int(height))
    assert "No description has been provided" not in page_html(built_site, PAGE)


def test_code_cells_are_material_code_blocks(built_site):
    cells = json.loads(NOTEBOOK.read_text("utf-8"))["cells"]
    html = page_html(built_site, PAGE)
    code_cells = sum(cell["cell_type"] == "code" for cell in cells)
    assert len(re.findall(r'<div class="highlight hl-python">\s*<pre><code>', html)) == code_cells
    assert "clipboard-copy" not in html
