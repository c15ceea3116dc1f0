"""Pagefind's Python API answers without its 0.1 s poll.

`PagefindService._wait_for_responses` sleeps 0.1 s before reading each answer
from the Pagefind process, although the read itself waits for data. A build
makes three requests (new index, add the records, write the files), so the
poll cost 0.38 s of a 0.41 s index of this site. The patch gives the service
module an `asyncio` whose `sleep` yields without waiting; the read is unchanged.
The poll also hid a Pagefind bug some of the time: it reports files written
before they reach the disk. kb/content/search/pagefind_index.py checks every
index it publishes and writes an incomplete one again.
"""
from __future__ import annotations

import asyncio
import types

import pagefind.service


NAME = "kb.speedups.pagefind_service"
# The upstream versions this patch was written for.
REQUIRES = {"pagefind": ("1.5.2",)}
POLL = "await asyncio.sleep(0.1)"  # what the patch makes free, in _wait_for_responses


async def _yield_only(delay: float, result: object = None) -> object:
    return await asyncio.sleep(0, result)


# The `asyncio` the service module sees: the real one, with a sleep that only yields.
NO_POLL_ASYNCIO = types.SimpleNamespace(**{**vars(asyncio), "sleep": _yield_only})


def answer_without_poll() -> None:
    """Give Pagefind's service module the asyncio whose sleep only yields."""
    pagefind.service.asyncio = NO_POLL_ASYNCIO  # type: ignore[assignment]  # the patch: a stand-in module
