"""A blog post's excerpt makes its Markdown parser when a list first shows it, not when the post is read.

Material's blog gives every post an Excerpt in its `on_page_markdown`, and the
Excerpt builds a whole Markdown parser with every extension of mkdocs.yml
right away: at 1,000 posts, 1,000 parsers and 2.5 s of every `mkdocs serve`
rebuild, although after one edit only the few lists that show the edited post
are rendered again (kb/speedups/page_output_reuse.py). Here the parser is made
on the first use other than registering a tree processor (which the Excerpt
does at once, and which is replayed in order), so a list renders the same
excerpt as before.

The patch: the `Markdown` that material.plugins.blog.structure calls, used by
Excerpt only.
"""
from __future__ import annotations

from typing import Any

import material.plugins.blog.structure as blog_structure
from markdown import Markdown

NAME = "kb.speedups.lazy_excerpt_parsers"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",)}


class PendingProcessors:
    """An unmade parser's tree processors: registrations are kept; anything else makes the parser."""

    def __init__(self, parser: LazyMarkdown) -> None:
        self._parser = parser

    def register(self, *args: Any, **kwargs: Any) -> None:
        self._parser._registrations.append((args, kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._parser._made().treeprocessors, name)

    def __getitem__(self, key: Any) -> Any:
        return self._parser._made().treeprocessors[key]


class LazyMarkdown:
    """A Markdown parser made on first use, with the arguments and tree processors it was given."""

    made = 0  # parsers made, for tests

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._args, self._kwargs = args, kwargs
        self._registrations: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
        self._parser: Markdown | None = None

    def _made(self) -> Markdown:
        if self._parser is None:
            parser = Markdown(*self._args, **self._kwargs)
            for args, kwargs in self._registrations:
                parser.treeprocessors.register(*args, **kwargs)
            self._parser = parser
            LazyMarkdown.made += 1
        return self._parser

    @property
    def treeprocessors(self) -> Any:
        return self._parser.treeprocessors if self._parser is not None else PendingProcessors(self)

    def convert(self, source: str) -> str:
        return self._made().convert(source)

    def __getattr__(self, name: str) -> Any:  # only for what the instance lacks: the parser's own attributes
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._made(), name)


def make_excerpt_parsers_lazily(on: bool = True) -> None:
    """Give the blog's excerpts lazy parsers, or (on=False, e.g. KB_SPEEDUPS=off) upstream's again."""
    blog_structure.Markdown = LazyMarkdown if on else Markdown  # the patch
