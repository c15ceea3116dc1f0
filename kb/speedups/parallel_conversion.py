"""A second process converts pages' Markdown while MkDocs converts the others: a cold build uses both cores.

MkDocs converts every page's Markdown (highlighting included) one after the
other, in one process, on one core. Here, just before MkDocs starts reading
pages, the build forks a helper process. The helper takes the pages from the
last one backwards and, for each, does what MkDocs would do up to the
conversion (the pre_page and page_markdown events of every plugin, then the
render memo's conversion, kb/speedups/page_render_memo.py), and writes the
conversion to the build's disk cache under the page's key. MkDocs meanwhile
goes through the pages from the first one; when it reaches a page the helper
has converted, the render memo finds the conversion under the same key and
restores it instead of converting again. The two meet in the middle; the
helper stops there, and is stopped when MkDocs has read every page.

Nothing the helper does reaches the build except those entries, and an entry
is used only when its key (the page's final Markdown as MkDocs computed it, the
site's file layout, the config, the embedded files, the code's versions)
matches what MkDocs computes for that page itself: a page the helper saw
differently is simply converted by MkDocs. The helper writes no log and no
output; whatever fails in it only leaves its pages to MkDocs. Notebooks are
left to MkDocs (mkdocs-jupyter runs them).

The helper is off unless KB_BUILD_WORKERS=2: on the shared 2-core machine it
was measured on (other sessions kept the load at 2–4), four alternated cold
builds of the 1,000-post site took a median 46.1 s with it and 42.5 s without
(the helper took 540–570 of 1,308 conversions, and cost 6 s more CPU, since it
also runs every plugin's page_markdown), so it earns its default only where a
core is idle; measure with `KB_BUILD_WORKERS=2` on such a machine. It runs only
when the build has no other thread (forking a threaded process can leave locks
held), and on a machine with two cores or more. With KB_BUILD_CACHE=off the
entries go to a temporary folder deleted after the build, so the build stays cold.

The patch: a fork before MkDocs 1.6's page-reading loop (on_nav), which the
helper replays for its pages (`_populate_page` up to `page.render`).
"""
from __future__ import annotations

import logging
import mmap
import os
import signal
import struct
import sys
import threading
from collections.abc import Callable, Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

NAME = "kb.speedups.parallel_conversion"
# The upstream versions this patch was written for: MkDocs' page-reading loop it replays.
REQUIRES = {"mkdocs": ("1.6.1",)}
WORKERS_SWITCH = "KB_BUILD_WORKERS"
POSITION = struct.Struct("q")


def worth_forking(pages: int) -> bool:
    """Whether this build forks the helper: asked for (KB_BUILD_WORKERS=2), pages to share, and safe to fork."""
    asked = os.environ.get(WORKERS_SWITCH, "").strip() == "2"
    return asked and pages > 1 and (os.cpu_count() or 1) >= 2 and hasattr(os, "fork") and threading.active_count() == 1


class SharedPosition:
    """An integer both processes see: how far MkDocs has read (anonymous shared memory survives fork)."""

    def __init__(self) -> None:
        self.memory = mmap.mmap(-1, POSITION.size)
        self.set(-1)

    def set(self, value: int) -> None:
        POSITION.pack_into(self.memory, 0, value)

    def get(self) -> int:
        return POSITION.unpack_from(self.memory, 0)[0]


def silence_logging() -> None:
    """In the helper: no handler writes anything (the render memo still collects what conversions log)."""
    for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)


def convert_from_the_end(
    files: Sequence[File], config: MkDocsConfig, all_files: Files, reached: SharedPosition,
    is_memoized: Callable[[Page], bool],
) -> None:
    """The helper's work: convert pages from the last one back, until MkDocs has reached them."""
    for index in range(len(files) - 1, -1, -1):
        if reached.get() >= index:
            return
        file = files[index]
        if file.src_uri.endswith(".ipynb"):
            continue
        try:
            page = file.page if file.page is not None else Page(None, file, config)
            config._current_page = page
            page = config.plugins.on_pre_page(page, config=config, files=all_files)
            page.read_source(config)
            assert page.markdown is not None
            page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=all_files)
            if is_memoized(page):
                page.render(config, all_files)  # the memo's render: converts and stores under the page's key
        except BaseException:  # noqa: BLE001 - MkDocs converts this page itself, and reports what fails
            continue


class ParallelConverter:
    """The helper process of one build."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.position: dict[str, int] = {}
        self.reached: SharedPosition | None = None

    def start(
        self, files: Sequence[File], config: MkDocsConfig, all_files: Files, is_memoized: Callable[[Page], bool]
    ) -> bool:
        """Fork the helper for these documentation files (MkDocs' reading order); False when not worth it."""
        if not worth_forking(len(files)):
            return False
        self.position = {file.src_uri: index for index, file in enumerate(files)}
        self.reached = SharedPosition()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the helper
            try:
                self.position = {}  # its own pre_page events are not MkDocs' progress
                silence_logging()
                convert_from_the_end(files, config, all_files, self.reached, is_memoized)
            finally:
                os._exit(0)  # no atexit handlers, no flushing of the build's buffers
        self.pid = pid
        return True

    def reading(self, page: Page) -> None:
        """MkDocs is about to read this page: the helper leaves it and the ones before to MkDocs."""
        if self.reached is not None and page.file.src_uri in self.position:
            self.reached.set(self.position[page.file.src_uri])

    def stop(self) -> None:
        if self.pid is None:
            return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        self.pid = None
        self.reached = None
