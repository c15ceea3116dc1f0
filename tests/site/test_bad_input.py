"""A contributor's mistake fails the build with a message that names the file."""
from __future__ import annotations

import re

import pytest

from tests.conftest import run_mkdocs_build

pytestmark = pytest.mark.build

POST = "docs/blog/posts/kubernetes-device-plugin.md"
GUIDE = "docs/writing-guide.md"
SNIPPET_EMBED = '\n--8<-- "snippets/writing_guide/fibonacci.py:iterative"'  # the real embed, not the escaped example


def break_file(project, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text("utf-8")
    assert old in text, f"{relative} no longer contains {old!r}; update this test"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    "relative, old, new, message",
    [
        pytest.param(POST, "slug: kubernetes-device-plugin", "slug: [unclosed",
                     "front matter is not valid YAML", id="malformed-front-matter"),
        pytest.param(POST, "date: 2017-12-08\n", "",
                     "missing 'date'", id="no-date"),
        pytest.param(POST, "  - TIL", "  - 隨筆",
                     "unknown category '隨筆'", id="unknown-category"),
        pytest.param(GUIDE, SNIPPET_EMBED, SNIPPET_EMBED.replace("fibonacci.py", "fibonaci.py"),
                     "snippet file snippets/writing_guide/fibonaci.py does not exist",
                     id="missing-snippet-file"),
        pytest.param(GUIDE, SNIPPET_EMBED, SNIPPET_EMBED.replace(":iterative", ":recursive"),
                     "snippets/writing_guide/fibonacci.py has no section 'recursive' (sections: binet, iterative)",
                     id="missing-snippet-section"),
    ],
)
def test_bad_input_fails_the_build_naming_the_file(project_copy, relative, old, new, message):
    break_file(project_copy, relative, old, new)
    result = run_mkdocs_build(project_copy, project_copy / "site")
    assert result.returncode != 0
    # file:line: message, as an editor or terminal can jump to it
    assert re.search(rf"{re.escape(relative)}(:\d+)?: {re.escape(message)}", result.stderr), result.stderr
