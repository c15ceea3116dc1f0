"""Write the Pagefind index of a build from its search records, through Pagefind's Python API.

The records (see records.py) are written as files into a scratch folder, one
`<url>/index.html` each, and indexed with one `add_directory` call: the API
answers each request after a fixed 0.1 s poll, so a request per page would cost
100 s at 1,000 pages (kb/speedups/pagefind_service.py removes the poll). Only
what the site's search loads is published: the JS API, its WebAssembly, the
index and fragments, not Pagefind's own UI bundles.

The index is cut into chunks of at most `CHUNK_LOCATIONS` word locations
instead of Pagefind's 20,000: a query loads the chunk of each of its words,
and the pairs of Han characters (records.py) have short lists of locations,
so at 1,000 posts 布隆過濾器 fetched 33 KiB of index instead of 118 KiB (梯度下降:
27 instead of 97), for a list of chunks of 16 KiB instead of 10 KiB. Pagefind reads this size from
the environment only (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE);
tests/content/search/test_pagefind_index.py checks that it still does.

Pagefind 1.5 answers "files written" before its writes reach the disk (it
hands each file to tokio without a flush), and the API then stops the
process, so a busy machine can lose a write and leave a file empty. Each
index is therefore checked before it is published (every file non-empty,
every compressed file whole, the entry file valid JSON) and written again
when it is not.

In `mkdocs serve` an index is written in the background, and a save that
comes meanwhile makes it obsolete: `IndexRun.cancel` stops it (the Pagefind
process is killed, its task cancelled) so that it neither holds up nor slows
the next build, and nothing of it reaches the site.
"""
from __future__ import annotations

import asyncio
import contextlib
import fnmatch
import gzip
import json
import re
import zlib
import os
import shutil
import tempfile
import threading
from collections.abc import Coroutine, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.exceptions import PluginError
from pagefind.index import IndexConfig, PagefindIndex

OUTPUT_DIR = "pagefind"
# Index language: no Pagefind segmentation or stemming, since records come pre-spaced.
INDEX_LANGUAGE = "und"
# What docs/assets/javascripts/search/ loads (pagefind.js runs without its worker).
PUBLISHED = ("pagefind.js", "pagefind-entry.json", "*.pf_meta", "wasm.*.pagefind", "index", "fragment", "filter")
# Pagefind gzips these; a lost or cut-off write fails gzip's length and CRC check.
GZIPPED = ("*.pf_meta", "*.pf_index", "*.pf_fragment", "*.pf_filter", "wasm.*.pagefind")
# pagefind.js is an ES module whose last statement is its export list; a cut-off write ends elsewhere.
SCRIPT_ENDING = re.compile(rb"export\{[\w$,\s]*\};?\s*\Z")
WRITE_ATTEMPTS = 5  # a busy machine loses a write now and then; five in a row would mean something else
CHUNK_LOCATIONS = 4000
CHUNK_SIZE_VARIABLE = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"


@dataclass(frozen=True)
class IndexSummary:
    pages: int
    files: int
    bytes: int


class IndexCancelled(Exception):
    """The index being written was cancelled; the site keeps its last index."""


@dataclass
class IndexRun:
    """One index being written, which another thread may cancel."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    loop: asyncio.AbstractEventLoop | None = None
    task: asyncio.Task | None = None
    processes: list[asyncio.subprocess.Process] = field(default_factory=list)  # Pagefind's, while they run

    def cancel(self) -> None:
        """Stop the run from another thread: its Pagefind process is killed and its task cancelled."""
        self.cancelled.set()
        if self.loop is not None:
            try:
                self.loop.call_soon_threadsafe(self._stop)
            except RuntimeError:  # the loop has ended
                pass

    def _stop(self) -> None:  # in the run's loop, which also reaps the process: no other process is hit
        for process in self.processes:
            if process.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    process.kill()
        if self.task is not None:
            self.task.cancel()

    def check(self) -> None:
        if self.cancelled.is_set():
            raise IndexCancelled()


def record_path(url: str) -> Path:
    """Where a page's record goes in the scratch folder, so Pagefind derives the page's URL from it."""
    relative = url.strip("/")
    return Path(relative, "index.html") if relative else Path("index.html")


def write_pagefind_index(
    records: Mapping[str, str], site_dir: Path, run: IndexRun | None = None, folder: RecordFolder | None = None
) -> IndexSummary:
    """Index `records` (page URL → record HTML) into `site_dir`/pagefind/.

    The index is written beside the old one and swapped in, so a page searching
    meanwhile finds one or the other, never half of one. Raises IndexCancelled
    (leaving the old one) when `run` is cancelled. The records are written into
    `folder` when given (a serve's), else into a scratch folder.
    """
    output = site_dir / OUTPUT_DIR
    new = output.with_name(OUTPUT_DIR + ".new")
    run = run or IndexRun()
    try:
        return _write(records, output, new, run, folder)
    except BaseException:  # a cancelled task raises CancelledError, a BaseException
        if run.cancelled.is_set():
            shutil.rmtree(new, ignore_errors=True)
            raise IndexCancelled() from None
        raise


class RecordFolder:
    """The records as files for Pagefind, kept for a whole `mkdocs serve`: a build writes only changed records.

    Writing (and deleting) 1,300 small files cost seconds of a rebuild on a
    slow file system; after a one-post edit, one record changes.
    """

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="kb-search-"))
        self.written: dict[str, str] = {}  # what the folder holds, by page URL

    def sync(self, records: Mapping[str, str]) -> None:
        try:
            for url in self.written.keys() - records.keys():
                (self.path / record_path(url)).unlink(missing_ok=True)
                del self.written[url]
            for url, record in records.items():
                if self.written.get(url) != record:
                    path = self.path / record_path(url)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(record, "utf-8")
                    self.written[url] = record
        except BaseException:
            self.clear()  # what it holds is unknown now: start over next time
            raise

    def clear(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir()
        self.written = {}

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


@contextmanager
def _records_folder(records: Mapping[str, str], folder: RecordFolder | None) -> Iterator[Path]:
    if folder is not None:
        folder.sync(records)
        yield folder.path
        return
    with tempfile.TemporaryDirectory(prefix="kb-search-") as scratch:
        for url, record in records.items():
            path = Path(scratch) / record_path(url)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record, "utf-8")
        yield Path(scratch)


def _write(records: Mapping[str, str], output: Path, new: Path, run: IndexRun, folder: RecordFolder | None) -> IndexSummary:
    with _records_folder(records, folder) as scratch:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            run.check()
            shutil.rmtree(new, ignore_errors=True)
            with environment(CHUNK_SIZE_VARIABLE, str(CHUNK_LOCATIONS)):  # the Pagefind process reads it
                run_to_completion(_index(Path(scratch), new, run))
            run.check()
            _prune(new)
            broken = incomplete_files(new)
            if not broken:
                break
            if attempt == WRITE_ATTEMPTS:
                shutil.rmtree(new)
                raise PluginError(
                    f"kb/search: Pagefind left {len(broken)} index files incomplete {WRITE_ATTEMPTS} times"
                    f" (first: {broken[0]}); the last index is kept"
                )
    pages = indexed_pages(new)
    if pages != len(records):
        shutil.rmtree(new)
        raise PluginError(f"kb/search: Pagefind indexed {pages} of {len(records)} pages")
    files = [path for path in new.rglob("*") if path.is_file()]
    summary = IndexSummary(pages, len(files), sum(path.stat().st_size for path in files))
    old = output.with_name(OUTPUT_DIR + ".old")
    if output.exists():
        output.rename(old)
    new.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    return summary


@contextmanager
def environment(name: str, value: str) -> Iterator[None]:
    """`name` set to `value` in this process's environment inside the block, as it was after."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


def run_to_completion(coroutine: Coroutine) -> object:
    """Run a coroutine to its end, also from a thread whose event loop is already running."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as thread:  # asyncio.run refuses a running loop
        return thread.submit(asyncio.run, coroutine).result()


async def _index(records_dir: Path, output: Path, run: IndexRun) -> None:
    run.loop, run.task = asyncio.get_running_loop(), asyncio.current_task()
    run.check()
    config = IndexConfig(force_language=INDEX_LANGUAGE, output_path=str(output))
    backend = service = None
    try:
        async with PagefindIndex(config) as index:
            service = getattr(index, "_service", None)
            backend = getattr(service, "_backend", None)  # Pagefind 1.5's process
            if backend is not None:
                run.processes.append(backend)
            run.check()
            await index.add_directory(str(records_dir))
    except BaseException:
        if backend is not None and run.cancelled.is_set():
            # Reap the killed process while the loop runs, or its pipes are closed after the loop is.
            if backend.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    backend.kill()
            with contextlib.suppress(BaseException):
                await backend.wait()
            poll = getattr(service, "_poll_task", None)  # reads the dead process's output: stop it quietly
            if poll is not None:
                poll.cancel()
                with contextlib.suppress(BaseException):
                    await poll
        raise


def incomplete_files(output: Path) -> list[str]:
    """The files of a written index that are empty, cut off (a gzipped file, or the script without its
    export list), or (the entry) not JSON, relative to it."""
    broken = []
    for path in sorted(output.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        try:
            if any(fnmatch.fnmatch(path.name, pattern) for pattern in GZIPPED):
                gzip.decompress(data)
            elif path.name == "pagefind-entry.json":
                json.loads(data)
            elif path.suffix == ".js" and not SCRIPT_ENDING.search(data[-2000:]):
                raise ValueError("cut off")
            whole = bool(data)
        except (EOFError, gzip.BadGzipFile, zlib.error, ValueError):
            whole = False
        if not whole:
            broken.append(path.relative_to(output).as_posix())
    return broken


def indexed_pages(output: Path) -> int:
    """How many pages the written index holds (Pagefind skips a file it finds no content in)."""
    entry = json.loads((output / "pagefind-entry.json").read_text("utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def _prune(output: Path) -> None:
    """Remove what Pagefind writes that the site never loads (its UI bundles)."""
    for path in output.iterdir():
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in PUBLISHED):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
