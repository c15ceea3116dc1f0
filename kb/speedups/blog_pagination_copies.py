"""Material's blog copies a list page's source for each of its further pages only when that copy is stale.

The blog plugin makes page 2, 3, … of the blog index, each archive year and
each category as copies of the list's Markdown in its temporary folder, and
copies them again in every build's `on_files`: at 1,000 posts that was about
300 copies (7 % of a `mkdocs serve` rebuild after a one-post edit). The
folder lasts for the whole serve, so a copy is skipped when its source has
the same settled signature as when it was copied (kb/file_signatures.py) and
the copy is as it was left.

The patch: the `copy_file` that material.plugins.blog.plugin calls (only in
`_generate_pages`), a stand-in that remembers. `mkdocs serve` only.
"""
from __future__ import annotations

import material.plugins.blog.plugin as blog_plugin
from mkdocs.utils import copy_file

from kb.file_signatures import Signature, settled_signature, signature

NAME = "kb.speedups.blog_pagination_copies"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",), "mkdocs": ("1.6.1",)}

# By destination: the source's settled signature when copied, and the copy's signature after.
_copies: dict[str, tuple[Signature, Signature | None]] = {}


def copy_unless_fresh(source_path: str, output_path: str) -> None:
    """mkdocs.utils.copy_file, skipped when output_path is this build's copy of source_path already."""
    source, output = settled_signature(source_path), signature(output_path)
    if source is not None and output is not None and _copies.get(output_path) == (source, output):
        return
    copy_file(source_path, output_path)
    if source is None:
        _copies.pop(output_path, None)
    else:
        _copies[output_path] = (source, signature(output_path))


def copy_pagination_sources_when_stale(on: bool = True) -> None:
    """Give the blog plugin the remembering copy, or (on=False) MkDocs' own again."""
    blog_plugin.copy_file = copy_unless_fresh if on else copy_file  # the patch
    _copies.clear()
