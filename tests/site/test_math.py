"""Math on the built site: every formula in the sources arrives typeset, with its stylesheet."""
from __future__ import annotations

import functools
import json
import re

import markdown
import pytest
from mkdocs.config import load_config

from kb.content.filter_experiments import EXPERIMENT_PARAMETERS, cached_experiment_results, render_experiments
from tests.conftest import REPO_ROOT
from tests.site.site_pages import page_html, plugin_config

FRONT_MATTER_END = "\n---\n"
STYLESHEET = plugin_config("kb/math")["stylesheet"]
# The one insert whose output has formulas: its tables, as the build made them (cached).
EXPERIMENTS_INSERT = re.compile(r"^<!-- kb:filter-experiments -->$", re.MULTILINE)


def experiments_markdown() -> str:
    cache_dir = REPO_ROOT / ".cache/filter-experiments"
    return render_experiments(cached_experiment_results(REPO_ROOT, EXPERIMENT_PARAMETERS, cache_dir))


@functools.cache
def site_markdown_extensions() -> tuple[list, dict]:
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def formulas_in_markdown(text: str) -> int:
    """How many formulas the site's Markdown extensions find in `text`."""
    extensions, configs = site_markdown_extensions()
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text).count('class="arithmatex"')


def source_formulas(relative: str) -> int:
    source = (REPO_ROOT / relative).read_text("utf-8")
    if relative.endswith(".ipynb"):
        cells = json.loads(source)["cells"]
        return sum(formulas_in_markdown("".join(cell["source"])) for cell in cells if cell["cell_type"] == "markdown")
    if source.startswith("---\n"):
        source = source[source.index(FRONT_MATTER_END, 4) + len(FRONT_MATTER_END) :]
    source = EXPERIMENTS_INSERT.sub(lambda _: experiments_markdown(), source)
    return formulas_in_markdown(source)


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


PAGES = {
    "docs/blog/posts/cuckoo-filter.md": "blog/cuckoo-filter/",
    "docs/blog/posts/coursera-neural-networks-and-deep-learning-1.md": "blog/coursera-neural-networks-and-deep-learning-1/",
    "docs/writing-guide.md": "writing-guide/",
    "docs/notebooks/logistic-regression.ipynb": "notebooks/logistic-regression/",
}


@pytest.mark.parametrize("source, url", PAGES.items())
def test_every_formula_of_the_source_is_typeset_on_its_page(built_site, source, url, record_property):
    expected = source_formulas(source)
    html = article(page_html(built_site, url))
    record_property(f"formulas in {source}", expected)
    assert expected > 0
    assert html.count('class="arithmatex"><mjx-container class="MathJax" jax="SVG"') == expected
    assert "class=\"arithmatex\">\\" not in html  # no formula left as TeX


def test_pages_with_math_link_the_math_stylesheet_once_and_others_not_at_all(built_site):
    assert (built_site / STYLESHEET).is_file()
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text("utf-8")
        links = html.count(STYLESHEET.rsplit("/", 1)[-1])
        assert links == (1 if "<mjx-container" in html else 0), path


def test_no_page_carries_a_math_script(built_site):
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text("utf-8")
        assert "data-mkdocs-jupyter-mathjax" not in html and "tex-chtml" not in html, path
