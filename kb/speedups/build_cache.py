"""What a build computed, kept in `.cache/kb/` so that the next `mkdocs serve` or `mkdocs build` starts warm.

Each entry is found by a key its user makes from everything the result was
made from (a page's final Markdown, the site's file layout, mkdocs.yml, the
embedded snippet files; a formula's TeX). Every key also depends on
`code_fingerprint()`: the Python version, the versions of all installed
packages, Graphviz's version and the bytes of every file of the site's
own code (kb/). Entries live in a folder named after that fingerprint, so
upgrading a package or editing kb/ starts a fresh folder and the old one is
removed after the next complete build.

The cache is safe to delete at any time. An entry that cannot be read (cut
off, changed on disk, written by another format) is a miss: it is removed and
made again. Writes go to a temporary file renamed into place, so a reader, or
a build interrupted halfway, never sees half an entry.

KB_BUILD_CACHE=off (or KB_SPEEDUPS=off) turns the disk cache off: every build
is then cold, as MkDocs builds (the deploy workflow builds this way).
"""
from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import pickle
import platform
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from kb.speedups import speedups_enabled

T = TypeVar("T")
SWITCH = "KB_BUILD_CACHE"
CACHE_DIR = Path(".cache", "kb")  # relative to mkdocs.yml
FORMAT = b"kb-build-cache 1\n"
DIGEST_BYTES = 32
SITE_CODE = Path(__file__).resolve().parents[1]  # kb/
SITE_CODE_SUFFIXES = (".py", ".cjs", ".js", ".css", ".html", ".yml", ".json")


def cache_enabled() -> bool:
    """False when KB_BUILD_CACHE=off asks for cold builds (or KB_SPEEDUPS=off for upstream code only)."""
    return speedups_enabled() and os.environ.get(SWITCH, "").strip().lower() not in ("off", "0", "false", "no")


def installed_packages() -> list[str]:
    """`name=version` of every installed distribution: besides the converters, the templates' Jinja,
    the blog's Babel and every plugin shape what a page shows."""
    return sorted({
        f"{(dist.metadata['Name'] or '').lower()}={dist.version}" for dist in importlib.metadata.distributions()
    })


def _graphviz_version() -> str:
    dot = shutil.which("dot")
    if dot is None:
        return "absent"
    result = subprocess.run([dot, "-V"], capture_output=True, text=True)  # Graphviz prints it on stderr
    return result.stderr.strip() or result.stdout.strip()


@functools.cache
def code_fingerprint() -> str:
    """sha256 of the Python version, the installed packages' versions, Graphviz's and the site's code."""
    digest = hashlib.sha256(FORMAT)
    digest.update(platform.python_version().encode())
    for package in installed_packages():
        digest.update(f"\0{package}".encode())
    digest.update(_graphviz_version().encode())
    for path in sorted(SITE_CODE.rglob("*")):
        if path.suffix in SITE_CODE_SUFFIXES and "__pycache__" not in path.parts and path.is_file():
            digest.update(b"\0" + path.relative_to(SITE_CODE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: str | bytes) -> str:
    """sha256 of the parts, each told apart from the next."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


class DiskCache:
    """Pickled values by key, one file each, in `<project>/.cache/kb/<fingerprint>/<namespace>/`."""

    def __init__(self, project_dir: Path, namespace: str, fingerprint: str | None = None) -> None:
        self.root = project_dir / CACHE_DIR
        self.folder = self.root / (fingerprint or code_fingerprint())[:32] / namespace
        self.used: set[str] = set()  # keys read or written since start_build
        self.kept: set[str] | None = None  # what the folder holds since the last prune (None: not known yet)
        self.hits = 0
        self.writes = 0

    def start_build(self) -> None:
        self.used = set()
        self.hits = self.writes = 0

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> object | None:
        """The value stored for key, or None when there is none or it cannot be read (then it is removed)."""
        path = self.path(key)
        try:
            data = path.read_bytes()
        except OSError:
            return None
        header, checksum, payload = data[: len(FORMAT)], data[len(FORMAT) : len(FORMAT) + DIGEST_BYTES], data[len(FORMAT) + DIGEST_BYTES :]
        try:
            if header != FORMAT or hashlib.sha256(payload).digest() != checksum:
                raise ValueError("not an entry of this format, or changed since it was written")
            value = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - any unreadable entry is a miss, made again
            path.unlink(missing_ok=True)
            return None
        self.used.add(key)
        self.hits += 1
        return value

    def put(self, key: str, value: object) -> None:
        """Store value for key; a cache that cannot be written only makes the next build slower."""
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a value that cannot be pickled is simply not kept
            return
        path = self.path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as temporary:
                temporary.write(FORMAT + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary.name, path)
        except OSError:
            return
        self.used.add(key)
        self.writes += 1

    def prune(self) -> None:
        """After a complete build: remove the entries it did not use, and folders of other code fingerprints.

        The first prune of a process walks the folders; later ones (a serve's rebuilds) remove only
        the entries the last build used and this one did not. What another process wrote meanwhile
        stays until the next walk: a key names its whole input, so an entry is never wrong, only unused."""
        if self.kept is not None:
            for key in self.kept - self.used:
                self.path(key).unlink(missing_ok=True)
        else:
            self._prune_by_walking()
        self.kept = set(self.used)

    def _prune_by_walking(self) -> None:
        if self.root.is_dir():
            for folder in self.root.iterdir():
                if folder.is_dir() and folder != self.folder.parent:
                    shutil.rmtree(folder, ignore_errors=True)
        if not self.folder.is_dir():
            return
        for shard in self.folder.iterdir():
            for entry in shard.iterdir() if shard.is_dir() else ():
                if entry.name not in self.used:
                    entry.unlink(missing_ok=True)


def disk_cache(project_dir: Path, namespace: str, kept: DiskCache | None = None) -> DiskCache | None:
    """The project's cache for namespace, or None when KB_BUILD_CACHE=off: `kept` itself when it is that
    cache (a serve keeps it, with the keys its last build used), else a new one."""
    if not cache_enabled():
        return None
    if kept is not None and kept.root == project_dir / CACHE_DIR and kept.folder.name == namespace:
        return kept
    return DiskCache(project_dir, namespace)


class ResultMemo(Generic[T]):
    """Results by key, kept from one build to the next: this build's, the last build's (a serve's),
    and in `.cache/kb/<namespace>/` when it has a disk cache.

    Its user calls `start_build` before a build, `result` (or `lookup` and
    `store`) per page, and `end_build` after a complete build; keys must name
    everything the result is made from (the code is in every disk key already).
    `persistent=False` keeps a result in memory only."""

    def __init__(self, namespace: str, disk: DiskCache | None = None) -> None:
        self.namespace = namespace
        self.current: dict[str, T] = {}
        self.previous: dict[str, T] = {}
        self.disk = disk

    def use_project_cache(self, project_dir: Path) -> None:
        """Keep results in the project's .cache/kb/, unless KB_BUILD_CACHE=off."""
        self.disk = disk_cache(project_dir, self.namespace, self.disk)

    def start_build(self) -> None:
        self.previous, self.current = self.current, {}
        if self.disk is not None:
            self.disk.start_build()

    def lookup(self, key: str, persistent: bool = True) -> T | None:
        value = self.current.get(key)
        if value is None:  # not `or`: an empty result is a result
            value = self.previous.get(key)
        if value is None and persistent and self.disk is not None:
            value = self.disk.get(key)  # type: ignore[assignment]  # what store() put there
        elif value is not None and persistent and self.disk is not None:
            self.disk.used.add(key)  # kept on disk too, for the next process
        if value is not None:
            self.current[key] = value
        return value

    def store(self, key: str, value: T, persistent: bool = True) -> None:
        self.current[key] = value
        if persistent and self.disk is not None:
            self.disk.put(key, value)

    def result(self, key: str, make: Callable[[], T]) -> T:
        """The result for key, made (and kept) only when no build has kept one."""
        value = self.lookup(key)
        if value is None:
            value = make()
            self.store(key, value)
        return value

    def end_build(self) -> None:
        """After a complete build: the disk keeps only what this build used."""
        if self.disk is not None:
            self.disk.prune()
