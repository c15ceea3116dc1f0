"""`make test` in a fresh clone of HEAD, timed as CI runs it: venv, install and every test.

The clone goes under .cache/bench/ and is deleted afterwards (its .venv is
about 700 MB). Only committed work is measured.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .measure import measured_run
from .projects import BENCH_DIR, REPO_ROOT

CLONE_DIR = BENCH_DIR / "make-test-clone"
TIMEOUT_SECONDS = 1800
# pytest's last line, e.g. "===== 599 passed in 105.32s (0:01:45) =====".
PYTEST_SUMMARY = re.compile(r"^=+ (?P<summary>\d+ \w+.*?) in (?P<seconds>[\d.]+)s(?: \([\d:]+\))? =+$", re.MULTILINE)


@dataclass(frozen=True)
class SuiteRun:
    seconds: float  # the whole `make test`, setup included
    cpu_seconds: float
    returncode: int
    summary: str | None  # pytest's result line, e.g. "599 passed"
    pytest_seconds: float | None


def pytest_result(output: str) -> tuple[str | None, float | None]:
    """pytest's last summary ("599 passed", 105.32) from a run's output, or (None, None)."""
    matches = list(PYTEST_SUMMARY.finditer(output))
    if not matches:
        return None, None
    last = matches[-1]
    return last["summary"], float(last["seconds"])


def make_test_in_fresh_clone(repo: Path = REPO_ROOT) -> SuiteRun:
    shutil.rmtree(CLONE_DIR, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(repo), str(CLONE_DIR)], check=True)
    try:
        run = measured_run(["make", "test"], CLONE_DIR, {**os.environ, "CI": "true"}, TIMEOUT_SECONDS)
    finally:
        shutil.rmtree(CLONE_DIR, ignore_errors=True)
    summary, pytest_seconds = pytest_result(run.output)
    if run.returncode != 0:
        print(f"make test failed in the fresh clone:\n{run.output[-3000:]}", flush=True)
    return SuiteRun(run.seconds, run.cpu_seconds, run.returncode, summary, pytest_seconds)
