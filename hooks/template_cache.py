"""Keep compiled page templates between builds.

MkDocs makes a new Jinja environment for every build, so `mkdocs serve`
compiles Material's templates again after each save. Jinja's bytecode cache,
keyed by each template's source, lets a rebuild load them instead.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import FileSystemBytecodeCache

CACHE_DIR = Path(".cache/jinja")


def on_env(env, *, config, files):
    directory = Path(config.config_file_path).parent / CACHE_DIR
    directory.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(directory))
    return env
