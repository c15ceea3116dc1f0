"""Material's blog reads a post's file, and parses its front matter, again only when it has changed.

The blog plugin reads every post in its `on_files`, before the nav exists, and
parses its front matter with PyYAML's pure-Python SafeLoader: at 1,000 posts
that was 1 s of every `mkdocs serve` rebuild after a one-post edit. Here the
parse is remembered by the front matter's text, and each post is given its
own deep copy of the result, since plugins change a post's meta. Opening and
decoding the 1,000 files was another 5 % of a rebuild: the text comes from
kb/page_source.read_source, which reads a file again once its settled
signature changes (the snippet-embed check has read them in this build already).

The patches: the `yaml` module that material.plugins.blog.structure calls
(`yaml.load`, only in Post.__init__), a stand-in whose `load` remembers; and
that module's `open` (only Post.__init__'s), which gives the remembered text.
"""
from __future__ import annotations

import builtins
import copy
import functools
import types
from typing import Any

import material.plugins.blog.structure as blog_structure
import yaml

from kb.page_source import read_source

NAME = "kb.speedups.post_front_matter"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",), "PyYAML": ("6.0.4",)}
FRONT_MATTERS_REMEMBERED = 20_000


@functools.lru_cache(maxsize=FRONT_MATTERS_REMEMBERED)
def _parsed(text: str, loader: type) -> Any:
    return yaml.load(text, loader)  # noqa: S506 - the loader is the caller's (SafeLoader)


def remembered_load(stream: Any, Loader: type) -> Any:  # noqa: N803 - yaml.load's own parameter name
    """yaml.load, remembered for text; each call gets its own copy."""
    if not isinstance(stream, str):
        return yaml.load(stream, Loader)  # noqa: S506
    return copy.deepcopy(_parsed(stream, Loader))


# The `yaml` the blog's structure module sees: the real one, with a load that remembers.
REMEMBERING_YAML = types.SimpleNamespace(**{**vars(yaml), "load": remembered_load})


class RememberedSource:
    """What `open(path, encoding="utf-8-sig")` gives Post.__init__: the file's remembered text."""

    def __init__(self, path: str) -> None:
        self.text = read_source(path)  # the same decoding: UTF-8, a byte-order mark dropped

    def __enter__(self) -> RememberedSource:
        return self

    def __exit__(self, *exception: object) -> None:
        return None

    def read(self) -> str:
        return self.text


def remembered_open(path: Any, *arguments: Any, **options: Any) -> Any:
    """open(), giving a post's remembered text for the one way Post.__init__ opens it."""
    if arguments or options != {"encoding": "utf-8-sig"} or not isinstance(path, str):
        return builtins.open(path, *arguments, **options)
    return RememberedSource(path)


def remember_front_matter(on: bool = True) -> None:
    """Give the blog's structure module the remembering yaml and open, or (on=False) the real ones again."""
    blog_structure.yaml = REMEMBERING_YAML if on else yaml  # the patches: a stand-in module, and a module global
    if on:
        blog_structure.open = remembered_open
    else:
        vars(blog_structure).pop("open", None)  # the builtin again
