"""Let `mkdocs serve` start a rebuild within 0.1 s of a save instead of 0.6 s.

MkDocs polls the watched files every 0.5 s, then waits until no change has
come for 0.1 s: 0.35 s on average, up to 0.6 s, before a rebuild starts, a
third of this site's edit-to-reload budget of 1 s. This hook polls every
0.1 s and waits 0.02 s for quiet (a save's writes land in one poll anyway).
MkDocs has no setting for the interval, so the hook sets watchdog's on the
server's observer, for the watches made so far and those added after it.
"""
from __future__ import annotations

from mkdocs.plugins import event_priority

POLL_SECONDS = 0.1
QUIET_SECONDS = 0.02


@event_priority(-100)  # after any plugin that adds watches of its own
def on_serve(server, *, config, builder):
    observer = server.observer
    observer._timeout = POLL_SECONDS  # used for the watches scheduled from now on
    for emitter in observer.emitters:  # already scheduled: docs/ and mkdocs.yml
        emitter._timeout = POLL_SECONDS
    server.build_delay = QUIET_SECONDS
    return server
