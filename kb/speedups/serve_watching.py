"""`mkdocs serve` hears a save from the kernel (inotify) instead of polling for it.

MkDocs watches with watchdog's PollingObserver: every 0.5 s it walks and stats
the whole tree. At 1,000 posts that walk was 17% of a rebuild's samples (at the
0.1 s interval this site used before) and kept a core busy while idle. A native
observer (inotify on Linux; watchdog picks FSEvents, kqueue or Windows' API
elsewhere) costs nothing until a file changes, and reports the change at once.
It is told to report changes only: inotify also reports files being opened and
read, which every build does, and MkDocs would rebuild on each of those forever.
MkDocs then still waits until no change has come for `build_delay`; 0.02 s is
enough, since a save's writes arrive together.

Where the native observer cannot work (a network file system, or a machine out
of inotify watches), KB_SPEEDUPS=off serves with MkDocs' polling.

The patch: MkDocs' `LiveReloadServer.observer` (its watches are moved to the
new one, keeping MkDocs' handlers) and `LiveReloadServer.build_delay`.
"""
from __future__ import annotations

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

NAME = "kb.speedups.serve_watching"
# The upstream versions this patch was written for.
REQUIRES = {"watchdog": ("7.1.0",), "mkdocs": ("1.6.1",)}

QUIET_SECONDS = 0.02
# What a save, a new file, a deletion or a rename looks like; not opening or reading.
CHANGES: tuple[type[FileSystemEvent], ...] = (
    FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
)


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's class
    """The platform's native observer, reporting only the events in CHANGES."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None) -> ObservedWatch:  # type: ignore[no-untyped-def]
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES)


def watch_natively(server: LiveReloadServer) -> None:
    """Move the server's watches, with MkDocs' handlers, to a ChangesObserver it will start."""
    polling: BaseObserver = server.observer
    native = ChangesObserver()
    for watch, handlers in polling._handlers.items():
        for handler in handlers:
            server._watch_refs[watch.path] = native.schedule(handler, watch.path, recursive=watch.is_recursive)
    server.observer = native
    server.build_delay = QUIET_SECONDS
