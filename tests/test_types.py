"""kb/ type-checks clean: every plugin event and helper is typed (pyproject.toml [tool.mypy])."""
import subprocess
import sys

from tests.conftest import REPO_ROOT


def test_mypy_finds_no_type_errors_in_the_plugins():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(REPO_ROOT / ".mypy_cache")],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found")
