"""Cold builds of the same site by several contenders, alternated round by round.

Cold means: before every build, the contender's output and the caches a build
leaves for the next one are deleted; for our project that is .cache/ (the RSS
plugin's cache, mkdocs-jupyter's executed notebooks, filter-experiment
results), for Zensical its .cache/ (and `--clean`). Python's bytecode and
jieba's dictionary cache in $TMPDIR (plain Material's search) stay, as on any
developer's machine. Our builds also report how long the search index took
(kb/search logs it).
"""
from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .measure import measured_run
from .projects import OUR_CACHE_DIR, build_env

MKDOCS_BUILD = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir"]
SEARCH_INDEX_LOG = re.compile(r"kb/search: indexed \d+ pages with Pagefind in ([\d.]+) s")


@dataclass(frozen=True)
class Contender:
    key: str  # ours, plain, zensical, ours-warm
    label: str
    project: Path
    command: list[str]
    site_dir: Path
    # Deleted before each build: output and caches.
    cold_paths: tuple[Path, ...]
    site_url: str | None = None
    python_path: Path | None = None  # added to PYTHONPATH (jieba, for plain Material)


@dataclass(frozen=True)
class Build:
    contender: str
    round: int
    seconds: float
    cpu_seconds: float
    peak_rss_bytes: int
    pages: int
    search_index_seconds: float | None = None  # ours only: Pagefind's part of the build

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / self.pages


def mkdocs_contender(
    key: str, label: str, project: Path, site_dir: Path, *, keep_cache: bool = False, python_path: Path | None = None
) -> Contender:
    cold = (site_dir,) if keep_cache else (site_dir, project / OUR_CACHE_DIR)
    return Contender(key, label, project, [*MKDOCS_BUILD, str(site_dir)], site_dir, cold, python_path=python_path)


def zensical_contender(label: str, project: Path, executable: list[str]) -> Contender:
    site_dir = project / "site"
    return Contender(
        "zensical", label, project, [*executable, "build", "--clean", "--config-file", "mkdocs.yml"],
        site_dir, (site_dir, project / ".cache"),
    )


def pages_built(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("index.html"))


def cold_build(contender: Contender, round_number: int) -> Build:
    for path in contender.cold_paths:
        shutil.rmtree(path, ignore_errors=True)
    run = measured_run(contender.command, contender.project, build_env(contender.site_url, contender.python_path))
    if run.returncode != 0:
        raise SystemExit(
            f"{contender.label}: the build in {contender.project} failed ({run.returncode}):\n"
            + "\n".join(run.output.splitlines()[-30:])
        )
    indexed = SEARCH_INDEX_LOG.search(run.output)
    return Build(
        contender.key, round_number, run.seconds, run.cpu_seconds, run.peak_rss_bytes, pages_built(contender.site_dir),
        float(indexed.group(1)) if indexed else None,
    )


def alternated_builds(contenders: list[Contender], rounds: int) -> list[Build]:
    """rounds × (each contender once, in the given order): A, B, C, A, B, C, …"""
    builds = []
    for round_number in range(1, rounds + 1):
        for contender in contenders:
            build = cold_build(contender, round_number)
            print(
                f"  round {round_number}: {contender.label}: {build.seconds:.2f} s (CPU {build.cpu_seconds:.2f} s), "
                f"{build.pages} pages, {build.peak_rss_bytes / 2**20:.0f} MiB",
                flush=True,
            )
            builds.append(build)
    return builds

