"""A file's signature: what changes whenever the file is written, replaced or touched.

Memos keyed by it skip reading (or copying) a file that has not changed. Use
a settled signature for a file others write: file times tick coarsely (a few
milliseconds), so a second write of the same size in the same tick would
leave the signature as it was (git's "racily clean" files). A file changed
within the last RACY_SECONDS has no settled signature.
"""
from __future__ import annotations

import os
import time

Signature = tuple[int, int, int, int]
RACY_SECONDS = 1.0


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
