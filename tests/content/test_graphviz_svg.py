"""kb/content/graphviz_svg.py: what Graphviz draws, made into a figure the site's theme can paint."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import graphviz
import pytest

from kb.content.graphviz_svg import SITE_FONT, SVG_NS, DotError, draw_dot, with_site_font
from tests.conftest import REPO_ROOT

SVG = f"{{{SVG_NS}}}"
GRAPH = """\
digraph demo {
  node [shape=box]
  a [label="甲"]
  b [label="乙"]
  a -> b [label="呼叫"]
  label="一個很長的標題，比圖本身還要寬得多"
}"""


def svg_of(figure: str) -> ET.Element:
    return ET.fromstring(re.search(r"<svg .*</svg>", figure, re.DOTALL)[0])


def graphviz_svg(source: str) -> ET.Element:
    return ET.fromstring(graphviz.pipe_string("dot", "svg", source, encoding="utf-8"))


def test_labels_are_measured_in_the_font_the_page_draws_them_in():
    extra_css = (REPO_ROOT / "docs/assets/stylesheets/extra.css").read_text("utf-8")
    first_font = re.search(r'--md-text-font:\s*"([^"]+)"', extra_css)[1]
    assert SITE_FONT == first_font
    assert with_site_font(GRAPH).count(f'fontname="{SITE_FONT}"') == 3


def test_the_site_font_keeps_graphviz_line_numbers():
    assert with_site_font(GRAPH).splitlines()[1:] == GRAPH.splitlines()[1:]


def test_the_caption_leaves_no_empty_band_where_the_label_was():
    unlabelled = GRAPH.replace('  label="一個很長的標題，比圖本身還要寬得多"\n', "")
    drawn = svg_of(draw_dot(GRAPH).figure).get("viewBox")
    assert drawn == graphviz_svg(with_site_font(unlabelled)).get("viewBox")


def test_the_page_behind_the_drawing_and_graphviz_ids_are_removed():
    drawn = svg_of(draw_dot(GRAPH).figure)
    plain = graphviz_svg(with_site_font(GRAPH))
    assert len(list(drawn.iter(f"{SVG}polygon"))) == len(list(plain.iter(f"{SVG}polygon"))) - 1
    ids = [element.get("id") for element in drawn.iter() if element.get("id")]
    assert [element.tag for element in drawn.iter() if element.get("id")] == [f"{SVG}title"]
    assert re.fullmatch(r"kb-diagram-[0-9a-f]{10}-title", ids[0])


def test_each_diagram_has_its_own_ids_and_keeps_them_from_build_to_build():
    first, again = draw_dot(GRAPH).figure, draw_dot(GRAPH).figure
    other = draw_dot(GRAPH.replace("乙", "丙")).figure
    assert first == again
    assert svg_of(first).get("aria-labelledby") != svg_of(other).get("aria-labelledby")


def test_edges_keep_graphviz_titles_naming_their_ends():
    titles = [edge.findtext(f"{SVG}title") for edge in svg_of(draw_dot(GRAPH).figure).iter(f"{SVG}g")
              if edge.get("class") == "edge"]
    assert titles == ["a->b"]


def test_a_syntax_error_names_the_line_of_the_block():
    with pytest.raises(DotError) as caught:
        draw_dot("digraph demo {\n  a -> b\n  a -- b\n}")
    assert caught.value.line == 3
    assert caught.value.problem == "DOT syntax error near '--'; check this line and the one before it"


def test_an_error_inside_an_html_label_names_the_node():
    with pytest.raises(DotError) as caught:
        draw_dot('digraph demo {\n  a [label=<<B>粗體</I>>]\n  label="x"\n}')
    assert caught.value.line is None  # Graphviz counts lines inside the label, not the block
    assert "mismatched tag" in caught.value.problem and "in label of node a" in caught.value.problem


def test_a_block_holds_exactly_one_graph():
    with pytest.raises(DotError, match="holds one graph, this one holds 2 graphs"):
        draw_dot('digraph a { x; label="a" }\ndigraph b { y; label="b" }')
