"""Run one command and measure its wall time and the peak RSS of its process tree (Linux)."""
from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float  # user + system, of the process and the children it waited for
    peak_rss_bytes: int
    returncode: int
    output: str  # stdout and stderr, for error messages


def process_tree(pid: int) -> list[int]:
    """pid and all its descendants that are alive now."""
    tree, pending = [], [pid]
    while pending:
        current = pending.pop()
        tree.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                pending += [int(child) for child in (task / "children").read_text().split()]
            except OSError:
                pass  # the task ended meanwhile
    return tree


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and its descendants, summed."""
    total = 0
    for member in process_tree(pid):
        try:
            resident_pages = int(Path(f"/proc/{member}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        total += resident_pages * PAGE_BYTES
    return total


class _TreeSampler(threading.Thread):
    """Samples the tree's summed RSS until stopped; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, tree_rss_bytes(self.pid))
            self.stopped.wait(SAMPLE_SECONDS)


def measured_run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 1800) -> Run:
    """Run command to the end. Peak RSS is the larger of the sampled tree sum and the
    kernel's ru_maxrss (the largest single process, exact even between samples)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            sampler.stopped.set()
        seconds = time.perf_counter() - start
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not wait again
        output.seek(0)
        text = output.read()
    max_rss_bytes = usage.ru_maxrss * 1024  # kilobytes on Linux
    cpu_seconds = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu_seconds, max(sampler.peak, max_rss_bytes), process.returncode, text)
