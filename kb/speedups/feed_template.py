"""The RSS plugin's feed template is compiled once, not in every build.

mkdocs-rss-plugin makes a new Jinja environment in every `on_post_build` and
compiles its feed template in it: 9 % of a `mkdocs serve` rebuild after a
one-post edit at 1,000 posts (py-spy). Its environments get Jinja's bytecode
cache, in the folder where the theme's compiled templates are kept
(kb/speedups/theme_environment.py), keyed by the template's source.

The patch: the `Environment` that mkdocs_rss_plugin.plugin calls, a subclass
with the cache.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs_rss_plugin.plugin as rss_plugin
from jinja2 import Environment, FileSystemBytecodeCache

NAME = "kb.speedups.feed_template"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs-rss-plugin": ("1.19.0",)}


def caching_environment(cache_dir: Path) -> type[Environment]:
    """A Jinja Environment whose instances keep compiled templates in cache_dir."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    bytecode_cache = FileSystemBytecodeCache(str(cache_dir))

    class CachingEnvironment(Environment):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **{"bytecode_cache": bytecode_cache, **kwargs})

    return CachingEnvironment


def compile_feed_template_once(cache_dir: Path | None) -> None:
    """Give the RSS plugin environments that cache in cache_dir, or (None) Jinja's own again."""
    rss_plugin.Environment = Environment if cache_dir is None else caching_environment(cache_dir)  # the patch
