"""kb/math's reading of arithmatex output and its error locations."""
from __future__ import annotations

import json

from kb.content.math.plugin import JUPYTER_MATHJAX_RUNTIME, formula_of, source_line
from kb.content.math.renderer import Formula


def test_inline_and_display_formulas_lose_their_delimiters_and_html_escapes():
    assert formula_of("span", r"\(a &lt; b\)") == Formula("a < b", display=False)
    assert formula_of("div", "\\[\nx &amp; y\n\\]") == Formula("x & y", display=True)


def test_an_environment_keeps_its_begin_and_end():
    tex = r"\begin{align}a &amp;= b\end{align}"
    assert formula_of("div", tex) == Formula(r"\begin{align}a &= b\end{align}", display=True)


def test_the_line_is_found_in_markdown_and_in_a_notebooks_json():
    markdown = "# 標題\n\n文字\n$$\nF_n = \\fracc{1}{2}\n$$\n"
    assert source_line(markdown, "F_n = \\fracc{1}{2}") == 5
    notebook = json.dumps({"cells": [{"source": ["# 標題\n", "$\\fracc{a}$"]}]}, indent=1, ensure_ascii=False)
    assert source_line(notebook, "\\fracc{a}") == notebook[: notebook.index("fracc")].count("\n") + 1
    assert source_line(markdown, "\\notthere") is None


def test_mkdocs_jupyters_runtime_script_is_matched_whole():
    page = '<p>a</p><script data-mkdocs-jupyter-mathjax="{&quot;url&quot;: 1}">\n(() => {})();\n</script>\n</body>'
    assert JUPYTER_MATHJAX_RUNTIME.sub("", page) == "<p>a</p></body>"
