"""Data files written in YAML, read with the line of every value, so errors can say `file:line`.

Dates stay text (`2017-13-45` is reported with its line instead of crashing the
parser), and libyaml parses when PyYAML has it. A document is kept as its node
tree: validators walk the nodes, take `line(node)` for messages and `value(node)`
for the plain data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _DatesAsTextLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """A safe loader that leaves dates as text; libyaml's when PyYAML has it (ten times faster)."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DataFileError(PluginError):
    """A data file that cannot be used; the message names the file and line of each problem."""


@dataclass
class YamlDocument:
    """One parsed YAML document: its root node (None when empty) and where it came from."""

    name: str
    root: yaml.Node | None
    first_line: int
    _loader: yaml.SafeLoader

    def line(self, node: yaml.Node) -> int:
        """The line of the file that a node starts on."""
        return node.start_mark.line + self.first_line

    def where(self, node: yaml.Node) -> str:
        return f"{self.name}:{self.line(node)}"

    def value(self, node: yaml.Node) -> Any:
        """The plain data of a node (lists, dicts, strings, numbers; dates as text), for validators to check."""
        return self._loader.construct_object(node, deep=True)


def parse_yaml(name: str, text: str, first_line: int = 1, subject: str = "") -> YamlDocument:
    """Parse one YAML document; `first_line` is the file's line on which `text` starts.

    Raises DataFileError naming `name:line` when the text is not valid YAML, and
    the subject when given ("front matter is not valid YAML").
    """
    loader = _DatesAsTextLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{name}:{mark.line + first_line}" if mark else name
        problem = getattr(error, "problem", None) or str(error)
        raise DataFileError(f"{where}: {subject + ' is ' if subject else ''}not valid YAML: {problem}") from None
    return YamlDocument(name, root, first_line, loader)


def key_lines(document: YamlDocument, mapping: yaml.MappingNode) -> dict[str, int]:
    """The line of each text key of a mapping node."""
    return {key.value: document.line(key) for key, _ in mapping.value if isinstance(key, yaml.ScalarNode)}
