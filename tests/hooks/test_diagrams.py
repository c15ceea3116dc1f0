import re
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hooks.diagrams import (
    MAX_WIDTH_PX,
    PARALLEL_EDGE_GAP_PX,
    Diagram,
    DiagramError,
    Rect,
    box_rect,
    group_label_rect,
    layout_edges,
    load_diagram,
    on_page_content,
    render_diagram,
    replace_diagram_markers,
)
from tests.conftest import REPO_ROOT

DATA_DIR = REPO_ROOT / "data/diagrams"
REAL_DIAGRAMS = sorted(path.stem for path in DATA_DIR.glob("*.yml"))
CSS = REPO_ROOT / "docs/assets/stylesheets/diagrams.css"
PATH = Path("data/diagrams/example.yml")
SVG = "{http://www.w3.org/2000/svg}"

# Two boxes side by side (grid 10: a at 0-100 px, b at 200-300 px) and an edge between them.
GOOD = """\
title: 範例
description: 兩個方塊。
grid: 10
groups:
  - id: cluster
    label: 叢集
    x: 0
    y: 10
    w: 30
    h: 8
nodes:
  - id: a
    label: "A\\nalpha"
    x: 0
    y: 0
    w: 10
    h: 4
  - id: b
    label: B
    x: 20
    y: 0
    w: 10
    h: 4
    kind: store
edges:
  - from: a
    to: b
    label: 呼叫
"""


def load(text: str) -> Diagram:
    return load_diagram(PATH, textwrap.dedent(text))


def problem_of(text: str) -> str:
    with pytest.raises(DiagramError) as caught:
        load(text)
    return str(caught.value)


def svg_of(figure: str) -> ET.Element:
    """The <svg> inside the rendered <figure>, parsed as XML."""
    return ET.fromstring(re.search(r"<svg .*</svg>", figure, re.DOTALL).group(0))


def texts_in(svg: ET.Element) -> set[str]:
    """The text of every <text> without <tspan>s, and of every <tspan>."""
    texts = set()
    for element in svg.iter(f"{SVG}text"):
        spans = list(element.iter(f"{SVG}tspan"))
        texts.update(span.text for span in spans) if spans else texts.add(element.text)
    return texts


def lines_in(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    return [
        tuple(float(line.get(name)) for name in ("x1", "y1", "x2", "y2"))
        for line in svg.iter(f"{SVG}line")
    ]


@pytest.fixture(scope="module", params=REAL_DIAGRAMS)
def real_diagram(request) -> Diagram:
    return load_diagram(DATA_DIR / f"{request.param}.yml")


def test_both_architecture_diagrams_exist():
    assert REAL_DIAGRAMS == ["kubernetes-architecture", "mesos-architecture"]


# --- The real diagrams -------------------------------------------------------------------------


def test_diagrams_contain_their_labels_as_text(real_diagram):
    svg = svg_of(render_diagram(real_diagram))
    texts = texts_in(svg)
    for box in real_diagram.groups + real_diagram.nodes:
        for line in box.lines:
            assert line in texts, (box.id, line)
    for edge in real_diagram.edges:
        if edge.label:
            assert edge.label in texts, edge
    assert svg.find(f"{SVG}title").text == real_diagram.title
    assert svg.find(f"{SVG}desc").text == real_diagram.description


def test_the_mesos_diagram_numbers_the_four_steps_of_a_resource_offer():
    diagram = load_diagram(DATA_DIR / "mesos-architecture.yml")
    steps = {edge.label[0]: (edge.source, edge.target) for edge in diagram.edges if edge.label[0] in "①②③④"}
    assert steps == {
        "①": ("agent-1-daemon", "leader"),
        "②": ("leader", "marathon-scheduler"),
        "③": ("marathon-scheduler", "leader"),
        "④": ("leader", "agent-1-daemon"),
    }


def test_in_the_kubernetes_diagram_only_the_api_server_touches_etcd():
    diagram = load_diagram(DATA_DIR / "kubernetes-architecture.yml")
    assert {edge.source for edge in diagram.edges if edge.target == "etcd"} | {
        edge.target for edge in diagram.edges if edge.source == "etcd"
    } == {"api-server"}


def test_real_diagrams_are_valid_svg_with_no_hard_coded_colours(real_diagram):
    svg = svg_of(render_diagram(real_diagram))
    assert svg.get("role") == "img" and svg.get("aria-label") == real_diagram.title
    for element in svg.iter():
        for name in ("fill", "stroke", "color"):
            assert element.get(name) in (None, "none", "currentColor"), (element.tag, name, element.get(name))
        style = element.get("style") or ""
        assert not re.search(r"#[0-9a-f]{3,8}\b|\bblack\b|\bwhite\b|rgb|hsl", style, re.I), style


def test_real_diagrams_fit_the_content_column(real_diagram):
    svg = svg_of(render_diagram(real_diagram))
    width = float(svg.get("viewBox").split()[2])
    assert width <= MAX_WIDTH_PX
    assert svg.get("style") == f"max-width: {svg.get('width')}px"


def _points_along(start, end, steps=200):
    return [(start[0] + (end[0] - start[0]) * i / steps, start[1] + (end[1] - start[1]) * i / steps) for i in range(steps + 1)]


def _inside(point, rect: Rect, margin=1.0) -> bool:
    x, y = point
    return rect.left + margin < x < rect.right - margin and rect.top + margin < y < rect.bottom - margin


def test_real_edges_cross_no_other_node_and_no_group_label(real_diagram):
    nodes = {box.id: box_rect(box, real_diagram.grid) for box in real_diagram.nodes}
    labels = {box.id: group_label_rect(box, real_diagram.grid) for box in real_diagram.groups}
    for layout in layout_edges(real_diagram):
        ends = {layout.edge.source, layout.edge.target}
        for point in _points_along(layout.start, layout.end):
            for box_id, rect in {**nodes, **labels}.items():
                assert box_id in ends and box_id in nodes or not _inside(point, rect), (layout.edge, box_id)


def test_real_edge_labels_cover_no_node_group_label_line_or_other_label(real_diagram):
    grid = real_diagram.grid
    obstacles = {f"node {box.id}": box_rect(box, grid) for box in real_diagram.nodes}
    obstacles |= {f"label of group {box.id}": group_label_rect(box, grid) for box in real_diagram.groups}
    layouts = layout_edges(real_diagram)
    for index, layout in enumerate(layouts):
        if layout.chip is None:
            continue
        for name, rect in obstacles.items():
            assert not layout.chip.overlaps(rect), (layout.edge.label, name)
        for other in layouts[index + 1:]:
            assert other.chip is None or not layout.chip.overlaps(other.chip), (layout.edge.label, other.edge.label)
        for other in layouts:
            if other is not layout:
                assert not any(_inside(p, layout.chip) for p in _points_along(other.start, other.end)), (
                    layout.edge.label, other.edge,
                )


def test_rendering_is_deterministic(real_diagram):
    assert render_diagram(real_diagram) == render_diagram(real_diagram)


def test_the_stylesheet_styles_only_classes_the_renderer_draws_and_has_no_fixed_colours():
    css = CSS.read_text("utf-8")
    drawn = set()
    for name in REAL_DIAGRAMS:
        drawn |= set(re.findall(r'class="([^"]+)"', render_diagram(load_diagram(DATA_DIR / f"{name}.yml"))))
    drawn = {css_class for classes in drawn for css_class in classes.split()}
    styled = set(re.findall(r"\.(kb-diagram[\w-]*)", css))
    assert styled <= drawn, styled - drawn
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    assert not re.search(r"#[0-9a-f]{3,8}\b|\bblack\b|\bwhite\b|rgb|hsl", rules, re.I)


# --- Geometry ----------------------------------------------------------------------------------


def test_a_horizontal_edge_runs_from_border_to_border():
    svg = svg_of(render_diagram(load(GOOD)))
    # Boxes at x 4-104 and 204-304 (4 px padding), y 4-44: the line joins their facing sides.
    assert lines_in(svg) == [(104, 24, 204, 24)]


def test_a_diagonal_edge_leaves_and_enters_at_the_borders():
    diagram = load(GOOD.replace("    x: 20\n    y: 0\n", "    x: 20\n    y: 20\n"))
    (layout,) = layout_edges(diagram)
    # Centres (54, 24) and (254, 224): a 45° line that leaves a's bottom and enters b's top.
    assert layout.orientation == "diagonal"
    assert layout.start == pytest.approx((74, 44)) and layout.end == pytest.approx((234, 204))


def test_a_vertical_edge_runs_through_the_middle_of_the_overlap():
    diagram = load(GOOD.replace("    x: 20\n    y: 0\n", "    x: 5\n    y: 6\n"))
    (layout,) = layout_edges(diagram)
    # a spans x 4-104, b 54-154: the overlap 54-104 is centred on 79.
    assert (layout.start, layout.end, layout.orientation) == ((79, 44), (79, 64), "vertical")


def test_edges_between_the_same_boxes_run_side_by_side_in_file_order():
    back = "  - from: b\n    to: a\n    label: 回覆\n"
    layouts = layout_edges(load(GOOD + back))
    (first, second) = layouts
    assert first.start[1] - second.start[1] == -PARALLEL_EDGE_GAP_PX  # first on top
    assert (first.start[0], second.start[0]) == (104, 204)  # each starts at its own source
    assert first.chip.bottom < first.start[1] < second.start[1] < second.chip.top  # labels face outwards


def test_a_label_too_long_for_its_short_edge_sits_above_it():
    diagram = load(GOOD.replace("    x: 20\n", "    x: 14\n").replace("label: 呼叫", "label: 很長很長的標籤"))
    (layout,) = layout_edges(diagram)
    # The gap is 40 px (104 to 144), too short for the chip between the arrowheads.
    assert layout.chip.bottom < layout.start[1] and layout.chip.centre[0] == pytest.approx(124)


@pytest.mark.parametrize("arrow, ends", [("end", ["marker-end"]), ("both", ["marker-end", "marker-start"]), ("none", [])])
def test_arrowheads_follow_the_arrow_field(arrow, ends):
    (line,) = svg_of(render_diagram(load(GOOD + f"    arrow: {arrow}\n"))).iter(f"{SVG}line")
    assert sorted(name for name in line.keys() if name.startswith("marker")) == sorted(ends)


def test_every_label_lands_inside_the_drawing():
    svg = svg_of(render_diagram(load(GOOD)))
    width, height = (float(value) for value in svg.get("viewBox").split()[2:])
    for element in svg.iter():
        if element.get("x") is not None:
            assert 0 <= float(element.get("x")) <= width and 0 <= float(element.get("y")) <= height


def test_text_from_the_data_is_escaped():
    figure = render_diagram(load(GOOD.replace("label: B", 'label: "<script>&"')))
    assert "<script>" not in figure and "&lt;script&gt;&amp;" in figure
    assert "<script>&" in texts_in(svg_of(figure))


# --- Validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "broken, expected",
    [
        (GOOD.replace("    label: B\n", ""), "data/diagrams/example.yml:18: nodes[1] 'b': missing field 'label'"),
        (GOOD.replace("    kind: store\n", "    knd: store\n"), "example.yml:24: nodes[1] 'b': unknown field 'knd'"),
        (GOOD.replace("    to: b\n", "    to: c\n"), "example.yml:27: edges[0] (a → c): field 'to' names no node or group 'c' (ids: a, b, cluster)"),
        (GOOD.replace("    to: b\n", "    to: bb\n"), "edges[0] (a → bb): field 'to' names no node or group 'bb' (did you mean 'b'?)"),
        (GOOD.replace("id: b", "id: a"), "example.yml:18: nodes[1] 'a': field 'id' 'a' is already used by nodes[0] 'a'"),
        (GOOD.replace("id: b", "id: cluster"), "nodes[1] 'cluster': field 'id' 'cluster' is already used by groups[0] 'cluster'"),
        (GOOD.replace("    w: 10\n    h: 4\n    kind", "    w: wide\n    h: 4\n    kind"), "example.yml:22: nodes[1] 'b': field 'w' must be a number, got 'wide'"),
        (GOOD.replace("    x: 20\n", "    x: true\n"), "nodes[1] 'b': field 'x' must be a number, got True"),
        (GOOD.replace("    x: 20\n", "    x: -1\n"), "nodes[1] 'b': field 'x' must be 0 or more, got -1"),
        (GOOD.replace("    w: 30\n", "    w: 0\n"), "example.yml:9: groups[0] 'cluster': field 'w' must be greater than 0"),
        (GOOD.replace("kind: store", "kind: database"), "nodes[1] 'b': field 'kind' must be one of process, store, external, standby"),
        (GOOD + "    style: dotted\n", "edges[0] (a → b): field 'style' must be one of solid, dashed"),
        (GOOD.replace("grid: 10", "grid: ten"), "example.yml:3: diagram: field 'grid' must be a number"),
        (GOOD.replace("title: 範例\n", ""), "example.yml:1: diagram: missing field 'title'"),
        (GOOD.replace("title:", "titel:"), "example.yml:1: diagram: unknown field 'titel'"),
        (GOOD.replace("    to: b\n", "    to: a\n"), "edges[0] (a → a): field 'to' is the same box as 'from'"),
        (GOOD.replace("    x: 20\n", "    x: 5\n"), "nodes[1] 'b': fields 'x', 'y', 'w', 'h' make the box overlap nodes[0] 'a'"),
        (GOOD.replace("    x: 20\n", "    x: 70\n"), "nodes[1] 'b': fields 'x' + 'w' reach 800 px"),
        (GOOD.replace("label: B", "label: Kubernetes API server"), "nodes[1] 'b': field 'label' line 'Kubernetes API server' is about"),
        (GOOD.replace('"A\\nalpha"', '"A\\nb\\nc"'), "nodes[0] 'a': field 'label' has more than 2 lines"),
        (GOOD.replace("    w: 10\n    h: 4\n    kind", "    w: 10\n    h: 2\n    kind"), "nodes[1] 'b': field 'h' is too small for 1 line(s)"),
        (GOOD.replace("id: b", "id: 2b"), "nodes[1] '2b': field 'id' must start with a letter"),
        (GOOD.replace("label: 呼叫", "label: 1"), "edges[0] (a → b): field 'label' must be non-empty text, got 1"),
    ],
    ids=[
        "missing-field", "unknown-key", "unknown-node-id", "misspelt-node-id", "duplicate-node-id", "id-shared-with-group",
        "bad-number", "boolean-number", "negative-position", "zero-width", "unknown-kind", "unknown-style",
        "bad-grid", "missing-title", "misspelt-top-level-key", "edge-to-itself", "overlapping-nodes",
        "too-wide", "label-wider-than-box", "three-line-label", "box-too-low", "bad-id", "number-label",
    ],
)
def test_each_bad_element_names_file_line_element_and_field(broken, expected):
    assert expected in problem_of(broken)


def test_an_edge_to_a_box_with_other_problems_is_not_reported_again():
    message = problem_of(GOOD.replace("    w: 10\n    h: 4\n    kind", "    w: wide\n    h: 4\n    kind"))
    assert "1 place(s)" in message and "nodes[1] 'b': field 'w'" in message


def test_every_problem_is_reported_in_one_run():
    broken = GOOD.replace("    kind: store\n", "    knd: store\n").replace("    to: b\n", "    to: c\n").replace("w: 30", "w: x")
    message = problem_of(broken)
    assert "3 place(s)" in message
    assert "groups[0] 'cluster': field 'w'" in message
    assert "nodes[1] 'b': unknown field 'knd'" in message
    assert "edges[0] (a → c): field 'to'" in message


@pytest.mark.parametrize("text, expected", [
    ("", "example.yml: the file is empty"),
    ("- a\n", "example.yml:1: diagram: must be a mapping"),
    ("title: [unclosed\n", "example.yml:2: not valid YAML"),
    (GOOD.replace("nodes:\n", "nodes: 3\nx:\n"), "diagram: field 'nodes' must be a list"),
])
def test_a_malformed_file_is_reported(text, expected):
    assert expected in problem_of(text)


# --- Markers -----------------------------------------------------------------------------------


@pytest.fixture
def data_dir(tmp_path) -> Path:
    directory = tmp_path / "data/diagrams"
    directory.mkdir(parents=True)
    (directory / "example.yml").write_text(GOOD, "utf-8")
    (directory / "other.yml").write_text(GOOD.replace("label: 呼叫", "label: 另一張"), "utf-8")
    return directory


def test_a_marker_becomes_its_figure(data_dir):
    page = "<p>前</p>\n<!-- diagram: example -->\n<p>後</p>"
    html = replace_diagram_markers("guide.md", page, data_dir)
    assert "<!--" not in html
    assert html.startswith("<p>前</p>\n<figure class=\"kb-diagram-figure\">") and html.endswith("</figure>\n<p>後</p>")
    assert "<figcaption>範例</figcaption>" in html


def test_marker_ids_are_unique_on_a_page_with_several_diagrams(data_dir):
    page = "<!-- diagram: example -->\n<!-- diagram: other -->\n<!-- diagram: example -->"
    html = replace_diagram_markers("guide.md", page, data_dir)
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == 3 and len(set(ids)) == 3  # one arrowhead each
    for marker_id in ids:
        assert f"url(#{marker_id})" in html


def test_a_marker_naming_a_missing_file_fails_naming_page_and_file(data_dir):
    with pytest.raises(DiagramError, match=r"guide.md: marker '<!-- diagram: exmaple -->' names a missing file .*exmaple.yml \(diagrams: example, other\)"):
        replace_diagram_markers("guide.md", "<!-- diagram: exmaple -->", data_dir)


def test_a_marker_with_a_bad_name_fails(data_dir):
    with pytest.raises(DiagramError, match="must name a diagram in lower case"):
        replace_diagram_markers("guide.md", "<!-- diagram: ../secrets -->", data_dir)


def test_bad_data_behind_a_marker_fails_naming_the_page_and_the_file(data_dir):
    (data_dir / "example.yml").write_text(GOOD.replace("    to: b\n", "    to: c\n"), "utf-8")
    with pytest.raises(DiagramError, match=r"(?s)guide.md: <!-- diagram: example -->: Invalid diagram data .*example.yml:27: edges\[0\]"):
        replace_diagram_markers("guide.md", "<!-- diagram: example -->", data_dir)


class FakeFile:
    src_path = "blog/posts/post.md"


class FakePage:
    file = FakeFile()


class FakeConfig:
    def __init__(self, project: Path) -> None:
        self.config_file_path = str(project / "mkdocs.yml")


def test_the_hook_reads_data_next_to_the_config_file(data_dir):
    project = data_dir.parent.parent
    html = on_page_content("<!-- diagram: example -->", page=FakePage(), config=FakeConfig(project), files=None)
    assert 'class="kb-diagram"' in html


def test_the_hook_leaves_pages_without_markers_alone(tmp_path):
    page = "<p>diagram 只是個字</p>"
    assert on_page_content(page, page=FakePage(), config=FakeConfig(tmp_path), files=None) == page


def test_the_real_config_finds_the_real_diagrams():
    html = on_page_content(
        "<!-- diagram: mesos-architecture -->\n<!-- diagram: kubernetes-architecture -->",
        page=FakePage(), config=FakeConfig(REPO_ROOT), files=None,
    )
    assert html.count('<svg class="kb-diagram"') == 2
