"""Material's blog parses a post's front matter again only when its text has changed.

The blog plugin reads every post in its `on_files`, before the nav exists, and
parses its front matter with PyYAML's pure-Python SafeLoader: at 1,000 posts
that was 1 s of every `mkdocs serve` rebuild after a one-post edit. Here the
parse is remembered by the front matter's text, and each post is given its
own deep copy of the result, since plugins change a post's meta.

The patch: the `yaml` module that material.plugins.blog.structure calls
(`yaml.load`, only in Post.__init__), a stand-in whose `load` remembers.
"""
from __future__ import annotations

import copy
import functools
import types
from typing import Any

import material.plugins.blog.structure as blog_structure
import yaml

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


def remember_front_matter(on: bool = True) -> None:
    """Give the blog's structure module the remembering yaml, or (on=False) the real one again."""
    blog_structure.yaml = REMEMBERING_YAML if on else yaml  # the patch: a stand-in module
