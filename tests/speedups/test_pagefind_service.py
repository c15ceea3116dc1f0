"""The Pagefind poll patch, on the real package: upstream still polls, and the patch removes the wait."""
from __future__ import annotations

import asyncio
import inspect
import time
from pathlib import Path

import pagefind.service
import pytest

from kb.content.search.pagefind_index import run_to_completion
from kb.speedups import pagefind_service


@pytest.fixture
def unpatched(monkeypatch):
    """The service module as upstream ships it, restored after the test."""
    monkeypatch.setattr(pagefind.service, "asyncio", asyncio)


def test_upstream_still_polls_before_each_read():
    source = inspect.getsource(pagefind.service.PagefindService._wait_for_responses)
    assert pagefind_service.POLL in source
    module_source = inspect.getsource(pagefind.service)
    assert module_source.count("asyncio.sleep(") == 1, "another sleep in the module would be patched too"


def index_once(output: Path) -> float:
    from pagefind.index import IndexConfig, PagefindIndex

    async def run() -> None:
        async with PagefindIndex(IndexConfig(output_path=str(output))) as index:
            await index.add_custom_record(url="/a/", content="布 穀 鳥", language="und", meta={"title": "a"})
            await index.get_files()

    started = time.perf_counter()
    run_to_completion(run())
    return time.perf_counter() - started


def test_the_patch_takes_effect(unpatched, tmp_path):
    pagefind_service.answer_without_poll()
    assert pagefind.service.asyncio is pagefind_service.NO_POLL_ASYNCIO
    # Four requests (new index, add, get files) answered with the 0.1 s poll take 0.4 s or more.
    assert index_once(tmp_path / "pagefind") < 0.3


def test_upstream_polls_without_the_patch(unpatched, tmp_path):
    assert index_once(tmp_path / "pagefind") >= 0.3
