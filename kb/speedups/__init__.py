"""Patches of upstream code that make builds faster without changing what they produce.

Each patch names the upstream versions it was written for. On any other
version, or when the environment sets KB_SPEEDUPS=off, it logs why and leaves
upstream alone: the build stays correct, only slower.
"""
from __future__ import annotations

import importlib.metadata
import os

from kb.logs import info, warn

SWITCH = "KB_SPEEDUPS"


def speedups_enabled() -> bool:
    """False when KB_SPEEDUPS=off asks for upstream code only (for debugging)."""
    return os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "false", "no")


def installed_version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def may_patch(name: str, requires: dict[str, tuple[str, ...]]) -> bool:
    """Whether patch `name` may run: speed-ups on, and each package it patches at a version it was written for.

    When a version differs, warns, naming the patch, the version found and the
    ones supported; the warning does not fail a strict build, since the site is
    still right. tests/speedups/ fail instead, so an upgrade is noticed.
    """
    if not speedups_enabled():
        info(f"{name} is off ({SWITCH}=off)")
        return False
    for package, versions in requires.items():
        version = installed_version(package)
        if version not in versions:
            warn(
                f"{name} is off: it was written for {package} {' or '.join(versions)}, and {version} is "
                "installed; the build stays correct, only slower. Check the patch against this version, "
                "then add it to the versions the patch supports (REQUIRES in its module)."
            )
            return False
    return True
