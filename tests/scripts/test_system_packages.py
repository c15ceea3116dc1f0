"""Every Debian package set the Makefile asks scripts/ensure-system-packages for is one the script knows."""
from __future__ import annotations

import re
import subprocess

from tests.conftest import REPO_ROOT

SCRIPT = REPO_ROOT / "scripts/ensure-system-packages"


def test_the_makefile_asks_only_for_package_sets_the_script_installs():
    asked = set(re.findall(r"ensure-system-packages ([a-z]+)", (REPO_ROOT / "Makefile").read_text("utf-8")))
    known = set(re.findall(r"^    ([a-z]+)\)$", SCRIPT.read_text("utf-8"), re.MULTILINE))
    assert {"java", "browser", "node", "graphviz"} <= asked
    assert asked <= known


def test_an_unknown_set_is_refused_with_the_sets_it_knows():
    finished = subprocess.run([str(SCRIPT), "jdk"], capture_output=True, text=True, timeout=30)
    assert finished.returncode == 2
    assert "unknown package set 'jdk' (expected node, browser, graphviz or java)" in finished.stderr
