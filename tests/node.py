"""Run JavaScript modules of the site under Node, for tests of code the browser runs."""
from __future__ import annotations

import json
import shutil
import subprocess

from tests.conftest import REPO_ROOT

SEARCH_JS = REPO_ROOT / "docs/assets/javascripts/search"


def run_module(source: str, stdin: object = None) -> object:
    """Run ES module `source` (cwd: the repo) with `stdin` as JSON; return what it prints, as JSON."""
    node = shutil.which("node")
    assert node, "node is not installed: run `make test`, which installs it"
    result = subprocess.run(
        [node, "--input-type=module", "-e", source],
        input=json.dumps(stdin, ensure_ascii=False),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def search_module(name: str) -> str:
    """An import specifier for docs/assets/javascripts/search/<name>."""
    return (SEARCH_JS / name).as_uri()


READ_STDIN = """
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
"""
