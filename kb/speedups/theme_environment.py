"""Every Jinja environment of the theme keeps compiled templates and lists files quickly.

MkDocs makes a new Jinja environment for every build, and Material's blog
plugin makes more of its own to look up translations, so `mkdocs serve`
compiled Material's templates again after each save: each environment the
theme hands out gets Jinja's bytecode cache, keyed by each template's source.

Each build, MkDocs also lists every file in the theme's folders to find static
assets to copy, then drops every path with a hidden part (`.icons/…`).
Material keeps 14,348 of its 14,509 template files under `.icons/`, so that
was 17 % of a `mkdocs serve` rebuild of this site: the environment's loader
skips hidden folders while listing; loading a template by name, icons
included, is unchanged.

The patch: `Theme.get_env` of the build's theme, wrapped in on_config, before
MkDocs asks for the build's environment.
"""
from __future__ import annotations

import os
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from mkdocs.theme import Theme

NAME = "kb.speedups.theme_environment"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs": ("1.6.1",)}


class VisibleFilesLoader(FileSystemLoader):
    """A FileSystemLoader whose list_templates() leaves out hidden files and folders."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                prefix = "" if relative == "." else relative.replace(os.path.sep, "/") + "/"
                found.update(prefix + name for name in filenames if not name.startswith("."))
        return sorted(found)


def patch_theme(theme: Theme, cache_dir: Path) -> None:
    """Make every environment `theme.get_env()` returns cache compiled templates and list visible files."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    bytecode_cache = FileSystemBytecodeCache(str(cache_dir))
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        env.bytecode_cache = bytecode_cache
        loader = env.loader
        assert isinstance(loader, FileSystemLoader), "MkDocs' theme loads templates from its folders"
        env.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env  # type: ignore[method-assign]  # the patch
