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
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .projects import OUR_CACHE_DIR, build_env
from .reload import STARTUP_TIMEOUT_SECONDS, cpu_seconds, free_port, wait_for_text


@dataclass(frozen=True)
class Startup:
    kind: str  # cold or warm
    round: int
    seconds: float
    cpu_seconds: float  # the serve process's own user + system time until then (a busy machine inflates only `seconds`)


def serve_startup_seconds(project: Path, page_path: str, port: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the serve process) from starting `mkdocs serve` in project on port
    until page_path is served."""
    url = f"http://127.0.0.1:{port}/{page_path}"
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=build_env(f"http://127.0.0.1:{port}/"), stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_for_text(url, "</html>", STARTUP_TIMEOUT_SECONDS)
            except TimeoutError:
                log.seek(0)
                raise SystemExit(f"mkdocs serve in {project} did not start:\n{log.read()[-3000:]}") from None
            return time.perf_counter() - started, cpu_seconds(server.pid)
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


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
