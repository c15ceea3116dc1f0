"""Strict build that replaces site/ only with a finished site: `make build`.

MkDocs writes straight into its site_dir, so a failed or interrupted build
leaves a half-written site. Here `mkdocs build --strict` writes into a fresh
temporary folder next to site/ (same file system, so renames are atomic), and
only a successful build is swapped in, with two renames during which Ctrl-C
and SIGTERM wait. A failed build leaves site/ untouched; an interrupted one
stops MkDocs, removes the temporary folder and leaves site/ untouched too.
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

TEMP_PREFIX = "site.partial."  # .gitignore and `make clean` know this name
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
MKDOCS_OWN_STOP_SECONDS = 1  # Ctrl-C in a terminal reaches MkDocs too
MKDOCS_STOP_SECONDS = 10
EXIT_INTERRUPTED = 130


class Interrupted(Exception):
    """Ctrl-C or SIGTERM arrived; the site was not replaced."""


def _raise_interrupted(signum, frame):
    # Once is enough: stopping MkDocs and cleaning up are bounded in time.
    for stop_signal in STOP_SIGNALS:
        signal.signal(stop_signal, signal.SIG_IGN)
    raise Interrupted(signal.Signals(signum).name)


def replace_site(new_site: Path, site: Path, trash: Path) -> None:
    """Put `new_site` at `site`; the old site, if any, goes to `trash` (removed by the caller)."""
    if site.exists():
        site.rename(trash)
    new_site.rename(site)


def stop(process: subprocess.Popen) -> None:
    """Let MkDocs stop on its own Ctrl-C, else send it one, then insist."""
    for action, seconds in ((None, MKDOCS_OWN_STOP_SECONDS), (signal.SIGINT, MKDOCS_STOP_SECONDS)):
        if action is not None:
            process.send_signal(action)
        try:
            process.wait(seconds)
            return
        except subprocess.TimeoutExpired:
            pass
    process.kill()
    process.wait()


def build(site: Path, mkdocs_args: Sequence[str] = ()) -> int:
    """Build into a temporary folder and swap it in on success; return the exit status."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    previous = {signum: signal.signal(signum, _raise_interrupted) for signum in STOP_SIGNALS}
    workdir = process = None
    replaced = False
    try:
        workdir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=site.parent))
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(workdir / "site")]
        process = subprocess.Popen([*command, *mkdocs_args])
        status = process.wait()
        if status != 0:
            print(f"Build failed: {site.name}/ is unchanged.", file=sys.stderr)
            return status if status > 0 else 128 - status  # killed by a signal: 128 + its number
        # Stop signals wait until both renames are done, so site/ is always a whole site.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            replace_site(workdir / "site", site, workdir / "previous")
            replaced = True
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        print(f"Built {site.name}/.", file=sys.stderr)
        return 0
    except Interrupted as reason:
        if process is not None:
            stop(process)
        outcome = "replaced by the new build" if replaced else "unchanged"
        print(f"Interrupted ({reason}): {site.name}/ is {outcome}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    finally:
        # The handlers stay until the temporary folder is gone.
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    args, mkdocs_args = parser.parse_known_args(argv)
    return build(args.site_dir, mkdocs_args)


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
