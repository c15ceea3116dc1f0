"""What `mkdocs build` reads from the project, and how to copy it elsewhere.

Tests break copies on purpose; the benchmark builds copies. Both copy exactly these.
The installed npm packages (node_modules/) are an environment, like .venv: a copy
links to the project's instead of copying them.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
# The site's own plugins: a change there changes what a build makes, too.
SITE_CODE = ("kb", "pyproject.toml")
PROJECT_PARTS = ("mkdocs.yml", "docs", "overrides", "snippets", "data", "jupyter")
NODE_MODULES = "node_modules"


def copy_build_inputs(destination: Path, source: Path = REPO_ROOT, parts: tuple[str, ...] = PROJECT_PARTS) -> Path:
    """Copy `parts` of `source` into `destination`, an existing folder that holds none of them."""
    for part in parts:
        origin = source / part
        if origin.is_dir():
            shutil.copytree(origin, destination / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, destination / part)
    if (source / NODE_MODULES).is_dir() and not (destination / NODE_MODULES).exists():
        (destination / NODE_MODULES).symlink_to((source / NODE_MODULES).resolve(), target_is_directory=True)
    return destination


class _IgnoreTagsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without running its `!ENV` and `!!python/...` tags."""


_IgnoreTagsLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_IgnoreTagsLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def read_mkdocs_config(text: str) -> dict:
    """mkdocs.yml as plain data; tagged values (`!ENV`, `!!python/name`) read as None."""
    return yaml.load(text, Loader=_IgnoreTagsLoader) or {}


def source_revision() -> str:
    """The commit measured, and whether the build inputs or the site's plugins had uncommitted changes (read-only git calls)."""
    def git(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", *arguments], cwd=REPO_ROOT, capture_output=True, text=True)

    head = git("rev-parse", "--short", "HEAD")
    if head.returncode != 0:
        return "not a git checkout"
    changed = git("diff", "--quiet", "HEAD", "--", *PROJECT_PARTS, *SITE_CODE).returncode != 0
    return head.stdout.strip() + ("（另有未提交的修改）" if changed else "")
