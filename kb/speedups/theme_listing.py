"""List the theme's files without walking Material's 14,000 icons on every build.

Each build, MkDocs lists every file in the theme's folders to find static
assets to copy, then drops every path with a hidden part (`.icons/…`). Material
keeps 14,348 of its 14,509 template files under `.icons/`, so that listing and
filtering was 17 % of a `mkdocs serve` rebuild of this site. This hook gives
the theme's environment a loader that skips hidden folders while listing;
loading a template by name, icons included, is unchanged.
"""
from __future__ import annotations

import os

from jinja2 import FileSystemLoader
from mkdocs.plugins import event_priority


class VisibleFilesLoader(FileSystemLoader):
    """A FileSystemLoader whose list_templates() leaves out hidden files and folders."""

    def list_templates(self) -> list[str]:
        found = set()
        for searchpath in self.searchpath:
            for folder, subfolders, filenames in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                relative = os.path.relpath(folder, searchpath)
                prefix = "" if relative == "." else relative.replace(os.path.sep, "/") + "/"
                found.update(prefix + name for name in filenames if not name.startswith("."))
        return sorted(found)


@event_priority(100)  # before plugins ask the theme for an environment in their on_config
def on_config(config):
    theme = config.theme
    make_env = theme.get_env

    def get_env():
        env = make_env()
        loader = env.loader
        env.loader = VisibleFilesLoader(loader.searchpath, loader.encoding, loader.followlinks)
        return env

    theme.get_env = get_env
