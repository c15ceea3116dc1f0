"""Python on a page is only ever a tested section of a file in snippets/."""
from __future__ import annotations

import re

import pytest

from tests.conftest import REPO_ROOT

PYTHON_FENCE = re.compile(r'^```python(?P<attrs>[^\n]*)\n(?P<body>.*?)^```', re.MULTILINE | re.DOTALL)
EMBED = re.compile(r'^--8<-- "(?P<path>snippets/[^":]+\.py):(?P<section>[\w-]+)"$')
CAPTION = re.compile(r'title="(?P<source>snippets/\S+\.py) · 測試：(?P<test>tests/\S+\.py)"')

PAGES = sorted((REPO_ROOT / "docs").rglob("*.md"))


def python_blocks(page):
    return list(PYTHON_FENCE.finditer(page.read_text("utf-8")))


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO_ROOT)))
def test_python_blocks_embed_one_section_and_name_its_test(page):
    for block in python_blocks(page):
        embed = EMBED.match(block["body"].strip())
        assert embed, f"{page.name}: a python block must hold exactly one snippet embed:\n{block['body']}"
        caption = CAPTION.search(block["attrs"])
        assert caption, f"{page.name}: caption 'title=\"<file> · 測試：<test>\"' missing on {embed['path']}"
        assert caption["source"] == embed["path"], f"{page.name}: caption names another file"
        assert (REPO_ROOT / caption["test"]).is_file(), f"{page.name}: {caption['test']} does not exist"


def test_every_snippet_module_has_a_test_file():
    for module in (REPO_ROOT / "snippets").rglob("*.py"):
        if module.name == "__init__.py":
            continue
        relative = module.relative_to(REPO_ROOT / "snippets")
        test = REPO_ROOT / "tests/snippets" / relative.parent / f"test_{relative.name}"
        assert test.is_file(), f"{module.relative_to(REPO_ROOT)} has no {test.relative_to(REPO_ROOT)}"
