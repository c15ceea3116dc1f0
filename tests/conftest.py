"""Shared fixtures: the strictly built site, and throwaway copies of the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
# What `mkdocs build` reads; copies of the project take exactly these.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "snippets", "data")


def run_mkdocs_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run a strict build as `make build` does, returning the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def read_front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---", 2)[1])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("built") / "site"
    result = run_mkdocs_build(REPO_ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def posts() -> list[dict]:
    """Front matter of every post, with its source path under `source`."""
    return [
        {**read_front_matter(path), "source": path}
        for path in sorted((REPO_ROOT / "docs/blog/posts").glob("*.md"))
    ]


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of everything the build reads, for breaking on purpose."""
    for part in PROJECT_PARTS:
        source = REPO_ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, tmp_path / part)
    return tmp_path
