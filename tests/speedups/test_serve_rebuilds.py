"""`mkdocs serve`'s rebuilds, with the render memo (kb/speedups), give the site a fresh build gives.

The builds run in this process, as `mkdocs serve` runs them: one startup as
`serve`, then a build per save, with the hooks and plugins kept between them.
"""
from __future__ import annotations

import logging
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from kb.speedups import build_cache, page_render_memo
from tests.conftest import tree_hashes
from tests.site.site_pages import indexed_phrase, search_fragments

pytestmark = pytest.mark.build

POST = "docs/blog/posts/kubernetes-device-plugin.md"
LINKING_POST = "docs/blog/posts/are-you-a-software-architect.md"
SNIPPET = "snippets/writing_guide/fibonacci.py"
BROKEN_LINK = "[已刪除的文章](no-such-post.md)"
# The feeds carry the build time.
UNSTABLE = ("feed_",)


def serve_builds(project: Path, site: Path, monkeypatch):
    """Build the project as `mkdocs serve` starts; return a rebuild (as after a save) and the loaded hooks."""
    monkeypatch.chdir(project)  # pymdownx.snippets' paths are relative to the project

    def build_once():
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        config.site_url = "http://127.0.0.1:8000/"
        return config

    first = build_once()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)

    def rebuild():
        config = build_once()
        build(config)
        config.plugins.on_shutdown()  # kb/search writes a serve build's index in the background

    return rebuild, first.plugins


def fresh_build(project: Path, site: Path) -> None:
    """A cold `mkdocs build`, as a new process with KB_BUILD_CACHE=off makes it: new plugins (MkDocs
    keeps the serve's ones for its next rebuild), nothing from .cache/kb/."""
    plugin_cache = MkDocsConfig.plugins.plugin_cache
    serve_plugins = dict(plugin_cache)
    plugin_cache.clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv(build_cache.SWITCH, "off")
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
            config.site_url = "http://127.0.0.1:8000/"
            config.plugins.on_startup(command="build", dirty=False)
            build(config)
            config.plugins.on_shutdown()
    finally:
        plugin_cache.clear()
        plugin_cache.update(serve_plugins)


def stable(hashes: dict[str, str]) -> dict[str, str]:
    return {path: digest for path, digest in hashes.items() if not path.startswith(UNSTABLE)}


def test_rebuilds_after_edits_match_a_fresh_build_and_repeat_warnings(project_copy, tmp_path, monkeypatch, caplog):
    (project_copy / LINKING_POST).write_text(
        (project_copy / LINKING_POST).read_text("utf-8") + f"\n{BROKEN_LINK}\n", "utf-8"
    )
    served = tmp_path / "served"
    rebuild, _ = serve_builds(project_copy, served, monkeypatch)
    restored = []
    restore = page_render_memo.Conversion.restore
    monkeypatch.setattr(
        page_render_memo.Conversion, "restore",
        lambda self, page, files: (restored.append(page.file.src_uri), restore(self, page, files)),
    )

    with (project_copy / POST).open("a", encoding="utf-8") as post:
        post.write("\n編輯後新增的一段。\n")
    snippet = project_copy / SNIPPET
    snippet.write_text(snippet.read_text("utf-8").replace("current, following = 0, 1", "current, following = 0, 1  # 編輯過", 1), "utf-8")
    caplog.clear()
    with caplog.at_level(logging.INFO):
        rebuild()

    assert "編輯後新增的一段。" in (served / "blog/kubernetes-device-plugin/index.html").read_text("utf-8")
    assert "# 編輯過" in (served / "writing-guide/index.html").read_text("utf-8")
    # The search index was written again too.
    assert indexed_phrase("編輯後新增的一段") in search_fragments(served)["/blog/kubernetes-device-plugin/"]["content"]
    # Pages whose inputs did not change were not converted again ...
    assert {"blog/posts/are-you-a-software-architect.md", "index.md", "notebooks/logistic-regression.ipynb"} <= set(restored)
    assert not {"blog/posts/kubernetes-device-plugin.md", "writing-guide.md"} & set(restored)
    # ... yet the architect post's broken link is reported again.
    assert [r for r in caplog.records if "no-such-post.md" in r.getMessage() and r.levelno >= logging.WARNING]

    fresh = tmp_path / "fresh"
    fresh_build(project_copy, fresh)
    assert stable(tree_hashes(served)) == stable(tree_hashes(fresh))


# Each kind of edit a writer makes while `mkdocs serve` runs, as (name, edit of the project).
NEW_POST = "docs/blog/posts/serve-new-post.md"
DELETED_POST = "docs/blog/posts/kubernetes-pod-traffic-dropped.md"
TITLE = "# Kubernetes Device Plugin：讓叢集認得 GPU 與其他特殊硬體"
TIMELINE = "data/timeline.yml"
STYLESHEET = "docs/assets/stylesheets/extra.css"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{path} no longer holds {old!r}; update the edit"
    path.write_text(text.replace(old, new, 1), "utf-8")


def edit_body(project: Path) -> None:
    with (project / POST).open("a", encoding="utf-8") as post:
        post.write("\n在文末補上的一段。\n")


def edit_excerpt(project: Path) -> None:
    replace_in(project / POST, "Kubernetes 1.8 加入了一個 alpha 功能", "Kubernetes 1.8 加入了一個 alpha（實驗性）功能")


def edit_title(project: Path) -> None:
    replace_in(project / POST, TITLE, TITLE + "（修訂）")


def edit_tags(project: Path) -> None:
    replace_in(project / POST, "  - GPU\n", "  - GPU\n  - 硬體\n")


def edit_snippet(project: Path) -> None:
    replace_in(project / SNIPPET, "current, following = 0, 1", "current, following = 0, 1  # 改過")


def edit_data(project: Path) -> None:
    replace_in(project / TIMELINE, "每個容器的網路監控與隔離", "每個容器的網路監控與隔離（改過）")


def add_post(project: Path) -> None:
    source = (project / POST).read_text("utf-8")
    (project / NEW_POST).write_text(
        source.replace("slug: kubernetes-device-plugin", "slug: serve-new-post").replace(TITLE, "# 存檔時新增的文章"),
        "utf-8",
    )


def delete_post(project: Path) -> None:
    (project / DELETED_POST).unlink()


def edit_stylesheet(project: Path) -> None:
    with (project / STYLESHEET).open("a", encoding="utf-8") as stylesheet:
        stylesheet.write("\n/* edited while serving */\n")


EDITS = (
    ("post body", edit_body), ("post excerpt", edit_excerpt), ("post title", edit_title), ("tags", edit_tags),
    ("snippet file", edit_snippet), ("data file", edit_data), ("new post", add_post), ("deleted post", delete_post),
    ("stylesheet", edit_stylesheet),
)


def speedups_of(plugins):
    return plugins["kb/speedups"]


def test_after_each_kind_of_edit_the_served_site_equals_a_fresh_build(project_copy, tmp_path, monkeypatch):
    served = tmp_path / "served"
    rebuild, plugins = serve_builds(project_copy, served, monkeypatch)
    outputs = speedups_of(plugins).outputs
    outputs.verify = True  # also render every kept page, and note any whose output would differ
    differing, mismatched, kept = {}, {}, {}
    for name, edit in EDITS:
        edit(project_copy)
        rebuild()
        kept[name] = set(outputs.reused)
        mismatched[name] = list(outputs.mismatched)
        fresh = tmp_path / f"fresh-{len(differing)}"
        fresh_build(project_copy, fresh)
        served_hashes, fresh_hashes = stable(tree_hashes(served)), stable(tree_hashes(fresh))
        differing[name] = sorted(
            path for path in served_hashes.keys() | fresh_hashes.keys()
            if served_hashes.get(path) != fresh_hashes.get(path)
        )
    assert differing == {name: [] for name, _ in EDITS}
    assert mismatched == {name: [] for name, _ in EDITS}
    # The edits kept most pages: outputs were reused, not rebuilt.
    assert {"index.md", "writing-guide.md", "blog/posts/cuckoo-filter.md"} <= kept["post body"]
    assert "blog/posts/kubernetes-device-plugin.md" not in kept["post body"]


def test_after_a_body_edit_only_the_post_and_the_lists_showing_it_are_rendered(project_copy, tmp_path, monkeypatch):
    rebuild, plugins = serve_builds(project_copy, tmp_path / "served", monkeypatch)
    outputs = speedups_of(plugins).outputs
    edit_body(project_copy)
    rebuild()
    post = "blog/posts/kubernetes-device-plugin.md"
    # Its reading time shows on the blog's index, its category and its archive year; a notebook page
    # is always rendered (mkdocs-jupyter copies the notebook beside it as it does).
    lists = {"blog/index.md", "blog/archive/2017.md", "blog/category/til.md"}
    assert set(outputs.rendered) - {post} <= lists | {"notebooks/logistic-regression.ipynb"}
    assert post in outputs.rendered


@pytest.mark.parametrize("changed", ["mkdocs.yml", "overrides/partials/post.html"])
def test_a_change_to_the_config_or_a_template_renders_every_page_again(project_copy, tmp_path, monkeypatch, changed):
    served = tmp_path / "served"
    rebuild, plugins = serve_builds(project_copy, served, monkeypatch)
    outputs = speedups_of(plugins).outputs
    with (project_copy / changed).open("a", encoding="utf-8") as file:
        file.write("\n# a change\n" if changed.endswith(".yml") else "\n{#- a change -#}\n")
    rebuild()
    assert outputs.reused == [] and outputs.rendered
    fresh = tmp_path / "fresh"
    fresh_build(project_copy, fresh)
    assert stable(tree_hashes(served)) == stable(tree_hashes(fresh))


def test_a_new_serve_starts_from_the_pages_the_last_one_rendered(project_copy, tmp_path, monkeypatch, output_reuses):
    MkDocsConfig.plugins.plugin_cache.clear()  # each serve with new plugins, as in a new process
    _, last_serve = serve_builds(project_copy, tmp_path / "last", monkeypatch)
    last_serve.on_shutdown()
    MkDocsConfig.plugins.plugin_cache.clear()
    served = tmp_path / "served"
    rebuild, plugins = serve_builds(project_copy, served, monkeypatch)
    plugins.on_shutdown()  # kb/search's index of the startup build is written
    startup = output_reuses[-1]
    assert {"index.md", "writing-guide.md", "blog/index.md", "blog/posts/cuckoo-filter.md"} <= set(startup.from_disk)
    assert not startup.mismatched
    fresh_build(project_copy, tmp_path / "fresh")
    assert stable(tree_hashes(served)) == stable(tree_hashes(tmp_path / "fresh"))
    # Pages taken from the disk are kept in place by the next rebuild, with what plugins kept of them.
    edit_body(project_copy)
    rebuild()
    assert "index.md" in output_reuses[-1].reused and not output_reuses[-1].from_disk
    fresh_build(project_copy, tmp_path / "fresh-after-edit")
    assert stable(tree_hashes(served)) == stable(tree_hashes(tmp_path / "fresh-after-edit"))


def written(site: Path, relative: str) -> tuple[int, int]:
    """When and as what the file was last written (inode, ctime)."""
    stat = (site / relative).stat()
    return stat.st_ino, stat.st_ctime_ns


def test_a_rebuild_writes_only_the_static_files_that_changed(project_copy, tmp_path, monkeypatch):
    # The project was copied just now: trust its files' signatures at once (kb/file_signatures.py
    # copies a file changed within RACY_SECONDS again in every build).
    monkeypatch.setattr("kb.file_signatures.RACY_SECONDS", 0.0)
    served = tmp_path / "served"
    rebuild, _ = serve_builds(project_copy, served, monkeypatch)
    theme_asset = next(path.relative_to(served).as_posix() for path in (served / "assets/javascripts").glob("bundle.*.js"))
    # A theme file, a data file kb/search generates, and ours.
    unchanged = [theme_asset, "assets/search/vocabulary.json", "assets/stylesheets/timeline.css"]
    before = {relative: written(served, relative) for relative in [*unchanged, "assets/stylesheets/extra.css"]}
    edit_stylesheet(project_copy)
    rebuild()
    assert {relative: written(served, relative) for relative in unchanged} == {relative: before[relative] for relative in unchanged}
    assert written(served, "assets/stylesheets/extra.css") != before["assets/stylesheets/extra.css"]
    assert "edited while serving" in (served / "assets/stylesheets/extra.css").read_text("utf-8")


@pytest.mark.parametrize("mistake", [
    # Caught as the config is read, before the site folder is touched.
    ("date: 2017-12-08", "date: [2017-12-08"),
    # Caught once the site folder is cleaned (kb/snippet-references' on_files): the last site is put back.
    ("\n## ", '\n```python\n--8<-- "snippets/no_such_file.py:section"\n```\n\n## '),
], ids=["front matter", "snippet embed"])
def test_a_rebuild_that_fails_keeps_the_last_site(project_copy, tmp_path, monkeypatch, mistake):
    served = tmp_path / "served"
    rebuild, _ = serve_builds(project_copy, served, monkeypatch)
    edit_body(project_copy)
    rebuild()
    last_good = tree_hashes(served)
    post = project_copy / POST
    good_source = post.read_text("utf-8")
    replace_in(post, *mistake)
    with pytest.raises(Exception):
        rebuild()
    assert tree_hashes(served) == last_good
    post.write_text(good_source, "utf-8")
    rebuild()
    fresh = tmp_path / "fresh"
    fresh_build(project_copy, fresh)
    assert stable(tree_hashes(served)) == stable(tree_hashes(fresh))
