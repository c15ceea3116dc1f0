"""The `kb/speedups` plugin: the speed-ups of kb/speedups/, each where its event needs it.

Every patch names the upstream versions it was written for (REQUIRES). At
startup each one is checked once: on another version, or with KB_SPEEDUPS=off,
it stays off, with a warning saying why, and the build stays correct, only
slower. The render memo keeps conversions, and the output reuse rendered
pages, between the builds of one `mkdocs serve`, and on disk in .cache/kb/ for
the next process (kb/speedups/build_cache.py; KB_BUILD_CACHE=off keeps a one-off
build cold). Speed-ups that only pay off between builds of one serve (leaving
unchanged pages' files in place, the posts' front matter memo) run under
`mkdocs serve` only. tests/speedups/ prove on the real packages that each patch
still finds what it patches and takes effect.
"""
from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from jinja2 import Environment
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from kb.content.search.pagefind_index import OUTPUT_DIR as SEARCH_INDEX_DIR
from kb.guards.plugin_order import EVERY_OTHER, RunsAfter, enforce_order
from kb.logs import info
from kb.speedups import (
    blog_excerpts,
    blog_pagination_copies,
    blog_post_membership,
    build_cache,
    feed_template,
    idle_collection,
    jupyter_inclusion,
    lazy_excerpt_parsers,
    may_patch,
    page_output_reuse,
    page_render_memo,
    pagefind_service,
    parallel_conversion,
    post_front_matter,
    serve_watching,
    theme_environment,
)

PATCHES: tuple[ModuleType, ...] = (
    blog_excerpts, blog_pagination_copies, blog_post_membership, feed_template, idle_collection, jupyter_inclusion,
    lazy_excerpt_parsers, page_output_reuse, page_render_memo, pagefind_service, parallel_conversion,
    post_front_matter, serve_watching, theme_environment,
)


class SpeedupsConfig(Config):
    template_cache = c.Type(str, default=".cache/jinja")


class SpeedupsPlugin(BasePlugin[SpeedupsConfig]):
    ORDER = (
        RunsAfter("files", ("material/blog",), "the blog plugin collects its posts in its on_files"),
        RunsAfter("files", (EVERY_OTHER,), "the render memo keys pages by every file's place in the site"),
        RunsAfter("page_markdown", ("material/blog",), "the blog plugin makes each post's excerpt"),
        RunsAfter("page_markdown", (EVERY_OTHER,), "the render memo keys pages by their final Markdown"),
        RunsAfter("serve", (EVERY_OTHER,), "plugins add watches to the server in their on_serve"),
    )

    def __init__(self) -> None:
        self.active: frozenset[str] = frozenset()
        self.serving = self.dirty = False
        self.memo = page_render_memo.RenderMemo()  # lasts for the whole serve: MkDocs keeps this instance
        self.disk: build_cache.DiskCache | None = None  # the project's .cache/kb/ conversions, unless switched off
        self.converter = parallel_conversion.ParallelConverter()
        self.parallel = False  # this build forks a helper converting pages (kb/speedups/parallel_conversion.py)
        self.exchange: Path | None = None  # where the helper hands over conversions when the disk cache is off
        self.outputs = page_output_reuse.OutputReuse()
        self.deactivate_outputs: Callable[[], None] | None = None
        self.collector = idle_collection.IdleCollector()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty
        self.active = frozenset(patch.NAME for patch in PATCHES if may_patch(patch.NAME, patch.REQUIRES))
        if pagefind_service.NAME in self.active:
            pagefind_service.answer_without_poll()
        # Patches of a module stay for the process: undone when off, so KB_SPEEDUPS=off is upstream's code.
        lazy_excerpt_parsers.make_excerpt_parsers_lazily(self.on(lazy_excerpt_parsers))
        jupyter_inclusion.remember_inclusion(self.on(jupyter_inclusion))
        post_front_matter.remember_front_matter(self.serving and self.on(post_front_matter))
        blog_pagination_copies.copy_pagination_sources_when_stale(self.serving and self.on(blog_pagination_copies))
        if self.reusing_outputs():
            page_output_reuse.install()
        if self.on(idle_collection):
            idle_collection.freeze_what_lives_forever()

    def collecting_when_idle(self) -> bool:
        return self.serving and self.on(idle_collection)

    def on(self, patch: ModuleType) -> bool:
        return patch.NAME in self.active

    def memoizing(self) -> bool:
        """Whether pages keep their conversions: between serve builds, or on disk for the next build."""
        return self.on(page_render_memo) and (self.serving or self.memo.conversions.disk is not None)

    def reusing_outputs(self) -> bool:
        """Whether unchanged pages keep their output: from the last build of a serve, or from .cache/kb/."""
        # `--dirty` keeps the last site and skips unmodified pages itself.
        return (self.serving or build_cache.cache_enabled()) and not self.dirty and self.on(page_output_reuse)

    @event_priority(100)  # before MkDocs asks the theme for the build's environment
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        enforce_order(config, self, self.ORDER)
        cache_dir = Path(config.config_file_path).parent / self.config.template_cache
        if self.on(theme_environment):
            theme_environment.patch_theme(config.theme, cache_dir)
        feed_template.compile_feed_template_once(cache_dir if self.on(feed_template) else None)
        return config

    @event_priority(-100)  # after kb/search has stopped writing the last build's index into the site
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.collecting_when_idle():
            self.collector.build_starts()
        if self.reusing_outputs():
            self.outputs.start_build(config)
            self.deactivate_outputs = page_output_reuse.activate(self.outputs)

    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.on(blog_post_membership):
            blog_post_membership.compare_posts_by_identity(config.plugins.get("material/blog"))
        if self.on(page_render_memo):
            self.disk = build_cache.disk_cache(Path(config.config_file_path).parent, page_render_memo.NAMESPACE, self.disk)
            self.memo.conversions.disk = self.disk
            self.memo.start_build(files, config)  # cheap; whether pages use it is decided by on_nav
        if self.reusing_outputs():
            self.outputs.restore()  # MkDocs has cleaned the site folder; nothing is written yet
            self.outputs.note_files(files, config)
        return files

    @event_priority(-100)  # the last event before MkDocs reads the pages
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        pages = files.documentation_pages()  # the blog's posts and views are all in by now
        self.parallel = (
            self.on(page_render_memo) and self.on(parallel_conversion) and parallel_conversion.worth_forking(len(pages))
        )
        if self.parallel and self.disk is None:
            self.exchange = Path(tempfile.mkdtemp(prefix="kb-conversions-"))
            self.memo.conversions.disk = build_cache.DiskCache(self.exchange, page_render_memo.NAMESPACE)
        if self.parallel:
            self.converter.start(pages, config, files, is_memoized=lambda page: "render" in vars(page))
        return nav

    @event_priority(100)
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self.converter.reading(page)
        return page

    @event_priority(-100)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        blog = config.plugins.get("material/blog")
        if blog is not None and self.on(blog_excerpts):
            blog_excerpts.shorten_excerpt(page, blog.config.post_excerpt_separator)
        if self.memoizing():
            self.memo.memoize(page, markdown)
        return markdown

    # After every page is read, and (last of the handlers) before anything is written.
    @event_priority(-100)
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        helped = self.converter.pid is not None
        self.stop_converter()
        if self.memo.restored:
            source = "the second process or .cache/kb/" if helped else ".cache/kb/ or the last build"
            info(f"kb/speedups: {self.memo.restored} pages took their Markdown conversion from {source}")
        if self.reusing_outputs():
            # Search keeps working while the new index is written (kb/search replaces it whole).
            self.outputs.keep(SEARCH_INDEX_DIR)
        return env

    def stop_converter(self) -> None:
        self.converter.stop()
        if self.exchange is not None:
            self.memo.conversions.disk = None
            shutil.rmtree(self.exchange, ignore_errors=True)
            self.exchange = None

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.memoizing():
            self.memo.conversions.end_build()
        if self.deactivate_outputs is not None:
            # The privacy plugin queues the external assets of each page it post-processes; a kept
            # page is not post-processed, so pages are kept only while no page has any.
            privacy = config.plugins.get(page_output_reuse.PRIVACY)
            self.outputs.end_build(completed=True, reusable=not getattr(privacy, "assets", None))
            self.deactivate_outputs()
            self.deactivate_outputs = None
        if self.collecting_when_idle():
            self.collector.build_ends()

    def on_build_error(self, *, error: Exception) -> None:
        self.stop_converter()
        if self.deactivate_outputs is not None:
            self.outputs.end_build(completed=False)
            self.deactivate_outputs()
            self.deactivate_outputs = None
        if self.collecting_when_idle():
            self.collector.build_ends()

    def on_shutdown(self) -> None:
        self.collector.cancel()

    @event_priority(-100)
    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
        if self.on(serve_watching):
            serve_watching.watch_natively(server)
        return server
