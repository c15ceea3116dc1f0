"""Edit-to-reload: how long after saving a post `mkdocs serve` serves the new text.

`mkdocs serve` (MkDocs 1.6: live reload on, a full rebuild into a temporary
directory) runs on a free port of 127.0.0.1 in a copy of the project. Each
round appends a unique marker to one post's Markdown and times until an HTTP
GET of that post's page contains it. While a rebuild runs, the server holds
requests until it ends, so the time covers noticing the change (the project's
kb/speedups/serve_watching.py hears it from inotify; MkDocs alone polls every
0.5 s), the rebuild, and serving.

Idle CPU: the share of one core the serve process uses while nothing changes,
from its user + system time in /proc (Linux), so other load on the machine
does not count. It is sampled once the startup build's work is all done:
kb/search writes the search index in the background after the build, so the
sample starts when the index is served.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .projects import build_env

POLL_SECONDS = 0.02
STARTUP_TIMEOUT_SECONDS = 900
RELOAD_TIMEOUT_SECONDS = 600
SETTLE_SECONDS = 2.0  # longer than any polling interval, so no change is left pending
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
IDLE_SECONDS = 10.0
SEARCH_INDEX_ENTRY = "pagefind/pagefind-entry.json"  # kb/search's index, once written
STOP_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=RELOAD_TIMEOUT_SECONDS) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for_text(url: str, text: str, timeout: float) -> float:
    """Seconds until GET url returns a body containing text."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def idle_cpu_percent(server: subprocess.Popen, seconds: float) -> float:
    """The share of one core (%) the serve process used over `seconds` with nothing to do."""
    before, started = cpu_seconds(server.pid), time.monotonic()
    time.sleep(seconds)
    return 100 * (cpu_seconds(server.pid) - before) / (time.monotonic() - started)


@dataclass(frozen=True)
class ServeRun:
    reload_seconds: list[float]
    idle_cpu_percent: float


@contextmanager
def serving(project: Path, port: int, page_path: str, serve_options: tuple[str, ...] = ()) -> Iterator[subprocess.Popen]:
    """`mkdocs serve` of project on port, from the moment it serves page_path until the block ends.
    serve_options are added to `mkdocs serve` (e.g. --dirty)."""
    url = f"http://127.0.0.1:{port}/{page_path}"
    with tempfile.TemporaryFile("w+") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", *serve_options],
            cwd=project, env=build_env(f"http://127.0.0.1:{port}/"), stdout=log, stderr=subprocess.STDOUT,
        )
        try:
            try:
                wait_for_text(url, "</html>", STARTUP_TIMEOUT_SECONDS)
            except TimeoutError:
                log.seek(0)
                raise SystemExit(f"mkdocs serve in {project} did not start:\n{log.read()[-3000:]}") from None
            yield server
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(timeout=STOP_TIMEOUT_SECONDS)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def edit_to_reload_seconds(
    project: Path, source: str, page_path: str, rounds: int, serve_options: tuple[str, ...] = ()
) -> ServeRun:
    """Serve project, measure its idle CPU, then `rounds` times: append a marker to docs/source,
    time until page_path shows it. serve_options are added to `mkdocs serve` (e.g. --dirty)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page_path}"
    markdown = project / "docs" / source
    with serving(project, port, page_path, serve_options) as server:
        wait_for_text(f"http://127.0.0.1:{port}/{SEARCH_INDEX_ENTRY}", "{", STARTUP_TIMEOUT_SECONDS)
        time.sleep(SETTLE_SECONDS)
        fetch(url)
        idle = idle_cpu_percent(server, IDLE_SECONDS)
        print(f"    idle CPU: {idle:.1f}% of a core", flush=True)
        times = []
        for _ in range(rounds):
            time.sleep(SETTLE_SECONDS)
            fetch(url)  # returns once any rebuild in progress has finished
            marker = f"bench-reload-{uuid.uuid4().hex}"
            with markdown.open("a", encoding="utf-8") as post:
                post.write(f"\n\n{marker}\n")
            times.append(wait_for_text(url, marker, RELOAD_TIMEOUT_SECONDS))
            print(f"    reload: {times[-1]:.2f} s", flush=True)
        return ServeRun(times, idle)
