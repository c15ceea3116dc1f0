"""kb/speedups/idle_collection.py: full collections run between a serve's builds, and garbage stays bounded."""
from __future__ import annotations

import gc
import threading
import weakref

import pytest

from kb.speedups import idle_collection
from kb.speedups.idle_collection import BUILDS_BETWEEN_COLLECTIONS, NEVER, IdleCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.fixture
def collector():
    thresholds = gc.get_threshold()
    collector = IdleCollector()
    yield collector
    collector.cancel()
    gc.set_threshold(*thresholds)


def test_during_a_build_only_young_generations_are_collected(collector):
    young, middle, full = gc.get_threshold()
    collector.build_starts()
    assert gc.get_threshold() == (young, middle, NEVER)
    collector.build_ends()
    assert gc.get_threshold() == (young, middle, full)


def test_after_a_build_the_full_collection_runs_while_the_serve_waits(collector, monkeypatch):
    monkeypatch.setattr(idle_collection, "IDLE_SECONDS", 0.0)
    collected = threading.Event()
    collect = collector.collect
    monkeypatch.setattr(collector, "collect", lambda: (collect(), collected.set()))
    collector.build_starts()
    garbage = Cycle()
    left = weakref.ref(garbage)
    del garbage
    collector.build_ends()
    assert collected.wait(timeout=60)
    assert left() is None and collector.collections == 1


def test_a_serve_that_never_waits_still_collects_every_few_builds(collector, monkeypatch):
    monkeypatch.setattr(idle_collection, "IDLE_SECONDS", 3600.0)  # the next save always comes first
    lefts = []
    for _ in range(BUILDS_BETWEEN_COLLECTIONS):
        collector.build_starts()
        garbage = Cycle()
        lefts.append(weakref.ref(garbage))
        del garbage
        collector.build_ends()
    assert collector.collections == 0
    collector.build_starts()
    assert collector.collections == 1 and all(left() is None for left in lefts)
    collector.build_ends()
