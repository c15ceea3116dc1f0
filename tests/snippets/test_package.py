"""snippets/ is a plain importable package: importing any module does nothing visible."""
from __future__ import annotations

import pkgutil
import subprocess
import sys

import snippets
from tests.conftest import REPO_ROOT


def snippet_modules() -> list[str]:
    return sorted(
        module.name for module in pkgutil.walk_packages(snippets.__path__, prefix="snippets.")
    )


def test_every_module_imports_silently_and_writes_nothing(tmp_path):
    modules = snippet_modules()
    assert len(modules) > 1
    result = subprocess.run(
        [sys.executable, "-c", f"import importlib\nfor name in {modules!r}: importlib.import_module(name)"],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO_ROOT), "PYTHONDONTWRITEBYTECODE": "1"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert list(tmp_path.iterdir()) == []
