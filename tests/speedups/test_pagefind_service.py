"""The Pagefind poll patch, on the real package: upstream still polls, and the patch removes the wait."""
from __future__ import annotations

import asyncio
import inspect
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


def poll_waits(output: Path, monkeypatch) -> list[float]:
    """Index one record with the real Pagefind, and return each non-zero `asyncio.sleep` delay awaited."""
    from pagefind.index import IndexConfig, PagefindIndex

    waits: list[float] = []
    real_sleep = asyncio.sleep

    async def recording_sleep(delay: float, result: object = None) -> object:
        if delay:
            waits.append(delay)
        return await real_sleep(delay, result)

    monkeypatch.setattr(asyncio, "sleep", recording_sleep)

    async def run() -> None:
        async with PagefindIndex(IndexConfig(output_path=str(output))) as index:
            await index.add_custom_record(url="/a/", content="布 穀 鳥", language="und", meta={"title": "a"})
            await index.get_files()

    run_to_completion(run())
    return waits


def test_the_patch_takes_effect(unpatched, tmp_path, monkeypatch):
    pagefind_service.answer_without_poll()
    assert pagefind.service.asyncio is pagefind_service.NO_POLL_ASYNCIO
    # Counted, not timed: a timing bound flakes on a shared machine.
    assert poll_waits(tmp_path / "pagefind", monkeypatch) == []


def test_upstream_polls_without_the_patch(unpatched, tmp_path, monkeypatch):
    # One 0.1 s poll per request: new index, add the record, write the files.
    assert poll_waits(tmp_path / "pagefind", monkeypatch).count(0.1) >= 3
