"""Shared fixtures: the strictly built site, and throwaway copies of the project."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from scripts.local_site import SiteServer, serve_directory

REPO_ROOT = Path(__file__).resolve().parents[1]
# What `mkdocs build` reads; copies of the project take exactly these.
PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks", "snippets", "data")


def run_mkdocs_build(
    project_dir: Path, site_dir: Path, site_url: str | None = None
) -> subprocess.CompletedProcess:
    """Run a strict build as `make build` does, returning the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def json_from_fresh_python(program: str, hash_seed: int) -> object:
    """What `program` prints as JSON in a new interpreter with another PYTHONHASHSEED."""
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONHASHSEED": str(hash_seed)},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def read_front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---", 2)[1])


@pytest.fixture(scope="session")
def site_server(tmp_path_factory) -> Iterator[SiteServer]:
    """A static HTTP server on a free port of 127.0.0.1, for the site built below.

    It starts before the build because the build must know its URL: Material's
    instant navigation only intercepts links listed in sitemap.xml, and it
    matches them by protocol, host *and port*.
    """
    with serve_directory(tmp_path_factory.mktemp("built") / "site") as server:
        yield server


@pytest.fixture(scope="session")
def built_site(site_server: SiteServer) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    result = run_mkdocs_build(REPO_ROOT, site_server.site_dir, site_url=site_server.url)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return site_server.site_dir


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


def pytest_terminal_summary(terminalreporter) -> None:
    """Print what tests measured with `record_property` (search ranks, pages checked)."""
    measured = [
        (report.nodeid.split("::")[-1].split("[")[0], name, value)
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call"
        for name, value in report.user_properties
    ]
    if measured:
        terminalreporter.write_sep("-", "measured")
        for test, name, value in measured:
            terminalreporter.write_line(f"{test}: {name} = {value}")
