"""The notebook page as built: executed output, plots, math markup, download, links."""
from __future__ import annotations

import re

import pytest

from tests.site.site_pages import linked_paths, page_html

pytestmark = pytest.mark.build

PAGE = "notebooks/logistic-regression/"
POST = "blog/coursera-neural-networks-and-deep-learning-1/"


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
    assert 'download' in page_html(built_site, PAGE)


def test_the_post_and_the_notebook_link_each_other(built_site):
    assert PAGE in linked_paths(page_html(built_site, POST), POST)
    assert POST in linked_paths(page_html(built_site, PAGE), PAGE)

