"""kb/diagrams: a ```dot fence in a page becomes an inline SVG figure, and a broken one fails with file:line.

Each test converts a real page with MkDocs' own Page and the site's Markdown
extensions, superfences included, so what is checked is what a build does.
"""
from __future__ import annotations

import logging
import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kb.content.diagrams import DOT_MISSING, DiagramError, DiagramsPlugin, fence_line
from kb.content.graphviz_svg import SVG_NS

SVG = f"{{{SVG_NS}}}"
PAGE = "docs/post.md"
CHECK_NEARBY = "check this line and the one before it"

# Colours given every way DOT allows; none of them may reach the page.
COLOURFUL_POST = """\
# 架構

```dot
digraph demo {
  bgcolor=lightyellow
  node [shape=box, style=filled, fillcolor="#ffcc00", color=red, fontcolor=blue, fontname=Times]
  subgraph cluster_plane {
    label="控制平面"
    style=filled
    fillcolor="lightblue:white"
    api [label="API server\\nkube-apiserver"]
  }
  kubectl [label="kubectl／使用者", style=""]
  kubectl -> api [label="REST API", color="#00ff00", fontcolor=purple]
  label="範例架構圖"
  comment="kubectl 呼叫 API server。"
}
```
"""


def convert(project: Path, markdown: str) -> Page:
    """Build one page as `mkdocs build` does: read it, run the plugins' page events, render it."""
    docs = project / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "post.md").write_text(markdown, "utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: test\nplugins:\n  - kb/diagrams:\n      stylesheet: diagrams.css\n"
        "markdown_extensions:\n  - attr_list\n  - admonition\n  - pymdownx.superfences\n",
        "utf-8",
    )
    config = load_config(str(project / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    file = File("post.md", str(docs), str(project / "site"), use_directory_urls=True)
    files = Files([file])
    page = Page(None, file, config)
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    return page


def svgs_in(html: str) -> list[ET.Element]:
    return [ET.fromstring(match) for match in re.findall(r"<svg .*?</svg>", html, re.DOTALL)]


def texts_in(svg: ET.Element) -> list[str]:
    return [text.text for text in svg.iter(f"{SVG}text")]


def failure_of(tmp_path: Path, markdown: str) -> str:
    with pytest.raises(DiagramError) as caught:
        convert(tmp_path, markdown)
    return str(caught.value)


@pytest.fixture
def colourful_svg(tmp_path) -> ET.Element:
    (svg,) = svgs_in(convert(tmp_path, COLOURFUL_POST).content)
    return svg


def test_a_dot_fence_becomes_an_inline_svg_figure(tmp_path):
    html = convert(tmp_path, COLOURFUL_POST).content
    assert html.count('<figure class="kb-diagram-figure" tabindex="0">') == 1  # focusable: it scrolls on phones
    assert "digraph" not in html  # not left as a code block
    assert len(svgs_in(html)) == 1


def test_every_label_is_real_svg_text(colourful_svg):
    assert sorted(texts_in(colourful_svg)) == sorted(
        ["控制平面", "API server", "kube-apiserver", "kubectl／使用者", "REST API"]
    )


def test_no_colour_or_font_is_left_in_the_svg(colourful_svg):
    for element in colourful_svg.iter():
        for paint in ("fill", "stroke"):
            assert element.get(paint) in (None, "none"), (element.tag, element.attrib)
        assert not {"fill-opacity", "stroke-opacity", "font-family"} & set(element.attrib), element.attrib
    styles = [element.get("style") for element in colourful_svg.iter() if element.get("style")]
    assert styles == [colourful_svg.get("style")]  # the natural width, nothing else
    for gradient_part in ("linearGradient", "radialGradient", "stop"):
        assert not list(colourful_svg.iter(f"{SVG}{gradient_part}"))


def test_shapes_without_fill_keep_fill_none_for_the_stylesheet(colourful_svg):
    (kubectl,) = [node for node in colourful_svg.iter(f"{SVG}g") if node.findtext(f"{SVG}title") == "kubectl"]
    (api,) = [node for node in colourful_svg.iter(f"{SVG}g") if node.findtext(f"{SVG}title") == "api"]
    assert kubectl.find(f"{SVG}polygon").get("fill") == "none"  # style="" draws it unfilled
    assert api.find(f"{SVG}polygon").get("fill") is None  # filled: the stylesheet paints it


def test_the_figure_is_named_and_described_for_screen_readers(tmp_path):
    html = convert(tmp_path, COLOURFUL_POST).content
    (svg,) = svgs_in(html)
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    desc = svg.find(f"{SVG}desc")
    assert svg.get("aria-labelledby") == title.get("id") and title.text == "範例架構圖"
    assert svg.get("aria-describedby") == desc.get("id") and desc.text == "kubectl 呼叫 API server。"
    assert "<figcaption>範例架構圖</figcaption>" in html
    assert "範例架構圖" not in texts_in(svg)  # the caption, not drawn a second time


def test_the_svg_scales_with_the_column(colourful_svg):
    assert colourful_svg.get("viewBox")
    assert colourful_svg.get("width") is None and colourful_svg.get("height") is None
    width = float(colourful_svg.get("viewBox").split()[2])
    assert colourful_svg.get("style") == f"--kb-diagram-width: {width:g}px"


def test_a_syntax_error_fails_with_the_page_and_the_line_inside_it(tmp_path):
    markdown = "# 標題\n\n段落。\n\n```dot\ndigraph demo {\n  a -> b\n  b -> -> c\n  label=x\n}\n```\n"
    assert failure_of(tmp_path, markdown) == f"{PAGE}:8: DOT syntax error near '->'; {CHECK_NEARBY}"


def test_a_fence_after_front_matter_and_inside_an_admonition_is_located(tmp_path):
    markdown = textwrap.dedent("""\
        ---
        title: 測試
        ---

        !!! note "圖"

            ```dot
            digraph demo {
              a -> b [label="x"
            }
            ```
        """)
    assert failure_of(tmp_path, markdown) == f"{PAGE}:10: DOT syntax error near '}}'; {CHECK_NEARBY}"


def test_a_graph_left_open_is_reported_at_its_last_line(tmp_path):
    markdown = "# 標題\n\n```dot\ndigraph demo {\n  a -> b\n  label=x\n```\n"
    assert failure_of(tmp_path, markdown) == (
        f"{PAGE}:6: DOT syntax error: the graph ends before it is closed; is a '}}' missing?"
    )


def test_a_graph_without_a_label_fails_at_its_fence(tmp_path):
    message = failure_of(tmp_path, "# 標題\n\n```dot\ndigraph demo { a -> b }\n```\n")
    assert message.startswith(f"{PAGE}:3: the graph has no label; end it with label=")


def test_a_fence_with_options_fails_instead_of_showing_as_code(tmp_path):
    message = failure_of(tmp_path, '# 標題\n\n```dot title="圖說"\ndigraph demo { a; label="x" }\n```\n')
    assert message == f"{PAGE}: a ```dot fence takes no options, got title; write the caption as the graph's label=\"…\""


def test_graphviz_warnings_are_mkdocs_warnings_with_file_and_line(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        convert(tmp_path, '# 標題\n\n```dot\ndigraph demo { a [shape=boxx]; label="x" }\n```\n')
    assert f"{PAGE}:3: Graphviz: using box for unknown shape boxx" in caplog.messages


def test_without_graphviz_the_build_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs-here"))
    with pytest.raises(PluginError) as caught:
        convert(tmp_path, "# 標題\n")
    assert str(caught.value) == DOT_MISSING
    assert "make serve" in DOT_MISSING and "apt-get install graphviz" in DOT_MISSING


def test_fence_line_finds_the_block_in_the_page_source():
    source = "# 標題\n\n- 清單\n\n    ~~~dot\n    digraph g {\n    \tx\n    }\n    ~~~\n"
    assert fence_line(source, "digraph g {\n    x\n}") == 5
    assert fence_line(source, "digraph other {}") is None


def test_a_block_outside_any_page_is_named_by_its_own_line():
    assert DiagramsPlugin().where("digraph g {}", 3) == "a ```dot block, its line 3"
