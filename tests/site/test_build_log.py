"""What the build prints: each line tells a contributor something (issue: the terminal, for contributors)."""
from __future__ import annotations

import re

# Every line a good build may print, each a step a contributor can follow.
EXPECTED_LINES = [
    r"INFO    -  Cleaning site directory",
    r"INFO    -  Building documentation to directory: .+",
    r"INFO    -  Converting notebook \(execute=True\): .+\.ipynb",
    r"INFO    -  Cache (hit|miss)(, writing)?: .+\.ipynb",
    r"INFO    -  Copied jupyter file: .+\.ipynb to .+\.ipynb",
    r"INFO    -  kb/speedups: \d+ pages took their Markdown conversion from .cache/kb/ or the last build",
    r"INFO    -  kb/search: indexed \d+ pages with Pagefind in [\d.]+ s \(\d+ files, [\d,]+ KiB\)",
    r"INFO    -  Documentation built in [\d.]+ seconds",
]


def test_a_good_build_prints_only_lines_that_mean_something(site_build):
    printed = (site_build.stdout + site_build.stderr).splitlines()
    unexpected = [line for line in printed if not any(re.fullmatch(pattern, line) for pattern in EXPECTED_LINES)]
    assert unexpected == []
    assert sum("Documentation built in" in line for line in printed) == 1
