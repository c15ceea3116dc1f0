"""Messages for people running the build.

MkDocs counts WARNING records of its `mkdocs` logger and aborts `--strict` on
them. A warning that must not fail the build (a speed-up turned off, a repeated
title) goes through the `kb` logger instead, printed in MkDocs' format.
"""
from __future__ import annotations

import logging

info = logging.getLogger("mkdocs.plugins.kb").info  # shown like MkDocs' own INFO lines

_warnings = logging.getLogger("kb")
if not _warnings.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    _warnings.addHandler(_handler)
    _warnings.propagate = False


def warn(message: str) -> None:
    """Print a warning that does not fail `mkdocs build --strict`."""
    _warnings.warning(message)
