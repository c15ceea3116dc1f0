"""The one rule for a page's title line: its first block, when that block is an H1.

The front matter guard (a post needs a title), the plain-text-titles guard
(HTML in that title is shown as text) and kb/feeds (a feed item's description
leaves the title out) read the title line this way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# `# Title`, with optional closing hashes; a lone `#` is an empty H1.
ATX_H1 = re.compile(r"^ {0,3}#(?:[ \t]+(?P<text>.*?))?(?:[ \t]+#+)?[ \t]*$")
SETEXT_H1_UNDERLINE = re.compile(r"^ {0,3}=+[ \t]*$")


@dataclass(frozen=True)
class FirstBlock:
    index: int  # of its first line in the lines given
    is_h1: bool
    title: str | None  # the heading's text when it is a non-empty H1


def first_block(lines: list[str]) -> FirstBlock | None:
    """The page's first block, or None when every line is blank."""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if match := ATX_H1.match(line):
            return FirstBlock(index, True, (match["text"] or "").strip() or None)
        if index + 1 < len(lines) and SETEXT_H1_UNDERLINE.match(lines[index + 1]):
            return FirstBlock(index, True, line.strip())
        return FirstBlock(index, False, None)
    return None


def lines_after_title(lines: list[str]) -> list[str] | None:
    """The lines after the page's title, or None when its first block is not an H1.

    An ATX title (`# …`) is one line; a setext title is two, its text and its `===`.
    """
    block = first_block(lines)
    if block is None or not block.is_h1:
        return None
    return lines[block.index + (1 if ATX_H1.match(lines[block.index]) else 2):]
