"""`mkdocs serve` collects cyclic garbage while it waits for the next save, not in the middle of a rebuild.

Python's collector scans every tracked object in a full collection. A 1,000-post
serve holds about 500,000 of them (modules, the render memo, the last build's
pages), and each rebuild makes enough new ones to start a full collection
every build or two: 0.4-0.8 s each (gc.callbacks), in the middle of the
rebuild. Here, during a rebuild, only the young generations are collected;
the full collection runs IDLE_SECONDS after a build ends, unless the next
build has started, and at the latest at the start of the
BUILDS_BETWEEN_COLLECTIONS-th build without one, so garbage stays bounded.

At startup, the objects that exist before the first build (modules, their
classes and functions: about 300,000) are moved out of the collector's reach
with gc.freeze(): they live as long as the process, and no full collection
scans them again. That helps `mkdocs build` too.
"""
from __future__ import annotations

import gc
import threading

NAME = "kb.speedups.idle_collection"
REQUIRES: dict[str, tuple[str, ...]] = {}  # Python's own gc module only
IDLE_SECONDS = 1.0
BUILDS_BETWEEN_COLLECTIONS = 3
NEVER = 2**30  # a full-collection threshold no build reaches


_frozen = False


def freeze_what_lives_forever() -> None:
    """Keep the objects made so far (the interpreter's and the plugins' modules) out of every collection;
    once a process, so no later build's garbage is kept."""
    global _frozen
    if not _frozen:
        gc.freeze()
        _frozen = True


class IdleCollector:
    """Full collections between a serve's builds."""

    def __init__(self) -> None:
        self.timer: threading.Timer | None = None
        self.builds_without_collecting = 0
        self.thresholds: tuple[int, int, int] | None = None
        self.collections = 0  # full collections this collector ran (tests)

    def build_starts(self) -> None:
        self.cancel()
        if self.builds_without_collecting >= BUILDS_BETWEEN_COLLECTIONS:
            self.collect()
        if self.thresholds is None:
            self.thresholds = gc.get_threshold()
            young, middle, _ = self.thresholds
            gc.set_threshold(young, middle, NEVER)

    def build_ends(self) -> None:
        self.cancel()
        if self.thresholds is not None:
            gc.set_threshold(*self.thresholds)
            self.thresholds = None
        self.builds_without_collecting += 1
        self.timer = threading.Timer(IDLE_SECONDS, self.collect)
        self.timer.daemon = True
        self.timer.start()

    def collect(self) -> None:
        gc.collect()
        self.collections += 1
        self.builds_without_collecting = 0

    def cancel(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
