"""mkdocs-jupyter decides whether a file is a notebook once, not several times a page in every build.

mkdocs-jupyter asks `should_include(file)` in on_files, on_pre_page,
on_page_content and on_post_page, for every page: each time a new PurePath
and glob matches of its include and ignore patterns, 7 % of a 1,000-post
serve rebuild. The answer depends only on the file's path, those settings and,
for a `.md` file that is not ignored, its text (jupytext front matter). Here it
is remembered by them, with a `.md` file's settled signature standing for its
text (kb/file_signatures.py: a file changed within the last second is asked
anew).

The patch: `mkdocs_jupyter.plugin.Plugin.should_include`.
"""
from __future__ import annotations

import weakref
from typing import Any

from mkdocs.structure.files import File
from mkdocs_jupyter.plugin import Plugin  # type: ignore[import-untyped]

from kb.file_signatures import settled_signature

NAME = "kb.speedups.jupyter_inclusion"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-jupyter": ("0.27.0",)}
ANSWERS_REMEMBERED = 50_000  # per plugin; then it starts afresh (edited .md files leave old keys)

UPSTREAM_SHOULD_INCLUDE = Plugin.should_include
_answers: weakref.WeakKeyDictionary[Plugin, dict[tuple[Any, ...], bool]] = weakref.WeakKeyDictionary()


def remembered_should_include(plugin: Plugin, file: File) -> bool:
    """Plugin.should_include, remembered by the file's path, the plugin's patterns and a .md file's signature."""
    path = file.abs_src_path
    if path is None:
        return UPSTREAM_SHOULD_INCLUDE(plugin, file)
    text = None  # a .md file's settled signature, standing for its text
    if path.endswith(".md"):
        text = settled_signature(path)
        if text is None:  # just written, or gone: its text may still change within the same signature
            return UPSTREAM_SHOULD_INCLUDE(plugin, file)
    key = (path, tuple(plugin.config["include"]), tuple(plugin.config["ignore"]), text)
    answers = _answers.setdefault(plugin, {})
    answer = answers.get(key)
    if answer is None:
        if len(answers) >= ANSWERS_REMEMBERED:
            answers.clear()
        answer = answers[key] = UPSTREAM_SHOULD_INCLUDE(plugin, file)
    return answer


def remember_inclusion(on: bool = True) -> None:
    """Route Plugin.should_include through the memo, or (on=False) back to upstream's."""
    Plugin.should_include = remembered_should_include if on else UPSTREAM_SHOULD_INCLUDE
