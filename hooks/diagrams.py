"""Architecture diagrams drawn at build time as inline SVG from data/diagrams/*.yml.

One job: replace each `<!-- diagram: NAME -->` marker in a page with the
diagram from data/diagrams/NAME.yml, as an inline `<svg>` inside a
`<figure>`. The labels are real `<text>`, so readers can select them, find
them with Ctrl-F and read them in both colour schemes: colours come from
Material's palette variables in docs/assets/stylesheets/diagrams.css, never
from the SVG. Nothing is fetched and nothing runs in the browser.
`load_diagram` and `render_diagram` are pure, so tests call them with plain data.

The data format (all positions and sizes in grid units; x grows right, y down;
boxes must end within 712 px, so the drawing is at most 720 px wide with its margin):

    title: 中文標題              # <title>, aria-label and the figure caption
    description: 一兩句說明       # <desc>, for screen readers
    grid: 10                     # pixels per grid unit (optional, default 10)
    groups:                      # labelled containers drawn behind the nodes (optional);
      - id: masters              #   later groups are drawn on top, so list outer ones first
        label: Mesos masters     #   shown at the top left, inside the box
        x: 21                    #   left edge
        y: 16                    #   top edge
        w: 50                    #   width
        h: 15                    #   height
    nodes:                       # the boxes; ids are unique across groups and nodes
      - id: leader
        label: "Leading master\\nallocator"  # an optional second line, drawn smaller
        x: 36
        y: 20
        w: 18
        h: 6
        kind: process            # process (default, rounded box), store (cylinder),
                                 # external (pill) or standby (dashed border)
    edges:                       # arrows between nodes or groups (optional)
      - from: agent
        to: leader
        label: ① 回報可用資源    # optional, drawn on a chip so it stays legible
        style: dashed            # optional: solid (default) or dashed
        arrow: end               # optional: end (default), both or none

How edges are drawn: when the two boxes overlap horizontally (or vertically),
the edge is a vertical (or horizontal) line through the middle of the overlap;
otherwise it runs from centre to centre. Either way it is cut where it meets
each box's border, so arrows start and end at the boxes. Edges between the
same two boxes are drawn side by side, in file order from left to right (or
top to bottom); the outer ones carry their labels beside the line, facing
away from each other. Any other label sits on the line at its midpoint, or
above (right of) a straight line too short to show it between the arrowheads.

Layout is by hand, and checked: nodes may not overlap, and a label wider or
taller than its box (by a generous estimate of the text's size) is an error.
Every problem in a file is reported in one run, naming the file and line,
the element (`nodes[3] 'etcd'`) and the field. Unknown keys are errors, so a
typo never passes silently.
"""
from __future__ import annotations

import difflib
import html
import math
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

# libyaml's parser, when PyYAML has it, reads a diagram ten times faster.
FAST_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA_DIR = "data/diagrams"
MARKER = re.compile(r"<!--\s*diagram:\s*(?P<name>[^\s>]*)\s*-->")
DIAGRAM_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
BOX_ID = re.compile(r"^[A-Za-z][\w-]*$")

DIAGRAM_FIELDS = {"title": True, "description": True, "grid": False, "groups": False, "nodes": True, "edges": False}
GROUP_FIELDS = {"id": True, "label": True, "x": True, "y": True, "w": True, "h": True}
NODE_FIELDS = {**GROUP_FIELDS, "kind": False}
EDGE_FIELDS = {"from": True, "to": True, "label": False, "style": False, "arrow": False}
NODE_KINDS = ("process", "store", "external", "standby")
EDGE_STYLES = ("solid", "dashed")
EDGE_ARROWS = ("end", "both", "none")
DEFAULT_GRID_PX = 10
MAX_LABEL_LINES = 2

# Geometry of the drawing, in SVG pixels (viewBox units).
MAX_WIDTH_PX = 720  # fits Material's content column at scale 1
PADDING_PX = 4  # room around the boxes for strokes
NODE_FONT_PX = 14
SMALL_FONT_PX = 13  # second label lines, group labels and edge labels
LINE_HEIGHT_PX = 18
NODE_PADDING_PX = 6  # between a node's label and its border
GROUP_LABEL_INSET_PX = 8
GROUP_LABEL_BASELINE_PX = 17  # from the group's top edge
NODE_RADIUS_PX = 6
GROUP_RADIUS_PX = 10
STORE_CAP_PX = 6  # vertical radius of a store's elliptical top and bottom
PARALLEL_EDGE_GAP_PX = 24
ARROWHEAD_PX = 9
CHIP_PADDING_X_PX = 5
CHIP_PADDING_Y_PX = 3
CHIP_GAP_PX = 5  # between a line and a label drawn beside it
# Advance widths as a share of the font size: CJK and other wide characters take
# a full em; Latin text in Noto Sans CJK measures 0.50-0.57 em a character in
# Chromium, so 0.58 errs on the wide side.
WIDE_CHARACTER_EM = 1.0
NARROW_CHARACTER_EM = 0.58
# Text sits this far below its line's centre (share of the font size): roughly
# half of the height of CJK glyphs, which fill most of the em box.
BASELINE_SHIFT_EM = 0.36


class DiagramError(PluginError):
    """Bad diagram data or a bad marker; the message names the file, the element and the field."""


@dataclass(frozen=True)
class Box:
    """A node or a group, in grid units."""

    id: str
    label: str
    x: float
    y: float
    w: float
    h: float
    kind: str = "group"

    @property
    def lines(self) -> list[str]:
        return self.label.split("\n")


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    style: str = "solid"
    arrow: str = "end"


@dataclass(frozen=True)
class Diagram:
    name: str
    title: str
    description: str
    grid: float
    groups: tuple[Box, ...]
    nodes: tuple[Box, ...]
    edges: tuple[Edge, ...]


# --- Loading and validation --------------------------------------------------------------------


def text_width_px(text: str, font_px: float) -> float:
    """An estimate of how wide a line of text is drawn, erring on the wide side."""
    ems = sum(
        WIDE_CHARACTER_EM if unicodedata.east_asian_width(character) in "WFA" else NARROW_CHARACTER_EM
        for character in text
    )
    return ems * font_px


class _Problems:
    """Collects `file:line: element: message` lines, so one run reports them all."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lines: list[str] = []

    def add(self, node: yaml.Node, element: str, message: str) -> None:
        self.lines.append(f"{self.name}:{node.start_mark.line + 1}: {element}: {message}")


def _scalar(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    return loader.construct_object(node, deep=True)


def _mapping_fields(
    node: yaml.Node, element: str, fields: dict[str, bool], problems: _Problems
) -> dict[str, yaml.Node] | None:
    """The mapping's value nodes by key, after reporting unknown, repeated and missing keys."""
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, element, f"must be a mapping with {', '.join(fields)}")
        return None
    values: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            problems.add(key, element, "field names must be plain text")
        elif key.value not in fields:
            problems.add(key, element, f"unknown field {key.value!r} (fields: {', '.join(fields)})")
        elif key.value in values:
            problems.add(key, element, f"field {key.value!r} is given twice")
        else:
            values[key.value] = value
    for field, required in fields.items():
        if required and field not in values:
            problems.add(node, element, f"missing field {field!r}")
    return values


def _text(loader, values, field, element, problems, *, one_line: bool = True) -> str | None:
    if field not in values:
        return None
    value = _scalar(loader, values[field])
    if not isinstance(value, str) or not value.strip():
        problems.add(values[field], element, f"field {field!r} must be non-empty text, got {value!r}")
        return None
    if one_line and "\n" in value:
        problems.add(values[field], element, f"field {field!r} must be one line")
        return None
    return value


def _number(loader, values, field, element, problems, *, positive: bool) -> float | None:
    if field not in values:
        return None
    value = _scalar(loader, values[field])
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.add(values[field], element, f"field {field!r} must be a number, got {value!r}")
        return None
    if positive and value <= 0 or value < 0:
        bound = "greater than 0" if positive else "0 or more"
        problems.add(values[field], element, f"field {field!r} must be {bound}, got {value!r}")
        return None
    return float(value)


def _choice(loader, values, field, element, problems, choices: tuple[str, ...]) -> str | None:
    if field not in values:
        return choices[0]
    value = _scalar(loader, values[field])
    if value not in choices:
        problems.add(values[field], element, f"field {field!r} must be one of {', '.join(choices)}, got {value!r}")
        return None
    return value


def _element_name(section: str, index: int, node: yaml.Node) -> str:
    """`nodes[3] 'etcd'`, or `nodes[3]` when the id is missing."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, yaml.ScalarNode):
                return f"{section}[{index}] {value.value!r}"
    return f"{section}[{index}]"


def _load_boxes(loader, root_values, section, fields, grid, problems, declared) -> list[tuple[Box, yaml.Node, str]]:
    """Each valid box of `groups` or `nodes` with its YAML node and element name.

    `declared` gathers every well-formed id with its element, even of boxes with
    other problems, so that edges to them are not reported as well.
    """
    if section not in root_values:
        return []
    sequence = root_values[section]
    if not isinstance(sequence, yaml.SequenceNode):
        problems.add(sequence, "diagram", f"field {section!r} must be a list")
        return []
    boxes = []
    for index, node in enumerate(sequence.value):
        element = _element_name(section, index, node)
        values = _mapping_fields(node, element, fields, problems)
        if values is None:
            continue
        before = len(problems.lines)
        box_id = _text(loader, values, "id", element, problems)
        if box_id is not None and not BOX_ID.match(box_id):
            problems.add(values["id"], element, "field 'id' must start with a letter and hold only letters, digits, '_' and '-'")
        elif box_id is not None and box_id in declared:
            problems.add(values["id"], element, f"field 'id' {box_id!r} is already used by {declared[box_id]}")
        elif box_id is not None:
            declared[box_id] = element
        label = _text(loader, values, "label", element, problems, one_line=False)
        x, y = (_number(loader, values, field, element, problems, positive=False) for field in "xy")
        w, h = (_number(loader, values, field, element, problems, positive=True) for field in "wh")
        kind = _choice(loader, values, "kind", element, problems, NODE_KINDS) if "kind" in fields else "group"
        if len(problems.lines) > before or None in (box_id, label, x, y, w, h, kind):
            continue
        box = Box(box_id, label, x, y, w, h, kind)
        if (box.x + box.w) * grid > MAX_WIDTH_PX - 2 * PADDING_PX:
            problems.add(
                values["w"], element,
                f"fields 'x' + 'w' reach {(box.x + box.w) * grid:g} px, past the "
                f"{MAX_WIDTH_PX - 2 * PADDING_PX} px the page has room for; move or narrow the box",
            )
        _check_label_fits(box, grid, values, element, problems)
        boxes.append((box, node, element))
    return boxes


def _check_label_fits(box: Box, grid: float, values, element: str, problems: _Problems) -> None:
    if box.kind == "group":
        lines, room_x = [(box.label, SMALL_FONT_PX)], box.w * grid - 2 * GROUP_LABEL_INSET_PX
        if "\n" in box.label:
            problems.add(values["label"], element, "field 'label' of a group must be one line")
            return
    else:
        if len(box.lines) > MAX_LABEL_LINES:
            problems.add(values["label"], element, f"field 'label' has more than {MAX_LABEL_LINES} lines")
            return
        lines = [(line, NODE_FONT_PX if number == 0 else SMALL_FONT_PX) for number, line in enumerate(box.lines)]
        room_x = box.w * grid - 2 * NODE_PADDING_PX
        room_y = box.h * grid - (2 * STORE_CAP_PX if box.kind == "store" else 0)
        if len(lines) * LINE_HEIGHT_PX > room_y:
            problems.add(
                values["h"], element,
                f"field 'h' is too small for {len(lines)} line(s) of label; make it at least "
                f"{(len(lines) * LINE_HEIGHT_PX + box.h * grid - room_y) / grid:g}",
            )
    for line, font_px in lines:
        if text_width_px(line, font_px) > room_x:
            problems.add(
                values["label"], element,
                f"field 'label' line {line!r} is about {text_width_px(line, font_px):.0f} px wide, "
                f"more than the {room_x:g} px inside the box; widen 'w' or shorten the label",
            )


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def load_diagram(path: Path, text: str | None = None) -> Diagram:
    """Parse and validate a diagram file; raise DiagramError listing every problem."""
    name = os.path.relpath(path)
    text = path.read_text("utf-8") if text is None else text
    loader = FAST_SAFE_LOADER(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + 1}" if mark else name
        raise DiagramError(f"{where}: not valid YAML: {getattr(error, 'problem', error)}") from None
    finally:
        loader.dispose()
    if root is None:
        raise DiagramError(f"{name}: the file is empty; expected a mapping with {', '.join(DIAGRAM_FIELDS)}")

    problems = _Problems(name)
    values = _mapping_fields(root, "diagram", DIAGRAM_FIELDS, problems)
    if values is None:
        raise DiagramError(f"Invalid diagram data in {name}:\n  " + "\n  ".join(problems.lines))
    title = _text(loader, values, "title", "diagram", problems)
    description = _text(loader, values, "description", "diagram", problems, one_line=False)
    grid = _number(loader, values, "grid", "diagram", problems, positive=True) if "grid" in values else DEFAULT_GRID_PX
    grid = grid or DEFAULT_GRID_PX
    declared: dict[str, str] = {}
    groups = _load_boxes(loader, values, "groups", GROUP_FIELDS, grid, problems, declared)
    nodes = _load_boxes(loader, values, "nodes", NODE_FIELDS, grid, problems, declared)
    if "nodes" in values and isinstance(values["nodes"], yaml.SequenceNode) and not values["nodes"].value:
        problems.add(values["nodes"], "diagram", "field 'nodes' must list at least one node")

    boxes = {box.id: (box, element) for box, _, element in groups + nodes}
    for index, (box, node, element) in enumerate(nodes):
        for other, _, other_element in nodes[:index]:
            if _overlaps(box, other):
                problems.add(node, element, f"fields 'x', 'y', 'w', 'h' make the box overlap {other_element}")

    edges = list(_load_edges(loader, values, declared, boxes, problems))
    if problems.lines:
        raise DiagramError(
            f"Invalid diagram data in {len(problems.lines)} place(s):\n  " + "\n  ".join(problems.lines)
        )
    return Diagram(
        name=Path(path).stem,
        title=title,
        description=description,
        grid=grid,
        groups=tuple(box for box, _, _ in groups),
        nodes=tuple(box for box, _, _ in nodes),
        edges=tuple(edges),
    )


def _load_edges(
    loader, root_values, declared: dict[str, str], boxes: dict[str, tuple[Box, str]], problems: _Problems
) -> Iterator[Edge]:
    if "edges" not in root_values:
        return
    sequence = root_values["edges"]
    if not isinstance(sequence, yaml.SequenceNode):
        problems.add(sequence, "diagram", "field 'edges' must be a list")
        return
    for index, node in enumerate(sequence.value):
        element = f"edges[{index}]"
        if isinstance(node, yaml.MappingNode):
            ends = {key.value: value.value for key, value in node.value if isinstance(value, yaml.ScalarNode)}
            element += f" ({ends.get('from', '?')} → {ends.get('to', '?')})"
        values = _mapping_fields(node, element, EDGE_FIELDS, problems)
        if values is None:
            continue
        before = len(problems.lines)
        source = _text(loader, values, "from", element, problems)
        target = _text(loader, values, "to", element, problems)
        label = _text(loader, values, "label", element, problems) or ""
        style = _choice(loader, values, "style", element, problems, EDGE_STYLES)
        arrow = _choice(loader, values, "arrow", element, problems, EDGE_ARROWS)
        for field, box_id in (("from", source), ("to", target)):
            if box_id is not None and box_id not in declared:
                close = difflib.get_close_matches(box_id, declared, n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"ids: {', '.join(sorted(declared))}"
                problems.add(values[field], element, f"field {field!r} names no node or group {box_id!r} ({hint})")
        if len(problems.lines) > before or None in (source, target, style, arrow):
            continue
        if source not in boxes or target not in boxes:
            continue  # a box with problems of its own, reported above
        if source == target:
            problems.add(values["to"], element, "field 'to' is the same box as 'from'")
        elif _overlaps(boxes[source][0], boxes[target][0]):
            problems.add(
                values["to"], element,
                f"field 'to' names a box that overlaps {boxes[source][1]}; an edge needs a gap to cross",
            )
        else:
            yield Edge(source, target, label, style, arrow)


# --- Layout: where things go, in SVG pixels ----------------------------------------------------


Point = tuple[float, float]


@dataclass(frozen=True)
class Rect:
    """An axis-aligned rectangle in SVG pixels."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def centre(self) -> Point:
        return (self.left + self.right) / 2, (self.top + self.bottom) / 2

    def overlaps(self, other: Rect) -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom


@dataclass(frozen=True)
class EdgeLayout:
    """Where an edge is drawn: its line, cut at both borders, and its label's chip."""

    edge: Edge
    start: Point
    end: Point
    orientation: str  # vertical, horizontal or diagonal
    chip: Rect | None


def box_rect(box: Box, grid: float) -> Rect:
    return Rect(
        PADDING_PX + box.x * grid,
        PADDING_PX + box.y * grid,
        PADDING_PX + (box.x + box.w) * grid,
        PADDING_PX + (box.y + box.h) * grid,
    )


def group_label_rect(box: Box, grid: float) -> Rect:
    """Roughly where a group's label is drawn (its estimated width, a line high)."""
    rect = box_rect(box, grid)
    left = rect.left + GROUP_LABEL_INSET_PX
    baseline = rect.top + GROUP_LABEL_BASELINE_PX
    return Rect(left, baseline - SMALL_FONT_PX, left + text_width_px(box.label, SMALL_FONT_PX), baseline + SMALL_FONT_PX * 0.3)


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _border_point(rect: Rect, inside: Point, toward: Point) -> Point:
    """Where the line from `inside` (within rect) toward `toward` leaves the rect."""
    (x, y), (tx, ty) = inside, toward
    dx, dy = tx - x, ty - y
    steps = []
    if dx:
        steps.append(((rect.right if dx > 0 else rect.left) - x) / dx)
    if dy:
        steps.append(((rect.bottom if dy > 0 else rect.top) - y) / dy)
    step = min(steps)
    return x + step * dx, y + step * dy


def edge_segment(a: Rect, b: Rect, offset: float = 0.0) -> tuple[Point, Point, str]:
    """Start and end points of an edge from a to b, cut at both borders, and its orientation.

    Orientation is 'vertical' or 'horizontal' when the boxes overlap on the
    other axis (the line runs through the middle of the overlap, shifted by
    `offset` but kept within it), else 'diagonal' (centre to centre, both
    centres shifted by `offset` across the line).
    """
    overlap_x = (max(a.left, b.left), min(a.right, b.right))
    overlap_y = (max(a.top, b.top), min(a.bottom, b.bottom))
    if overlap_x[0] < overlap_x[1]:
        x = _clamp(sum(overlap_x) / 2 + offset, *overlap_x)
        if a.bottom <= b.top:
            return (x, a.bottom), (x, b.top), "vertical"
        return (x, a.top), (x, b.bottom), "vertical"
    if overlap_y[0] < overlap_y[1]:
        y = _clamp(sum(overlap_y) / 2 + offset, *overlap_y)
        if a.right <= b.left:
            return (a.right, y), (b.left, y), "horizontal"
        return (a.left, y), (b.right, y), "horizontal"
    (ax, ay), (bx, by) = a.centre, b.centre
    length = ((bx - ax) ** 2 + (by - ay) ** 2) ** 0.5
    nx, ny = -(by - ay) / length * offset, (bx - ax) / length * offset
    start_inside = (_clamp(ax + nx, a.left, a.right), _clamp(ay + ny, a.top, a.bottom))
    end_inside = (_clamp(bx + nx, b.left, b.right), _clamp(by + ny, b.top, b.bottom))
    return (
        _border_point(a, start_inside, end_inside),
        _border_point(b, end_inside, start_inside),
        "diagonal",
    )


def _bundle_places(edges: tuple[Edge, ...], rects: dict[str, Rect]) -> list[tuple[float, int]]:
    """Per edge: its shift across the line, and its place in its bundle (-1 first, 1 last, 0 else).

    Edges between the same two boxes form a bundle, drawn side by side in file
    order: left to right for vertical lines, top to bottom for horizontal ones.
    """
    bundles: dict[frozenset[str], list[int]] = {}
    for index, edge in enumerate(edges):
        bundles.setdefault(frozenset((edge.source, edge.target)), []).append(index)
    placed = [(0.0, 0)] * len(edges)
    for members in bundles.values():
        count = len(members)
        first = edges[members[0]]
        for rank, index in enumerate(members):
            edge = edges[index]
            shift = (rank - (count - 1) / 2) * PARALLEL_EDGE_GAP_PX
            diagonal = edge_segment(rects[edge.source], rects[edge.target])[2] == "diagonal"
            if diagonal and (edge.source, edge.target) != (first.source, first.target):
                shift = -shift  # across the line as the first edge runs, so reversed edges stay apart
            place = 0 if count == 1 else (-1 if rank == 0 else 1 if rank == count - 1 else 0)
            placed[index] = (shift, place)
    return placed


def _chip_rect(label: str, start: Point, end: Point, orientation: str, place: int) -> Rect:
    """The label's chip, on the line at its midpoint or beside it.

    The outer edges of a bundle carry their labels beside the line (place -1:
    left or above; 1: right or below). So does a straight edge too short to
    show its chip between its arrowheads: the label goes above or to the right.
    """
    width = text_width_px(label, SMALL_FONT_PX) + 2 * CHIP_PADDING_X_PX
    height = SMALL_FONT_PX + 2 * CHIP_PADDING_Y_PX
    mid_x, mid_y = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    length = abs(end[0] - start[0]) + abs(end[1] - start[1])  # straight edges only
    along = {"horizontal": width, "vertical": height}.get(orientation)
    if not place and along and along + 2 * (ARROWHEAD_PX + CHIP_GAP_PX) > length:
        place = -1 if orientation == "horizontal" else 1
    if place and orientation == "vertical":
        mid_x += place * (CHIP_GAP_PX + width / 2)
    elif place and orientation == "horizontal":
        mid_y += place * (CHIP_GAP_PX + height / 2)
    return Rect(mid_x - width / 2, mid_y - height / 2, mid_x + width / 2, mid_y + height / 2)


def layout_edges(diagram: Diagram) -> list[EdgeLayout]:
    """Each edge's line and label chip, in file order."""
    rects = {box.id: box_rect(box, diagram.grid) for box in diagram.groups + diagram.nodes}
    layouts = []
    for edge, (shift, place) in zip(diagram.edges, _bundle_places(diagram.edges, rects)):
        start, end, orientation = edge_segment(rects[edge.source], rects[edge.target], shift)
        chip = _chip_rect(edge.label, start, end, orientation, place) if edge.label else None
        layouts.append(EdgeLayout(edge, start, end, orientation, chip))
    return layouts


# --- Rendering: the SVG ------------------------------------------------------------------------


def _px(value: float) -> str:
    """A coordinate written the same way on every run: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _text_element(x: float, y: float, lines: list[tuple[str, int, str]], anchor: str = "middle") -> str:
    """One <text>, with a <tspan> per line when there are several: (text, font px, class)."""
    first_text, first_font, first_class = lines[0]
    attributes = f'x="{_px(x)}" y="{_px(y)}" font-size="{first_font}" text-anchor="{anchor}"'
    if len(lines) == 1:
        return f'<text class="{first_class}" {attributes}>{html.escape(first_text)}</text>'
    spans = [f'<tspan x="{_px(x)}" y="{_px(y)}">{html.escape(first_text)}</tspan>']
    line_y = y
    for text, font, css_class in lines[1:]:
        line_y += LINE_HEIGHT_PX
        spans.append(
            f'<tspan class="{css_class}" x="{_px(x)}" y="{_px(line_y)}" font-size="{font}">{html.escape(text)}</tspan>'
        )
    return f'<text class="{first_class}" {attributes}>{"".join(spans)}</text>'


def _group_svg(box: Box, rect: Rect) -> str:
    label = _text_element(
        rect.left + GROUP_LABEL_INSET_PX,
        rect.top + GROUP_LABEL_BASELINE_PX,
        [(box.label, SMALL_FONT_PX, "kb-diagram__group-label")],
        anchor="start",
    )
    return (
        f'<g class="kb-diagram__group" data-id="{html.escape(box.id)}">'
        f'<rect class="kb-diagram__group-box" x="{_px(rect.left)}" y="{_px(rect.top)}"'
        f' width="{_px(rect.right - rect.left)}" height="{_px(rect.bottom - rect.top)}"'
        f' rx="{GROUP_RADIUS_PX}" fill="none" stroke="currentColor"/>{label}</g>'
    )


def _node_shape(box: Box, rect: Rect) -> str:
    x, y, w, h = rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top
    if box.kind == "store":
        rx, ry = w / 2, STORE_CAP_PX
        body = (
            f"M{_px(x)},{_px(y + ry)} A{_px(rx)},{ry} 0 0 1 {_px(x + w)},{_px(y + ry)}"
            f" V{_px(y + h - ry)} A{_px(rx)},{ry} 0 0 1 {_px(x)},{_px(y + h - ry)} Z"
        )
        lip = f"M{_px(x)},{_px(y + ry)} A{_px(rx)},{ry} 0 0 0 {_px(x + w)},{_px(y + ry)}"
        return (
            f'<path class="kb-diagram__node-box" d="{body}" fill="none" stroke="currentColor"/>'
            f'<path class="kb-diagram__node-lip" d="{lip}" fill="none" stroke="currentColor"/>'
        )
    radius = h / 2 if box.kind == "external" else NODE_RADIUS_PX
    return (
        f'<rect class="kb-diagram__node-box" x="{_px(x)}" y="{_px(y)}" width="{_px(w)}" height="{_px(h)}"'
        f' rx="{_px(radius)}" fill="none" stroke="currentColor"/>'
    )


def _node_svg(box: Box, rect: Rect) -> str:
    cx, cy = rect.centre
    if box.kind == "store":
        cy += STORE_CAP_PX / 2  # the top cap takes room; centre the label in the body
    lines = [
        (text, NODE_FONT_PX if number == 0 else SMALL_FONT_PX,
         "kb-diagram__node-label" if number == 0 else "kb-diagram__node-sublabel")
        for number, text in enumerate(box.lines)
    ]
    first_baseline = cy - (len(lines) - 1) * LINE_HEIGHT_PX / 2 + NODE_FONT_PX * BASELINE_SHIFT_EM
    return (
        f'<g class="kb-diagram__node kb-diagram__node--{box.kind}" data-id="{html.escape(box.id)}">'
        f"{_node_shape(box, rect)}{_text_element(cx, first_baseline, lines)}</g>"
    )


def _edge_svg(layout: EdgeLayout, prefix: str) -> str:
    edge, (x1, y1), (x2, y2) = layout.edge, layout.start, layout.end
    markers = ""
    if edge.arrow in ("end", "both"):
        markers += f' marker-end="url(#{prefix}-arrow-end)"'
    if edge.arrow == "both":
        markers += f' marker-start="url(#{prefix}-arrow-start)"'
    return (
        f'<line class="kb-diagram__edge kb-diagram__edge--{edge.style}"'
        f' data-from="{html.escape(edge.source)}" data-to="{html.escape(edge.target)}"'
        f' x1="{_px(x1)}" y1="{_px(y1)}" x2="{_px(x2)}" y2="{_px(y2)}" stroke="currentColor"{markers}/>'
    )


def _chip_svg(label: str, chip: Rect) -> str:
    cx, cy = chip.centre
    text = _text_element(cx, cy + SMALL_FONT_PX * BASELINE_SHIFT_EM, [(label, SMALL_FONT_PX, "kb-diagram__edge-label")])
    return (
        f'<rect class="kb-diagram__edge-label-chip" x="{_px(chip.left)}" y="{_px(chip.top)}"'
        f' width="{_px(chip.right - chip.left)}" height="{_px(chip.bottom - chip.top)}" rx="3" fill="none"/>{text}'
    )


def _markers(prefix: str, edges: list[EdgeLayout]) -> str:
    """The arrowheads the edges use: one for line ends, one for line starts."""
    arrows = {layout.edge.arrow for layout in edges}
    head = f'markerWidth="{ARROWHEAD_PX}" markerHeight="{ARROWHEAD_PX}" markerUnits="userSpaceOnUse" orient="auto"'
    markers = []
    if arrows & {"end", "both"}:
        markers.append(
            f'<marker id="{prefix}-arrow-end" viewBox="0 0 10 10" refX="10" refY="5" {head}>'
            '<path class="kb-diagram__arrowhead" d="M0,0 L10,5 L0,10 Z" fill="currentColor"/></marker>'
        )
    if "both" in arrows:
        markers.append(
            f'<marker id="{prefix}-arrow-start" viewBox="0 0 10 10" refX="0" refY="5" {head}>'
            '<path class="kb-diagram__arrowhead" d="M10,0 L0,5 L10,10 Z" fill="currentColor"/></marker>'
        )
    return f"<defs>{''.join(markers)}</defs>" if markers else ""


def render_diagram(diagram: Diagram, id_prefix: str | None = None) -> str:
    """The diagram as an inline <svg> in a <figure>, with every label as real text.

    Drawn back to front: groups, edges, nodes, then edge labels, so no label is
    ever covered. `id_prefix` keeps the arrowhead ids unique when one page
    shows the same diagram twice; it defaults to 'kb-diagram-NAME'.
    """
    prefix = id_prefix or f"kb-diagram-{diagram.name}"
    rects = {box.id: box_rect(box, diagram.grid) for box in diagram.groups + diagram.nodes}
    width = max(rect.right for rect in rects.values()) + PADDING_PX
    height = max(rect.bottom for rect in rects.values()) + PADDING_PX
    edges = layout_edges(diagram)
    title = html.escape(diagram.title)
    parts = [
        f'<figure class="kb-diagram-figure">'
        f'<svg class="kb-diagram" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{title}"'
        f' viewBox="0 0 {_px(width)} {_px(height)}" width="{_px(width)}" height="{_px(height)}"'
        f' style="max-width: {_px(width)}px">',
        f"<title>{title}</title>",
        f"<desc>{html.escape(diagram.description)}</desc>",
        _markers(prefix, edges),
        *(_group_svg(box, rects[box.id]) for box in diagram.groups),
        *(_edge_svg(layout, prefix) for layout in edges),
        *(_node_svg(box, rects[box.id]) for box in diagram.nodes),
        *(_chip_svg(layout.edge.label, layout.chip) for layout in edges if layout.chip),
        f"</svg><figcaption>{title}</figcaption></figure>",
    ]
    return "\n".join(parts)


# --- The hook ----------------------------------------------------------------------------------


def replace_diagram_markers(page_path: str, content: str, data_dir: Path) -> str:
    """The page's HTML with each `<!-- diagram: NAME -->` marker replaced by its diagram."""
    problems: list[str] = []
    shown: dict[str, int] = {}

    def diagram_for(match: re.Match) -> str:
        name = match["name"]
        if not DIAGRAM_NAME.match(name):
            problems.append(
                f"{page_path}: marker {match[0]!r} must name a diagram in lower case, e.g. <!-- diagram: mesos-architecture -->"
            )
            return match[0]
        data_file = data_dir / f"{name}.yml"
        if not data_file.is_file():
            known = sorted(path.stem for path in data_dir.glob("*.yml")) if data_dir.is_dir() else []
            problems.append(
                f"{page_path}: marker {match[0]!r} names a missing file {os.path.relpath(data_file)} "
                f"(diagrams: {', '.join(known) or 'none'})"
            )
            return match[0]
        try:
            diagram = load_diagram(data_file)
        except DiagramError as error:
            problems.append(f"{page_path}: {match[0]}: " + str(error).replace("\n", "\n  "))
            return match[0]
        shown[name] = shown.get(name, 0) + 1
        suffix = f"-{shown[name]}" if shown[name] > 1 else ""
        return render_diagram(diagram, id_prefix=f"kb-diagram-{name}{suffix}")

    result = MARKER.sub(diagram_for, content)
    if problems:
        raise DiagramError(f"Diagrams failed in {len(problems)} place(s):\n  " + "\n  ".join(problems))
    return result


def on_page_content(html_content, *, page, config, files):
    if "diagram:" not in html_content:
        return html_content
    data_dir = Path(config.config_file_path).parent / DATA_DIR
    return replace_diagram_markers(page.file.src_path, html_content, data_dir)
