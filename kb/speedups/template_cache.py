"""Keep compiled theme templates between builds.

MkDocs makes a new Jinja environment for every build, and Material's blog and
search plugins make more of their own to look up translations, so
`mkdocs serve` compiled Material's templates again after each save. Every
environment the theme hands out gets Jinja's bytecode cache, keyed by each
template's source, so a rebuild loads them instead.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

CACHE_DIR = Path(".cache/jinja")


@event_priority(100)  # before plugins ask the theme for an environment in their on_config
def on_config(config):
    directory = Path(config.config_file_path).parent / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    bytecode_cache = FileSystemBytecodeCache(str(directory))
    theme = config.theme
    make_env = theme.get_env

    def get_env():
        env = make_env()
        env.bytecode_cache = bytecode_cache
        return env

    theme.get_env = get_env
