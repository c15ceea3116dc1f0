"""Groups of search terms that mean the same thing, read from a YAML data file.

The file is a list of groups; each group lists two or more terms, in any script
or language:

    - [布隆過濾器, Bloom filter]
    - [雜湊, 哈希, hash]

A query that contains one term of a group also searches for the others. Terms
are compared after NFKC normalization and lower-casing (the browser folds
queries the same way), so a term may belong to one group only.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from kb.data_files import DataFileError, YamlDocument, parse_yaml

MAX_TERM_CHARACTERS = 40


def normalize_term(term: str) -> str:
    """How a term or a query is compared: NFKC, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", term).lower().split())


def _term_problem(term: object) -> str | None:
    if not isinstance(term, str) or not term.strip():
        return f"a term must be text, got {term!r}"
    if "\n" in term or term != term.strip():
        return f"term {term!r} must be one line without leading or trailing spaces"
    if len(term) > MAX_TERM_CHARACTERS:
        return f"term {term!r} is longer than {MAX_TERM_CHARACTERS} characters"
    return None


def read_vocabulary(document: YamlDocument) -> list[tuple[str, ...]]:
    """The term groups of a parsed vocabulary file; DataFileError lists every problem."""
    root = document.root
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise DataFileError(f"{document.where(root)}: the vocabulary must be a list of term groups, e.g. - [雜湊, hash]")
    problems: list[str] = []
    groups: list[tuple[str, ...]] = []
    first_seen: dict[str, str] = {}  # normalized term -> where it first appears
    for number, node in enumerate(root.value, start=1):
        where = f"{document.where(node)}: group {number}"
        if not isinstance(node, yaml.SequenceNode) or len(node.value) < 2:
            problems.append(f"{where}: must be a list of two or more terms, e.g. [雜湊, hash]")
            continue
        terms = []
        for term_node in node.value:
            term = document.value(term_node)
            if problem := _term_problem(term):
                problems.append(f"{document.where(term_node)}: group {number}: {problem}")
                continue
            key = normalize_term(term)
            if key in first_seen:
                problems.append(
                    f"{document.where(term_node)}: group {number}: term {term!r} is already at {first_seen[key]}; "
                    "a term may belong to one group only"
                )
                continue
            first_seen[key] = document.where(term_node)
            terms.append(term)
        groups.append(tuple(terms))
    if problems:
        raise DataFileError(
            f"Invalid search vocabulary in {len(problems)} place(s):\n  " + "\n  ".join(problems)
        )
    return groups


def load_vocabulary(path: Path, name: str) -> list[tuple[str, ...]]:
    """Read and validate the vocabulary file at `path`, reported as `name`."""
    return read_vocabulary(parse_yaml(name, path.read_text("utf-8")))


def browser_vocabulary(groups: list[tuple[str, ...]]) -> list[list[str]]:
    """What the browser receives: each group's terms, normalized as queries are."""
    return [[normalize_term(term) for term in group] for group in groups]
