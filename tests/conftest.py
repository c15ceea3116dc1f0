"""Shared fixtures: the strictly built site, throwaway copies of the project, and a site with contributed posts."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

import pytest
import yaml

from scripts.build_inputs import copy_build_inputs
from scripts.local_site import SiteServer, serve_directory
from scripts.new_post import main as new_post

REPO_ROOT = Path(__file__).resolve().parents[1]
# `make build`: a strict build swapped into site/ only when it succeeds.
BUILD_SCRIPT = REPO_ROOT / "scripts/build_site.py"


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


def run_site_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `make build`'s script (build, then swap into site_dir), returning the finished process."""
    return subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--site-dir", str(site_dir)],
        cwd=project_dir,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


def tree_hashes(root: Path) -> dict[str, str]:
    """SHA-256 of every file under root, by relative path; folders appear with an empty hash."""
    return {
        path.relative_to(root).as_posix(): (
            hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        )
        for path in sorted(root.rglob("*"))
    }


# A stand-in for the last good build: what matters is that its bytes survive a failed build.
LAST_GOOD_SITE = {
    "index.html": "<!doctype html><title>上一次成功的建置</title>".encode(),
    "blog/kubernetes-device-plugin/index.html": b"<!doctype html><h1>Kubernetes Device Plugin</h1>",
    "search/search_index.json": b'{"config": {}, "docs": []}',
    "assets/binary.bin": bytes(range(256)),
}


def write_last_good_site(site: Path) -> dict[str, str]:
    """Fill `site` as the last good build left it; return its tree_hashes."""
    for relative, data in LAST_GOOD_SITE.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return tree_hashes(site)


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
def site_build(site_server: SiteServer) -> subprocess.CompletedProcess:
    """The one `mkdocs build --strict` of the site per test session, with what it printed."""
    result = run_mkdocs_build(REPO_ROOT, site_server.site_dir, site_url=site_server.url)
    assert result.returncode == 0, f"strict build failed:\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def built_site(site_build: subprocess.CompletedProcess, site_server: SiteServer) -> Path:
    """The site, built once per test session with `mkdocs build --strict`."""
    return site_server.site_dir


@pytest.fixture(scope="session")
def posts() -> list[dict]:
    """Front matter of every post, with its source path under `source`."""
    return [
        {**read_front_matter(path), "source": path}
        for path in sorted((REPO_ROOT / "docs/blog/posts").glob("*.md"))
    ]


def copy_project(project: Path) -> Path:
    """Make `project` a fresh copy of everything the build reads; only its .cache/ stays.

    .cache/ entries are keyed by content, and mkdocs-jupyter's also by the
    notebook's absolute path: a copy made again at the same path does not run
    an unchanged notebook again (about 5 s a build).
    """
    project.mkdir(parents=True, exist_ok=True)
    for child in project.iterdir():
        if child.name == ".cache":
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    return copy_build_inputs(project)


@pytest.fixture(scope="session")
def reused_project_dir(tmp_path_factory) -> Path:
    """Where the project is copied again and again, so the copies share a warm .cache/.

    One test at a time uses it: with pytest-xdist, all its users run in one worker.
    """
    return tmp_path_factory.mktemp("project-copy")


@pytest.fixture
def project_copy(reused_project_dir) -> Path:
    """A throwaway copy of everything the build reads, for breaking on purpose."""
    return copy_project(reused_project_dir)


# Posts a contributor might add. `make new-post` writes the first two; the
# third puts HTML in a front matter title; the fourth repeats a post's title;
# those in tests/site/contributed/ use every kind of HTML a post may hold, and a
# reviewed exception.
SCAFFOLD_ARGUMENTS = (
    ("--title", "新文章：Hello World", "--category", "TIL", "--tags", "範例"),
    ("--title", "<img src=x onerror=alert(1)> 標題", "--category", "TIL",
     "--slug", "html-in-title", "--tags", "<b>粗體</b>,範例"),
)
FRONT_MATTER_TITLE_POST = (
    "docs/blog/posts/html-in-front-matter.md",
    """---
date: 2017-12-01
slug: html-in-front-matter
title: "<img src=x onerror=alert(2)> 前言標題"
categories:
  - TIL
tags:
  - <b>粗體</b>
---

這篇的標題寫在 front matter 裡，內文沒有 `#` 標題。

<!-- more -->

內文。
""",
)
REPEATED_TITLE_POST = (
    "docs/blog/posts/kubernetes-device-plugin.md",
    "docs/blog/posts/device-plugin-again.md",
)
CONTRIBUTED_POSTS = REPO_ROOT / "tests/site/contributed"


@dataclass(frozen=True)
class ContributedSite:
    project: Path  # where it was built; later tests may copy the project there again
    site: Path
    build: subprocess.CompletedProcess
    scaffolded: dict[str, str]  # what `make new-post` printed, by title
    stale_file: str  # in site/ before the build


@pytest.fixture(scope="session")
def contributed_site(reused_project_dir, tmp_path_factory) -> ContributedSite:
    """The site built by `make build`'s script from a copy of the project plus contributed posts.

    The site is built outside the copy, over a stale site/, so later tests may
    reuse the copy's folder.
    """
    project = copy_project(reused_project_dir)
    scaffolded = {}
    for arguments in SCAFFOLD_ARGUMENTS:
        output = StringIO()
        with redirect_stdout(output):
            assert new_post([*arguments, "--project-dir", str(project)]) == 0
        scaffolded[arguments[1]] = output.getvalue()
    relative, text = FRONT_MATTER_TITLE_POST
    (project / relative).write_text(text, "utf-8")
    original, repeated = REPEATED_TITLE_POST
    text = (project / original).read_text("utf-8")
    text = text.replace("slug: kubernetes-device-plugin", "slug: device-plugin-again")
    (project / repeated).write_text(text, "utf-8")
    for post in CONTRIBUTED_POSTS.glob("*.md"):
        shutil.copy(post, project / "docs/blog/posts" / post.name)

    site = tmp_path_factory.mktemp("contributed") / "site"
    stale_file = "stale-page-from-the-last-build.html"
    site.mkdir()
    (site / stale_file).write_text("old", "utf-8")
    build = run_site_build(project, site)
    return ContributedSite(project, site, build, scaffolded, stale_file)


# `make test` spreads the tests over CPU cores with pytest-xdist (--dist loadgroup).
# Tests that share a build run in one worker, so the build happens once; every
# other test stays with its module, so module-scoped fixtures also run once.
SHARED_BUILD_GROUPS = {
    "built_site": "built-site",
    "reused_project_dir": "project-copy",
    "early_outcomes": "project-copy",
    "raw_html_outcome": "project-copy",
}


def pytest_itemcollected(item) -> None:
    # Marked as each test is collected, before xdist turns the groups into node ids.
    if not item.config.pluginmanager.hasplugin("xdist"):
        return
    group = next(
        (group for fixture, group in SHARED_BUILD_GROUPS.items() if fixture in item.fixturenames),
        item.module.__name__,
    )
    item.add_marker(pytest.mark.xdist_group(group))


def pytest_terminal_summary(terminalreporter) -> None:
    """Print what tests measured with `record_property` (search ranks, pages checked)."""
    measured = [
        (report.nodeid.split("::")[-1].split("@")[0].split("[")[0], name, value)  # "@group": xdist
        for report in terminalreporter.stats.get("passed", [])
        if report.when == "call"
        for name, value in report.user_properties
    ]
    if measured:
        terminalreporter.write_sep("-", "measured")
        for test, name, value in measured:
            terminalreporter.write_line(f"{test}: {name} = {value}")
