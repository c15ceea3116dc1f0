"""A file's signature: what changes whenever the file is written, replaced or touched.

Memos keyed by it (FileMemo) skip reading, or copying, a file that has not
changed. Use
a settled signature for a file others write: file times tick coarsely (a few
milliseconds), so a second write of the same size in the same tick would
leave the signature as it was (git's "racily clean" files). A file changed
within the last RACY_SECONDS has no settled signature.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Generic, TypeVar

Signature = tuple[int, int, int, int]
RACY_SECONDS = 1.0
T = TypeVar("T")


def signature(path: str) -> Signature | None:
    """(inode, size, mtime, ctime) of the file at path; None if there is none."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns


def settled_signature(path: str) -> Signature | None:
    """The file's signature, or None if there is no file or it changed in the last RACY_SECONDS."""
    found = signature(path)
    if found is None or time.time_ns() - max(found[2], found[3]) < RACY_SECONDS * 1e9:
        return None
    return found


class FileMemo(Generic[T]):
    """What `compute` makes of a file, made again only once the file's settled signature changes.

    Checks that read every page on every build (`mkdocs serve` rebuilds after
    each save) then read only the files that changed since."""

    def __init__(self, compute: Callable[[str], T]) -> None:
        self.compute = compute
        self.known: dict[str, tuple[Signature, T]] = {}

    def __call__(self, path: str) -> T:
        known, before = self.known.get(path), settled_signature(path)
        if known is not None and known[0] == before:
            return known[1]
        value = self.compute(path)
        if before is not None and settled_signature(path) == before:
            self.known[path] = (before, value)
        else:
            self.known.pop(path, None)
        return value
