"""Material's blog copies a list page's source for each of its further pages only when the copy differs.

The blog plugin makes page 2, 3, … of the blog index, each archive year and
each category as copies of the list's Markdown in its temporary folder, and
copies them again in every build's `on_files`: at 1,000 posts that was about
300 copies (7 % of a `mkdocs serve` rebuild after a one-post edit). The
folder lasts for the whole serve, so a copy whose bytes already equal its
source's is left alone. The blog writes the archive and category sources
anew in every build, so only their bytes can tell: the files are a few
hundred bytes, cheaper to read than to write.

The patch: the `copy_file` that material.plugins.blog.plugin calls (only in
`_generate_pages`), a stand-in that compares first. `mkdocs serve` only.
"""
from __future__ import annotations

from pathlib import Path

import material.plugins.blog.plugin as blog_plugin
from mkdocs.utils import copy_file

NAME = "kb.speedups.blog_pagination_copies"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-material": ("9.8.2",), "mkdocs": ("1.6.1",)}


def copy_unless_fresh(source_path: str, output_path: str) -> None:
    """mkdocs.utils.copy_file, skipped when output_path holds source_path's bytes already."""
    output = Path(output_path)
    if output.is_file() and output.read_bytes() == Path(source_path).read_bytes():
        return
    copy_file(source_path, output_path)


def copy_pagination_sources_when_stale(on: bool = True) -> None:
    """Give the blog plugin the comparing copy, or (on=False) MkDocs' own again."""
    blog_plugin.copy_file = copy_unless_fresh if on else copy_file  # the patch
