"""Keep a page's last output when nothing its template reads has changed: in place between the
builds of `mkdocs serve`, and from .cache/kb/ for the next process.

After a save MkDocs rebuilds the whole site into a cleaned folder: every page
goes through the theme's template again, then through every plugin's
`on_post_page`, and is written again. At 1,000 posts that was half of a
rebuild, for one changed post. A page's output is a function of:

- the page itself: its URL and file places, title, content, table of
  contents, front matter, its previous and next page, its ancestors, and
  for a blog post its categories, authors and settings (date, reading time);
- for a blog list (index, archive, category page): the posts it shows, each
  with its excerpt's source, title, URL, front matter and categories, and its
  pagination; for any page, the tag links the tags plugin gives it;
- the whole site: every file's place, mkdocs.yml, the nav (titles and URLs),
  the template overrides, the hooks' code, and what plugins add to every page (the plugins say
  what: `output_reuse_inputs()`, e.g. kb/safe-html's inline scripts of all pages).

Each page is keyed by a sha256 of those, taken after all pages are read and
converted (MkDocs' `on_env`), before its template runs. MkDocs cleans the
site folder before every build, so the last good site is moved aside first
and moved back whole right after (in `on_files`). A page whose key equals the
last build's is then left as it is; any other page whose key .cache/kb/
holds (kb/speedups/build_cache.py: the disk's keys also name the code and
package versions) gets the output kept there, and the rest are rendered. A
static file (theme assets, images, generated data) is not written again
when what it is made of is what the last build copied (a source file with
the same inode, size, mtime and ctime, or generated content with the same
sha256) and the copy is as that build left it. At the end of the build everything in the site that this build did
not write, keep or name as kept (kb/search's index, replaced whole in the
background) is deleted: a file's ctime tells, since writing always moves it
on. So a deleted post's page is gone, and nothing stale stays. A build that
fails before the site is moved back puts the last site back as it was; one
that fails later leaves it, and the next build renders everything.

The log records the page's rendering emitted are logged again, and plugins
whose `on_post_page` keeps state are told (`page_output_reused`), with what
they kept of the page when it was rendered (`page_output_state`): kb/search
makes the page's search record again, kb/safe-html takes back its scripts. While
Material's privacy plugin downloads assets, nothing is kept on disk: it fetches
only what the pages it post-processes name. A notebook page is always rendered
(mkdocs-jupyter copies the notebook beside it in `on_post_page`), and so is
a draft.

tests/speedups/test_serve_rebuilds.py proves, after each kind of edit, that
the served site equals a fresh build byte for byte, and with `verify` on that
every kept page equals its fresh rendering.

`mkdocs serve` uses both; `mkdocs build` uses the disk, unless
KB_BUILD_CACHE=off. KB_SPEEDUPS=off turns it all off.

The patches: `mkdocs.commands.build._build_page`, which `build` calls once a
page, and `mkdocs.structure.files.File.copy_file`, once a static file.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mkdocs.commands.build
from material.plugins.blog.structure import Post, View
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import write_file

from kb.file_signatures import Signature, settled_signature, signature
from kb.speedups import build_cache
from kb.speedups.page_render_memo import captured_records, portable, site_fingerprint

NAME = "kb.speedups.page_output_reuse"
# The upstream versions this patch was written for.
REQUIRES = {"mkdocs": ("1.6.1",), "mkdocs-material": ("9.8.2",)}
PREVIOUS_SUFFIX = ".previous"
DISK_NAMESPACE = "page-outputs"
# What a plugin may define: the data it adds to every page, what it keeps of a rendered page,
# and what to do for a kept page (given what it kept).
INPUTS_HOOK = "output_reuse_inputs"
STATE_HOOK = "page_output_state"
REUSED_HOOK = "page_output_reused"  # not on_…: MkDocs takes every on_ method for an event
# Material's privacy plugin, which downloads the external assets of the pages it post-processes.
PRIVACY = "material/privacy"

STAMP_PREFIX = ".kb-build-started-"

UPSTREAM_BUILD_PAGE = mkdocs.commands.build._build_page
UPSTREAM_COPY_FILE = File.copy_file


def _plain(value: Any) -> Any:
    """JSON-able data of front matter and settings: dates and other values as text."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _link(item: Any) -> list[Any] | None:
    if item is None:
        return None
    return [type(item).__name__, str(getattr(item, "title", None)), getattr(item, "url", None)]


def _toc(toc: TableOfContents | Iterable[Any]) -> list[Any]:
    return [[item.title, item.url, item.level, _toc(item.children)] for item in toc]


def nav_inputs(items: Iterable[Any]) -> list[Any]:
    """The nav as every page's sidebar and tabs show it: titles, URLs, nesting, and the front matter
    of its pages (Material shows a page's `icon` and `status` in the nav)."""
    return [
        [*(_link(item) or []), _plain(getattr(item, "meta", None)), nav_inputs(getattr(item, "children", None) or [])]
        for item in items
    ]


def post_inputs(post: Post) -> list[Any]:
    """What a blog list shows of a post (its Markdown apart: see post_digest)."""
    return [
        post.url, str(post.title), post._title_from_render, _plain(post.meta), _plain(dict(post.config)),
        [_link(category) for category in post.categories], [_plain(vars(author)) for author in post.authors],
    ]


def digest_of(inputs: list[Any], *texts: str | None) -> str:
    """sha256 of JSON-able inputs and of long texts (hashed as they are: JSON would escape every CJK character)."""
    digest = hashlib.sha256(json.dumps(inputs, default=str, ensure_ascii=False).encode())
    for text in texts:
        encoded = (text or "").encode()
        digest.update(b"%d\0" % len(encoded) + encoded)
    return digest.hexdigest()


def file_system_now(folder: Path) -> int:
    """The file system's clock (ctime, ns): a file written from now on has a ctime at least this."""
    marker = folder / f"{STAMP_PREFIX}{uuid.uuid4().hex}"
    marker.touch()
    try:
        return marker.stat().st_ctime_ns
    finally:
        marker.unlink()


def sweep(folder: Path, since_ns: int, kept: set[str], kept_entries: set[str], top: bool = True) -> bool:
    """Delete every file under folder last changed before since_ns (ctime) and not in kept, and the
    folders that leaves empty; top-level entries named in kept_entries stay whole. Whether folder is empty now."""
    empty = True
    with os.scandir(folder) as entries:
        for entry in entries:
            try:
                if top and entry.name in kept_entries:
                    empty = False
                elif entry.is_dir(follow_symlinks=False):
                    if sweep(Path(entry.path), since_ns, kept, kept_entries, top=False):
                        os.rmdir(entry.path)
                    else:
                        empty = False
                elif os.path.normpath(entry.path) in kept or entry.stat(follow_symlinks=False).st_ctime_ns >= since_ns:
                    empty = False
                else:
                    os.unlink(entry.path)
            except FileNotFoundError:  # kb/search's background index swapping its folders
                continue
    return empty


@dataclass
class Outcome:
    """A page's key in the build that rendered it, what its rendering logged, and what plugins kept of it."""

    key: str
    records: tuple[logging.LogRecord, ...]  # portable: they pickle and log the same in another process
    states: dict[str, Any]  # by plugin name: its page_output_state


@dataclass(frozen=True)
class StoredOutput:
    """What .cache/kb/ keeps of a rendered page for the next process: its output file and its Outcome."""

    output: bytes
    outcome: Outcome


@dataclass
class OutputReuse:
    """What one `mkdocs serve` keeps between builds to reuse page outputs."""

    verify: bool = False  # render kept pages anyway and count those whose output differs (tests)
    disk: build_cache.DiskCache | None = None  # rendered pages for the next process, unless switched off
    outcomes: dict[str, Outcome] = field(default_factory=dict)  # by output path, from the last good build
    building: dict[str, Outcome] = field(default_factory=dict)
    previous: Path | None = None  # the last build's site, moved aside until every page is read
    site_dir: Path = Path()
    restored: bool = False  # this build writes over the last site, moved back
    started_ns: int = 0  # the file system's clock when the last site was moved back
    kept: set[str] = field(default_factory=set)  # this build's outputs left as the last build wrote them
    kept_entries: set[str] = field(default_factory=set)  # top-level entries of the site kept whole
    # Static files the last build wrote, by destination: what each was made of (copy_origin), and its signature.
    copies: dict[str, tuple[Signature | str, Signature | None]] = field(default_factory=dict)
    copying: dict[str, Signature | str] = field(default_factory=dict)  # this build's, by destination: copy_origin
    site: str = ""
    common: str | None = None  # this build's digest of what every page shows
    reused: list[str] = field(default_factory=list)  # this build's kept pages, by src_uri (tests, logs)
    from_disk: list[str] = field(default_factory=list)  # those of them written from .cache/kb/
    rendered: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)  # verify: kept pages whose output would differ
    posts: dict[int, str] = field(default_factory=dict)  # this build's post digests, by id (the posts live on)

    def start_build(self, config: MkDocsConfig) -> None:
        """Move the last good site aside (before MkDocs cleans the site folder)."""
        self.building, self.common, self.copying = {}, None, {}
        self.reused, self.from_disk, self.rendered, self.mismatched, self.posts = [], [], [], [], {}
        self.use_disk(config)
        self.restored, self.kept, self.kept_entries = False, set(), set()
        site = self.site_dir = Path(config.site_dir)
        previous = site.with_name(site.name + PREVIOUS_SUFFIX)
        shutil.rmtree(previous, ignore_errors=True)
        if self.outcomes and site.is_dir():
            site.rename(previous)
            site.mkdir()
            self.previous = previous
        else:
            self.outcomes, self.copies, self.previous = {}, {}, None

    def use_disk(self, config: MkDocsConfig) -> None:
        """Keep rendered pages in the project's .cache/kb/, unless KB_BUILD_CACHE=off or the privacy
        plugin downloads assets (it queues them only for the pages it post-processes)."""
        project = Path(config.config_file_path).parent
        self.disk = None if privacy_fetches(config) else build_cache.disk_cache(project, DISK_NAMESPACE, self.disk)
        if self.disk is not None:
            self.disk.start_build()

    def note_files(self, files: Files, config: MkDocsConfig) -> None:
        self.site = site_fingerprint(files, config)

    def restore(self) -> None:
        """Move the last site back, once MkDocs has cleaned the site folder and before anything is written."""
        if self.previous is None:
            return
        site, previous, self.previous = self.site_dir, self.previous, None
        if any(site.iterdir()):  # a plugin wrote into the site early: render everything
            shutil.rmtree(previous)
            self.outcomes, self.copies = {}, {}
            return
        site.rmdir()
        previous.rename(site)
        self.restored, self.started_ns = True, file_system_now(site)

    def keep(self, entry: str) -> None:
        """Keep a top-level file or folder of the last site (e.g. the search index) as it is."""
        self.kept_entries.add(entry)

    def end_build(self, completed: bool, reusable: bool = True) -> None:
        """After a completed build, delete what it did not write or keep, and remember its keys if
        `reusable`. After a failed one, put the last site back if it is still aside."""
        site = self.site_dir
        if completed and self.restored:
            sweep(site, self.started_ns, self.kept, self.kept_entries)
        if not completed and self.previous is not None:
            shutil.rmtree(site, ignore_errors=True)
            self.previous.rename(site)
        keep_keys = completed and reusable
        if keep_keys and self.disk is not None:
            self.disk.prune()
        self.outcomes = self.building if keep_keys else {}
        # The copies as the build left them: a plugin may have rewritten one after it was copied.
        self.copies = {path: (source, signature(path)) for path, source in self.copying.items()} if keep_keys else {}
        self.building, self.copying, self.previous, self.restored = {}, {}, None, False

    def common_inputs(self, config: MkDocsConfig, nav: Navigation) -> str:
        if self.common is None:
            digest = hashlib.sha256(self.site.encode())
            digest.update(json.dumps(nav_inputs(nav.items), default=str).encode())
            digest.update(theme_fingerprint(config).encode())
            hooks: Any = config.hooks
            for hook in hooks.values() if isinstance(hooks, dict) else hooks:  # loaded again for every build
                source = getattr(hook, "__file__", None)
                digest.update(Path(source).read_bytes() if source else repr(hook).encode())
            for plugin in config.plugins.values():
                inputs = getattr(plugin, INPUTS_HOOK, None)
                if inputs is not None:
                    digest.update(json.dumps(_plain(inputs()), sort_keys=True).encode())
            self.common = digest.hexdigest()
        return self.common

    def page_key(self, page: Page, config: MkDocsConfig, nav: Navigation) -> str | None:
        """sha256 of everything the page's output is made from; None if it must be rendered."""
        if not page.file.src_uri.endswith(".md") or page.file.abs_dest_path is None:
            return None
        inputs: list[Any] = [
            self.common_inputs(config, nav), type(page).__name__, page.file.src_uri, page.file.dest_uri, page.url,
            page.canonical_url, page.abs_url, page.edit_url, str(page.title), _toc(page.toc),
            _plain(page.meta), _link(page.previous_page), _link(page.next_page),
            [_link(ancestor) for ancestor in page.ancestors], page.is_homepage, tag_links(page, config),
        ]
        if isinstance(page, Post):
            inputs += [self.post_digest(page)]
        if isinstance(page, View):
            shown = shown_posts(page, config)
            if shown is None:
                return None
            inputs += [[self.post_digest(post) for post in shown], [view.url for view in page.pages], page.name]
        return digest_of(inputs, page.content)

    def post_digest(self, post: Post) -> str:
        """post_inputs and the post's Markdown (its excerpt's source), once a build."""
        digest = self.posts.get(id(post))
        if digest is None:
            digest = self.posts[id(post)] = digest_of(post_inputs(post), post.markdown)
        return digest

    def build_page(self, page: Page, config: MkDocsConfig, doc_files: Any, nav: Navigation, env: Any,
                   dirty: bool = False, excluded: bool = False) -> None:
        """MkDocs' _build_page; or, when the page's key is unchanged, the last output left in place, or
        the output .cache/kb/ keeps for the key written."""
        key = None if dirty or excluded else self.page_key(page, config, nav)
        path = page.file.abs_dest_path
        last = self.outcomes.get(path) if key is not None else None
        if self.restored and last is not None and last.key == key and os.path.isfile(path):
            self.kept.add(os.path.normpath(path))
            if self.disk is not None:
                self.disk.used.add(last.key)  # still there for the next process
            return self._reuse(page, config, last, doc_files, nav, env)
        stored = self.disk.get(key) if key is not None and self.disk is not None else None
        if isinstance(stored, StoredOutput) and key is not None:
            write_file(stored.output, path)
            self.from_disk.append(page.file.src_uri)
            return self._reuse(page, config, stored.outcome, doc_files, nav, env)
        with captured_records() as records:
            UPSTREAM_BUILD_PAGE(page, config, doc_files, nav, env, dirty, excluded)
        self.rendered.append(page.file.src_uri)
        if key is None:
            return None
        states = {name: hook(page=page) for name, plugin in config.plugins.items()
                  if (hook := getattr(plugin, STATE_HOOK, None)) is not None}
        outcome = self.building[path] = Outcome(key, tuple(portable(record) for record in records), states)
        if self.disk is not None:
            self.disk.put(key, StoredOutput(Path(path).read_bytes(), outcome))
        return None

    def _reuse(self, page: Page, config: MkDocsConfig, outcome: Outcome, doc_files: Any, nav: Navigation, env: Any) -> None:
        """A kept page: its log records again, and each plugin told, with what it kept of the page."""
        for record in outcome.records:
            logging.getLogger(record.name).handle(record)
        for name, plugin in config.plugins.items():
            reused = getattr(plugin, REUSED_HOOK, None)
            if reused is not None:
                reused(page=page, config=config, state=outcome.states.get(name))
        self.building[page.file.abs_dest_path] = outcome
        self.reused.append(page.file.src_uri)
        if self.verify:
            self._verify(page, config, doc_files, nav, env, Path(page.file.abs_dest_path))

    def copy_file(self, file: File, dirty: bool = False) -> None:
        """MkDocs' File.copy_file, unless the last site holds this build's copy already."""
        path = file.abs_dest_path
        if path is None:
            return UPSTREAM_COPY_FILE(file, dirty)
        origin, copied = copy_origin(file), signature(path)
        if self.restored and None not in (origin, copied) and self.copies.get(path) == (origin, copied):
            self.kept.add(os.path.normpath(path))
        else:
            UPSTREAM_COPY_FILE(file, dirty)
        if origin is not None:
            self.copying[path] = origin
        return None

    def _verify(self, page: Page, config: MkDocsConfig, doc_files: Any, nav: Navigation, env: Any, path: Path) -> None:
        kept = path.read_bytes()
        UPSTREAM_BUILD_PAGE(page, config, doc_files, nav, env)
        if path.read_bytes() != kept:
            self.mismatched.append(page.file.src_uri)


def theme_fingerprint(config: MkDocsConfig) -> str:
    """sha256 of the theme's settings and of every file of its custom_dir (template overrides).

    The theme package's own templates change only with its version, which needs a restart."""
    digest = hashlib.sha256(json.dumps(_plain(dict(config.theme)), sort_keys=True).encode())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(str(path).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def privacy_fetches(config: MkDocsConfig) -> bool:
    """Whether Material's privacy plugin downloads external assets (with assets_fetch off it only warns,
    and a kept page's records repeat the warning)."""
    privacy = config.plugins.get(PRIVACY)
    if privacy is None:
        return False
    settings: Any = privacy.config
    return bool(settings.enabled and settings.assets and settings.assets_fetch)


def tag_links(page: Page, config: MkDocsConfig) -> list[Any]:
    """The tag references the tags plugin puts into the page's context (names and listing URLs)."""
    tags = config.plugins.get("material/tags")
    if tags is None or not tags.config.enabled or not tags.filter(page.file):
        return []
    mapping = tags.mappings.get(page)
    if not mapping:
        return []
    return [[tag.name, [[link.title, link.url] for link in tag.links]] for tag in tags.listings & mapping]


def shown_posts(view: View, config: MkDocsConfig) -> list[Post] | None:
    """The posts a blog list page shows, as the blog plugin's _render picks them; None if unknown."""
    blog = config.plugins.get("material/blog")
    if blog is None:
        return None
    if not blog._config_pagination(view):
        return list(view.posts)
    if view not in view.pages:
        return None
    at = view.pages.index(view)
    step = blog._config_pagination_per_page(view)
    return view.posts[at * step: at * step + step]


def copy_origin(file: File) -> Signature | str | None:
    """What a static file's copy is made of: the sha256 of its generated content, or its source's
    settled signature; None if it cannot tell."""
    content = file._content
    if content is not None:
        return hashlib.sha256(content.encode() if isinstance(content, str) else content).hexdigest()
    return settled_signature(file.abs_src_path) if file.abs_src_path else None


ACTIVE: OutputReuse | None = None  # the serve build in progress, if any


def _build_page(page: Page, config: MkDocsConfig, *args: Any, **kwargs: Any) -> None:
    if ACTIVE is None:
        return UPSTREAM_BUILD_PAGE(page, config, *args, **kwargs)
    return ACTIVE.build_page(page, config, *args, **kwargs)


def _copy_file(file: File, dirty: bool = False) -> None:
    if ACTIVE is None:
        return UPSTREAM_COPY_FILE(file, dirty)
    return ACTIVE.copy_file(file, dirty)


def install() -> None:
    """Route MkDocs' page building and static file copying through the active serve build's OutputReuse, if any."""
    mkdocs.commands.build._build_page = _build_page  # the patches
    File.copy_file = _copy_file  # type: ignore[method-assign,assignment]


def activate(reuse: OutputReuse | None) -> Callable[[], None]:
    global ACTIVE
    ACTIVE = reuse

    def deactivate() -> None:
        global ACTIVE
        ACTIVE = None

    return deactivate
