"""`make build` (scripts/build_site.py): site/ is always a whole site, the last good one or the new one.

tests/site/test_bad_input.py checks the same for every kind of bad page.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts.build_site import replace_site
from tests.conftest import BUILD_SCRIPT, REPO_ROOT, run_site_build, tree_hashes, write_last_good_site

MID_BUILD_TIMEOUT_SECONDS = 180
POLL_SECONDS = 0.05


def temporary_folders(parent: Path) -> list[Path]:
    return sorted(parent.glob("site.partial*"))


def test_replace_site_moves_the_new_site_in_and_the_old_one_aside(tmp_path):
    new, site, trash = tmp_path / "new", tmp_path / "site", tmp_path / "trash"
    old = write_last_good_site(site)
    (new / "blog").mkdir(parents=True)
    (new / "index.html").write_text("新的", "utf-8")
    replace_site(new, site, trash)
    assert sorted(tree_hashes(site)) == ["blog", "index.html"]
    assert (site / "index.html").read_text("utf-8") == "新的"
    assert tree_hashes(trash) == old
    assert not new.exists()


def test_replace_site_works_when_there_is_no_site_yet(tmp_path):
    (tmp_path / "new").mkdir()
    replace_site(tmp_path / "new", tmp_path / "site", tmp_path / "trash")
    assert (tmp_path / "site").is_dir() and not (tmp_path / "trash").exists()


@pytest.mark.build
def test_a_successful_build_replaces_the_whole_old_site(contributed_site):
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    assert (contributed_site.site / "index.html").is_file()
    assert not (contributed_site.site / contributed_site.stale_file).exists()
    assert temporary_folders(contributed_site.site.parent) == []


def test_a_failed_build_leaves_the_site_byte_for_byte(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: [unclosed\n", "utf-8")
    before = write_last_good_site(tmp_path / "site")
    result = run_site_build(tmp_path, tmp_path / "site")
    assert result.returncode != 0
    assert "Build failed: site/ is unchanged." in result.stderr
    assert tree_hashes(tmp_path / "site") == before
    assert temporary_folders(tmp_path) == []


@pytest.mark.build
def test_ctrl_c_mid_build_leaves_the_site_and_no_temporary_folder(project_copy, tmp_path):
    before = write_last_good_site(project_copy / "site")
    log = (tmp_path / "build.log").open("w+", encoding="utf-8")
    # A session of its own, so the signal goes to the script and MkDocs as Ctrl-C in a terminal does.
    build = subprocess.Popen(
        [sys.executable, str(BUILD_SCRIPT), "--site-dir", "site"],
        cwd=project_copy,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + MID_BUILD_TIMEOUT_SECONDS
        # Mid-build: MkDocs has started writing the new site.
        while not any(path.is_file() for folder in temporary_folders(project_copy) for path in folder.rglob("*")):
            assert build.poll() is None, "the build ended before it wrote anything"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(POLL_SECONDS)
        os.killpg(build.pid, signal.SIGINT)
        assert build.wait(60) == 130
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
    log.seek(0)
    assert "Interrupted (SIGINT): site/ is unchanged." in log.read()
    assert tree_hashes(project_copy / "site") == before
    assert temporary_folders(project_copy) == []


def test_make_build_runs_this_script():
    recipe = subprocess.run(["make", "--dry-run", "build"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert ".venv/bin/python -m scripts.build_site --site-dir site" in recipe
