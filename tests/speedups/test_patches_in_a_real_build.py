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

import jinja2
import markdown
import markdown.treeprocessors
import material.plugins.blog.plugin as blog_plugin
import material.plugins.blog.structure as blog_structure
import mkdocs.utils
import mkdocs_rss_plugin.plugin as rss_plugin
import mkdocs.commands.build as mkdocs_build
import pytest
from material.plugins.blog.plugin import BlogPlugin
from material.plugins.blog.structure import Excerpt
from material.plugins.blog.structure import Post as BlogPost
from material.plugins.tags.plugin import TagsPlugin
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme
from mkdocs_jupyter.plugin import Plugin as MkDocsJupyter
from watchdog.observers.polling import PollingObserver

from kb.speedups import (
    SWITCH,
    blog_pagination_copies,
    feed_template,
    jupyter_inclusion,
    page_output_reuse,
    page_render_memo,
    post_front_matter,
    serve_watching,
)
from kb.speedups.blog_excerpts import REST_LEFT_OUT
from kb.speedups.blog_post_membership import PostList
from kb.speedups.lazy_excerpt_parsers import LazyMarkdown
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
    front_matter_hits: int = 0  # posts' front matter the blog did not parse again


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
        hits = post_front_matter._parsed.cache_info().hits
        build(config)
        seen.front_matter_hits = post_front_matter._parsed.cache_info().hits - hits
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
    plugin_cache = MkDocsConfig.plugins.plugin_cache  # MkDocs keeps plugins within a process, for serve
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv(SWITCH, "off")
        plugin_cache.clear()  # none left by an earlier test
        off = observed_build(project, out / "off", monkeypatch, command="serve")
        monkeypatch.delenv(SWITCH)
        plugin_cache.clear()
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


# page_output_reuse --------------------------------------------------------------


def test_upstream_build_still_builds_each_page_through_build_page_after_cleaning():
    source = inspect.getsource(mkdocs_build.build)
    # Moved aside in on_pre_build, before MkDocs cleans the site folder; every page is read before any is built.
    assert source.index("on_pre_build") < source.index("clean_directory(config.site_dir)") < source.index("on_env")
    assert source.index("on_env") < source.index("_build_page(") < source.index("on_post_build")
    assert list(inspect.signature(page_output_reuse.UPSTREAM_BUILD_PAGE).parameters) == [
        "page", "config", "doc_files", "nav", "env", "dirty", "excluded"]


def test_upstream_blog_and_tags_still_pick_what_a_page_shows_as_the_key_assumes():
    # page_output_reuse.shown_posts mirrors how a list page picks its posts; tag_links how a page gets its tags.
    render = inspect.getsource(BlogPlugin._render)
    assert "posts = view.posts[p:q]" in render and "at * step, at * step + step" in render
    assert "list(self.listings & mapping)" in inspect.getsource(TagsPlugin.on_page_context)


def test_serve_builds_keep_unchanged_pages_and_build_keeps_none(project_copy, tmp_path, monkeypatch):
    from tests.speedups.test_serve_rebuilds import serve_builds

    rebuild, plugins = serve_builds(project_copy, tmp_path / "served", monkeypatch)
    rebuild()
    outputs = plugins["kb/speedups"].outputs
    assert "index.md" in outputs.reused and not outputs.mismatched
    assert page_output_reuse.ACTIVE is None  # between builds, and in any `mkdocs build`, MkDocs' own _build_page


# blog_pagination_copies --------------------------------------------------------


def test_upstream_blog_still_copies_each_further_list_page_from_the_lists_source():
    assert "copy_file(view.file.abs_src_path, file.abs_src_path)" in inspect.getsource(BlogPlugin._generate_pages)
    assert blog_plugin.copy_file in (mkdocs.utils.copy_file, blog_pagination_copies.copy_unless_fresh)


def test_a_pagination_copy_is_made_again_only_once_its_source_or_the_copy_changed(tmp_path, monkeypatch):
    copies = []
    monkeypatch.setattr(blog_pagination_copies, "copy_file", lambda source, output: (
        copies.append(output), mkdocs.utils.copy_file(source, output)))
    source, output = tmp_path / "index.md", tmp_path / "temp" / "page" / "2.md"
    source.write_text("# 部落格\n", "utf-8")
    copy = blog_pagination_copies.copy_unless_fresh
    copy(str(source), str(output))
    copy(str(source), str(output))
    assert len(copies) == 1
    source.write_text("# 部落格！\n", "utf-8")
    copy(str(source), str(output))
    output.write_text("changed by someone else", "utf-8")
    copy(str(source), str(output))
    assert len(copies) == 3 and output.read_text("utf-8") == "# 部落格！\n"
    monkeypatch.undo()
    with pytest.MonkeyPatch.context() as as_it_was:
        as_it_was.setattr(blog_plugin, "copy_file", blog_plugin.copy_file)
        blog_pagination_copies.copy_pagination_sources_when_stale(False)
        assert blog_plugin.copy_file is mkdocs.utils.copy_file
        blog_pagination_copies.copy_pagination_sources_when_stale(True)
        assert blog_plugin.copy_file is blog_pagination_copies.copy_unless_fresh


# feed_template ------------------------------------------------------------------


def test_upstream_rss_plugin_still_makes_an_environment_for_its_template_in_each_build():
    source = inspect.getsource(rss_plugin.GitRssPlugin.on_post_build)
    assert "env = Environment(" in source and "env.get_template(self.tpl_file.name)" in source


def test_the_feed_template_is_compiled_once_across_environments(tmp_path, monkeypatch):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "rss.xml.jinja2").write_text("<rss>{{ feed.title }}</rss>", "utf-8")
    compiled = []
    compile_template = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *args, **kwargs: (
        compiled.append(args[1:2]), compile_template(self, *args, **kwargs))[1])
    feed_template.compile_feed_template_once(tmp_path / "cache")
    try:
        for _ in range(2):  # as in two builds
            env = rss_plugin.Environment(loader=jinja2.FileSystemLoader(templates), trim_blocks=True)
            assert env.get_template("rss.xml.jinja2").render(feed={"title": "筆記"}) == "<rss>筆記</rss>"
    finally:
        feed_template.compile_feed_template_once(None)
    assert len(compiled) == 1
    assert rss_plugin.Environment is jinja2.Environment


# lazy_excerpt_parsers -----------------------------------------------------------


def test_upstream_excerpts_still_make_their_parser_at_once_and_use_it_when_rendered():
    init, render = inspect.getsource(Excerpt.__init__), inspect.getsource(Excerpt.render)
    assert "self.md = Markdown(" in init and "self.md.treeprocessors.register(" in init
    assert "self.md.treeprocessors.get_index_for_name" in render and "self.md.convert(" in render
    assert blog_structure.Markdown in (markdown.Markdown, LazyMarkdown)


def test_a_lazy_parser_is_made_on_first_use_and_converts_as_markdown_does():
    class Marker(markdown.treeprocessors.Treeprocessor):
        def run(self, root):
            for element in root:
                element.set("class", "marked")

    made = LazyMarkdown.made
    lazy = LazyMarkdown(extensions=["toc"])
    lazy.treeprocessors.register(Marker(), "marker", 0)
    assert LazyMarkdown.made == made
    eager = markdown.Markdown(extensions=["toc"])
    eager.treeprocessors.register(Marker(), "marker", 0)
    text = "# 標題\n\n內文 [^1]\n"
    assert lazy.convert(text) == eager.convert(text) and LazyMarkdown.made == made + 1
    assert lazy.toc_tokens == eager.toc_tokens
    assert lazy.treeprocessors.get_index_for_name("marker") == eager.treeprocessors.get_index_for_name("marker")


def test_posts_get_lazy_excerpt_parsers(builds):
    assert all(isinstance(post.excerpt.md, LazyMarkdown) for post in builds["on"].posts)
    assert not any(isinstance(post.excerpt.md, LazyMarkdown) for post in builds["off"].posts)


# post_front_matter --------------------------------------------------------------


def test_upstream_posts_still_parse_their_front_matter_with_yaml_load():
    assert "yaml.load(match.group(1), SafeLoader)" in inspect.getsource(BlogPost.__init__)


def test_a_serve_parses_each_posts_front_matter_once(builds):
    assert builds["again"].front_matter_hits >= len(builds["again"].posts)
    assert builds["off"].front_matter_hits == 0


def test_upstream_posts_still_read_their_file_with_the_modules_open():
    source = inspect.getsource(BlogPost.__init__)
    assert 'with open(file.abs_src_path, encoding = "utf-8-sig") as f:' in source
    assert "self.markdown = f.read()" in source


def test_a_post_is_read_again_only_once_its_file_changed(tmp_path, monkeypatch):
    monkeypatch.setattr("kb.file_signatures.RACY_SECONDS", 0.0)
    post = tmp_path / "post.md"
    post.write_text("\ufeff---\ndate: 2017-12-08\n---\n\n# 文章\n", "utf-8")
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: (opened.append(args[0]), real_open(*args, **kwargs))[1])
    post_front_matter.remember_front_matter(True)
    try:
        for _ in range(2):
            with blog_structure.open(str(post), encoding="utf-8-sig") as source:
                assert source.read() == "---\ndate: 2017-12-08\n---\n\n# 文章\n"  # as upstream's open reads it
        assert opened.count(str(post)) == 1
        post.write_text("---\ndate: 2017-12-09\n---\n\n# 改過的文章\n", "utf-8")
        with blog_structure.open(str(post), encoding="utf-8-sig") as source:
            assert "改過的文章" in source.read()
    finally:
        post_front_matter.remember_front_matter(False)
    assert "open" not in vars(blog_structure)


# jupyter_inclusion --------------------------------------------------------------


def test_upstream_jupyter_still_decides_by_path_patterns_and_a_md_files_text():
    source = inspect.getsource(jupyter_inclusion.UPSTREAM_SHOULD_INCLUDE)
    for part in ('self.config["ignore"]', 'self.config["include"]', "jupytext.read(file.abs_src_path)", "srcpath.match(pattern)"):
        assert part in source, part


def test_a_build_asks_mkdocs_jupyter_once_per_file(project_copy, tmp_path, monkeypatch):
    monkeypatch.setattr("kb.file_signatures.RACY_SECONDS", 0.0)  # the copy's pages were written just now
    asked: list[str] = []
    upstream = jupyter_inclusion.UPSTREAM_SHOULD_INCLUDE
    monkeypatch.setattr(jupyter_inclusion, "UPSTREAM_SHOULD_INCLUDE",
                        lambda plugin, file: (asked.append(file.src_uri), upstream(plugin, file))[1])
    MkDocsConfig.plugins.plugin_cache.clear()
    observed_build(project_copy, tmp_path / "site", monkeypatch, command="build")
    assert "notebooks/logistic-regression.ipynb" in asked and "index.md" in asked
    assert len(asked) == len(set(asked))  # upstream asks 4 or 5 times a page


def test_a_md_notebook_is_asked_again_once_its_text_changes(tmp_path, monkeypatch):
    monkeypatch.setattr("kb.file_signatures.RACY_SECONDS", 0.0)
    jupyter = MkDocsJupyter()
    jupyter.config = {"include": ["*.md"], "ignore": []}
    page = tmp_path / "page.md"
    page.write_text("# 不是 notebook\n", "utf-8")
    file = File("page.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    assert not jupyter_inclusion.remembered_should_include(jupyter, file)
    page.write_text("---\njupyter:\n  kernelspec:\n    language: python\n    name: python3\n    display_name: Python 3\n---\n\n# 是 notebook\n", "utf-8")
    assert jupyter_inclusion.remembered_should_include(jupyter, file)
