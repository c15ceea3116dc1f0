"""Serve startup: how long `mkdocs serve` takes to serve its first page, cold and warm.

Cold: the project's .cache/ is deleted first, so every page is converted and
every formula typeset again. Warm: the .cache/ the previous start left is kept
(kb/speedups/build_cache.py's .cache/kb/, the notebooks', the templates'),
as when a writer stops `mkdocs serve` and starts it again. Rounds alternate
(cold, warm, cold, warm …); each starts a new serve on the same free port of
127.0.0.1 (the site URL is part of the cache's keys, as with `make serve`'s
fixed port) and times until an HTTP GET of the page returns a whole page.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from .projects import OUR_CACHE_DIR
from .reload import cpu_seconds, free_port, serving


@dataclass(frozen=True)
class Startup:
    kind: str  # cold or warm
    round: int
    seconds: float
    cpu_seconds: float  # the serve process's own user + system time until then (a busy machine inflates only `seconds`)


def serve_startup_seconds(project: Path, page_path: str, port: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the serve process) from starting `mkdocs serve` in project on port
    until page_path is served."""
    started = time.perf_counter()
    with serving(project, port, page_path) as server:
        return time.perf_counter() - started, cpu_seconds(server.pid)


def alternated_startups(project: Path, page_path: str, rounds: int) -> list[Startup]:
    """rounds × (a cold start, then a warm one)."""
    startups = []
    port = free_port()
    for round_number in range(1, rounds + 1):
        for kind in ("cold", "warm"):
            if kind == "cold":
                shutil.rmtree(project / OUR_CACHE_DIR, ignore_errors=True)
            seconds, cpu = serve_startup_seconds(project, page_path, port)
            print(f"  round {round_number}: {kind} serve startup: {seconds:.2f} s (CPU {cpu:.2f} s)", flush=True)
            startups.append(Startup(kind, round_number, seconds, cpu))
    return startups
