"""kb/speedups/parallel_conversion.py: a second process converts pages from the end, and the site stays the same."""
from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from kb.speedups import parallel_conversion
from kb.speedups.parallel_conversion import SharedPosition, convert_from_the_end
from tests.conftest import tree_hashes

UNSTABLE = ("feed_",)  # the feeds carry the build time


class Plugins:
    """Stands in for MkDocs' plugin collection: pre_page and page_markdown change nothing."""

    def on_pre_page(self, page, **_):
        return page

    def on_page_markdown(self, markdown, **_):
        return markdown


def stub_files(count: int, converted: list[int], reached: SharedPosition, reach_after: int | None = None):
    def page(index: int):
        def render(config, files):
            converted.append(index)
            if reach_after is not None and len(converted) == reach_after:
                reached.set(index - 1)  # MkDocs catches up with the helper
        return SimpleNamespace(render=render, markdown="# 頁面\n", read_source=lambda config: None)

    return [SimpleNamespace(src_uri=f"page-{index}.md", page=page(index)) for index in range(count)]


def test_the_helper_converts_from_the_last_page_back_and_stops_where_mkdocs_is():
    reached, converted = SharedPosition(), []
    files = stub_files(10, converted, reached, reach_after=3)
    config = SimpleNamespace(plugins=Plugins())
    convert_from_the_end(files, config, None, reached, is_memoized=lambda page: True)
    assert converted == [9, 8, 7]


def test_the_helper_leaves_notebooks_and_unmemoized_pages_to_mkdocs():
    reached, converted = SharedPosition(), []
    files = stub_files(3, converted, reached)
    files[2].src_uri = "notebook.ipynb"
    config = SimpleNamespace(plugins=Plugins())
    convert_from_the_end(files, config, None, reached, is_memoized=lambda page: page is not files[0].page)
    assert converted == [1]


# pytest-xdist's worker runs threads; the child here only writes the number and exits.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_the_position_is_shared_with_a_forked_process():
    reached = SharedPosition()
    pid = os.fork()
    if pid == 0:
        reached.set(41)
        os._exit(0)
    os.waitpid(pid, 0)
    assert reached.get() == 41


def test_the_helper_runs_only_when_asked_for(monkeypatch):
    monkeypatch.delenv(parallel_conversion.WORKERS_SWITCH, raising=False)
    assert not parallel_conversion.worth_forking(10_000)
    monkeypatch.setenv(parallel_conversion.WORKERS_SWITCH, "1")
    assert not parallel_conversion.worth_forking(10_000)


@pytest.mark.build
def test_a_build_with_the_helper_equals_one_without(project_copy, tmp_path):
    sites = {}
    for workers in ("2", "1"):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KB_BUILD_CACHE": "off", parallel_conversion.WORKERS_SWITCH: workers}
        site = tmp_path / f"workers-{workers}"
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
            cwd=project_copy, env=env, capture_output=True, text=True, timeout=300,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        assert "from the second process" not in result.stderr or workers == "2"
        sites[workers] = {path: digest for path, digest in tree_hashes(site).items() if not path.startswith(UNSTABLE)}
    assert sites["2"] == sites["1"]
