"""Each speed-up, on the real packages: upstream still has what it patches, and in a real build the patch takes effect.

The builds run in this process, as `mkdocs serve` runs them, with the project's
mkdocs.yml, so an upgrade of MkDocs, Material or watchdog that moves what a
patch touches fails here, and KB_SPEEDUPS=off builds the same site.
"""
from __future__ import annotations

import inspect
import logging
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import markdown
import pytest
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Excerpt
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from watchdog.observers.polling import PollingObserver

from kb.speedups import SWITCH, page_render_memo, serve_watching
from kb.speedups.blog_excerpts import REST_LEFT_OUT
from kb.speedups.blog_post_membership import PostList
from kb.speedups.theme_environment import VisibleFilesLoader
from tests.conftest import tree_hashes

pytestmark = pytest.mark.build

UNSTABLE = ("feed_",)  # the feeds carry the build time
# Where Material's blog asks `page not in self.blog.posts`, for every page, in every build.
MEMBERSHIP_CHECKS = {(inspect.getsourcefile(BlogPlugin), name) for name in ("on_page_markdown", "on_page_content")}


@dataclass
class Observed:
    """What one build did, seen from outside the patches."""

    site: Path
    blog_comparisons: int = 0  # Page.__eq__ calls made by the blog's on_page_markdown and on_page_content
    membership_checks: int = 0  # `page in posts` answered by the patch's PostList
    excerpt_sources: list[str] = field(default_factory=list)
    posts: object = None
    loader: object = None
    restored: int = 0


def observed_build(project: Path, site: Path, monkeypatch, *, command: str) -> Observed:
    seen = Observed(site)
    compare = Page.__eq__
    convert = markdown.Markdown.convert
    contains = PostList.__contains__

    def counting_contains(self, item):
        seen.membership_checks += 1
        return contains(self, item)

    def counting_eq(self, other):
        caller = sys._getframe(1)
        while caller is not None and caller.f_code.co_filename == __file__:
            caller = caller.f_back
        if caller is not None and (caller.f_code.co_filename, caller.f_code.co_name) in MEMBERSHIP_CHECKS:
            seen.blog_comparisons += 1
        return compare(self, other)

    def recording_convert(self, source):
        if "<!-- more -->" in source:  # a post, or its excerpt
            seen.excerpt_sources.append(source)
        return convert(self, source)

    with monkeypatch.context() as patched:
        patched.chdir(project)
        patched.setattr(Page, "__eq__", counting_eq)
        patched.setattr(PostList, "__contains__", counting_contains)
        patched.setattr(markdown.Markdown, "convert", recording_convert)
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command=command, dirty=False)
        logging.getLogger("mkdocs").setLevel(logging.WARNING)
        build(config)
        config.plugins.on_shutdown()
        seen.posts = config.plugins["material/blog"].blog.posts
        seen.loader = config.theme.get_env().loader
        seen.restored = config.plugins["kb/speedups"].memo.restored
    return seen


@pytest.fixture(scope="module")
def builds(reused_project_dir, tmp_path_factory):
    """The project built with every speed-up off, then on (twice, as serve would)."""
    from tests.conftest import copy_project

    project = copy_project(reused_project_dir)
    shutil.rmtree(project / ".cache" / "kb", ignore_errors=True)  # no conversions from earlier tests' builds
    out = tmp_path_factory.mktemp("speedups")
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(SWITCH, "off")
        off = observed_build(project, out / "off", monkeypatch, command="serve")
        monkeypatch.delenv(SWITCH)
        on = observed_build(project, out / "on", monkeypatch, command="serve")
        again = observed_build(project, out / "again", monkeypatch, command="serve")
    return {"off": off, "on": on, "again": again, "project": project}


def stable(site: Path) -> dict[str, str]:
    return {path: digest for path, digest in tree_hashes(site).items() if not path.startswith(UNSTABLE)}


def test_with_speedups_off_the_site_is_the_same(builds):
    assert stable(builds["on"].site) == stable(builds["off"].site)
    assert stable(builds["again"].site) == stable(builds["off"].site)


# blog_post_membership ---------------------------------------------------------


def test_upstream_blog_still_asks_whether_a_page_is_in_its_posts():
    for _, name in MEMBERSHIP_CHECKS:
        assert "page not in self.blog.posts" in inspect.getsource(getattr(BlogPlugin, name))


def test_the_blog_compares_posts_by_identity_and_skips_title_parsing(builds):
    assert isinstance(builds["on"].posts, PostList) and not isinstance(builds["off"].posts, PostList)
    on, off = builds["on"], builds["off"]
    assert on.membership_checks >= 2 * 16  # every page, in on_page_markdown and on_page_content
    # Unpatched, each of those checks compares the page with at least one post, by title
    # (Page.__eq__, which parses an unrendered post's Markdown); patched, none does.
    assert off.blog_comparisons - on.blog_comparisons >= on.membership_checks


# blog_excerpts ----------------------------------------------------------------


def test_upstream_excerpts_still_convert_the_whole_post_and_cut_at_the_separator():
    source = inspect.getsource(Excerpt.render)
    assert "self.md.convert(self.markdown)" in source and "split(separator, 1)" in source


def test_excerpts_convert_only_the_text_up_to_the_separator(builds):
    shortened = [source for source in builds["on"].excerpt_sources if source.endswith(REST_LEFT_OUT)]
    assert shortened and not [source for source in builds["off"].excerpt_sources if source.endswith(REST_LEFT_OUT)]


# theme_environment ------------------------------------------------------------


def test_upstream_theme_still_hands_out_a_file_system_environment():
    env = Theme(name="material").get_env()
    assert hasattr(env.loader, "searchpath") and hasattr(env, "bytecode_cache")


def test_the_themes_environments_cache_templates_and_list_visible_files(builds):
    assert isinstance(builds["on"].loader, VisibleFilesLoader)
    assert not isinstance(builds["off"].loader, VisibleFilesLoader)
    assert list((builds["project"] / ".cache/jinja").iterdir())


# page_render_memo -------------------------------------------------------------


def test_upstream_pages_still_keep_what_the_memo_restores(builds):
    source = inspect.getsource(Page.render)
    for attribute in ("self.content", "self.toc", "self._title_from_render", "self.present_anchor_ids",
                      "self.links_to_anchors"):
        assert attribute in source, attribute
    assert page_render_memo.REQUIRES


def test_an_unchanged_page_comes_from_the_memo_in_the_next_serve_build(builds):
    assert builds["off"].restored == 0 and builds["on"].restored == 0  # nothing remembered yet
    assert builds["again"].restored >= 8


# serve_watching ---------------------------------------------------------------


def test_upstream_server_still_polls_and_keeps_its_watches_by_path(tmp_path):
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert isinstance(server.observer, PollingObserver) and hasattr(server, "build_delay")
    server.watch(str(tmp_path))
    (watch,) = server.observer._handlers
    assert server._watch_refs == {str(tmp_path): watch}


def wants_rebuild_after(server: LiveReloadServer, action) -> bool:
    """Whether MkDocs' own handler asked for a rebuild within 5 s of `action`."""
    with server._rebuild_cond:
        server._want_rebuild = False
    action()
    with server._rebuild_cond:
        return server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=5)


def test_the_server_hears_saves_from_the_kernel_and_not_reads(tmp_path):
    docs, data = tmp_path / "docs", tmp_path / "data"
    docs.mkdir(), data.mkdir()
    (docs / "post.md").write_text("# 一", "utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    serve_watching.watch_natively(server)
    server.watch(str(data))  # a watch added after the patch, as config.watch's are
    assert isinstance(server.observer, serve_watching.ChangesObserver) and server.build_delay == 0.02
    assert {watch.path for watch in server.observer._handlers} == {str(docs), str(data)}
    server.observer.start()
    try:
        assert not wants_rebuild_after(server, lambda: (docs / "post.md").read_text("utf-8"))
        assert wants_rebuild_after(server, lambda: (docs / "post.md").write_text("# 二", "utf-8"))
        assert wants_rebuild_after(server, lambda: (data / "new.yml").write_text("a: 1", "utf-8"))
    finally:
        server.observer.stop()
        server.observer.join()
