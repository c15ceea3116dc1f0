"""The `kb/mathjax` plugin: self-host MathJax 3, its files from the pinned PyPI package.

django-static-mathjax ships MathJax's es5/ tree (no Django needed). Only what
CHTML output needs is published; the loader script decides per page whether
to fetch it, so pages without math load none of it.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

PACKAGE = "mathjax"  # import name of django-static-mathjax
SITE_DIR = "assets/mathjax"
ENTRY_POINT = "tex-chtml.js"
# Loaded on demand by tex-chtml.js: fonts, \require'd TeX packages, the
# accessibility menu and its speech rules.
ON_DEMAND_DIRS = ("output/chtml/fonts/woff-v2", "input/tex/extensions", "a11y", "sre", "ui")


def mathjax_es5_dir() -> Path:
    """The es5/ folder of the installed MathJax package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PluginError(
            "kb/mathjax: MathJax is not installed; run `make serve` or "
            "`pip install -r requirements.txt` (django-static-mathjax)."
        )
    es5 = Path(next(iter(spec.submodule_search_locations))) / "static" / "mathjax" / "es5"
    if not (es5 / ENTRY_POINT).is_file():
        raise PluginError(f"kb/mathjax: {es5 / ENTRY_POINT} is missing.")
    return es5


def mathjax_files(es5: Path) -> list[str]:
    """Paths, relative to es5/, of the files the site publishes."""
    paths = [ENTRY_POINT]
    for folder in ON_DEMAND_DIRS:
        paths += sorted(
            str(path.relative_to(es5)) for path in (es5 / folder).rglob("*") if path.is_file()
        )
    return paths


class MathJaxPlugin(BasePlugin):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        es5 = mathjax_es5_dir()
        for relative in mathjax_files(es5):
            files.append(File.generated(config, f"{SITE_DIR}/{relative}", abs_src_path=str(es5 / relative)))
        return files
