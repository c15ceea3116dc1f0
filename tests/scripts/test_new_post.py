"""`make new-post`: a post that passes the build's own checks, written only where nothing is lost."""
from __future__ import annotations

import datetime
import subprocess

import pytest

from kb.guards.front_matter import front_matter_problems
from scripts.new_post import (
    NewPostError,
    blog_settings,
    existing_slugs,
    main,
    parse_tags,
    plan_post,
    render_post,
    slug_from_title,
)
from tests.conftest import REPO_ROOT, SCAFFOLD_ARGUMENTS
from tests.site.site_pages import plugin_config

TODAY = datetime.date(2020, 6, 15)
CATEGORIES = ["TIL", "課程筆記", "論文解讀", "中文導讀"]
POSTS_DIR = "docs/blog/posts"
EXISTING = [(f"{POSTS_DIR}/cuckoo-filter.md", "---\ndate: 2017-10-27\nslug: cuckoo-filter\n---\n# Cuckoo\n")]


def plan(**overrides) -> tuple[str, str]:
    arguments = {
        "title": "Kubernetes Device Plugin 入門",
        "category": "TIL",
        "slug": None,
        "tags": "",
        "date": TODAY,
        "allowed_categories": CATEGORIES,
        "posts": EXISTING,
        "posts_dir": POSTS_DIR,
    }
    return plan_post(**{**arguments, **overrides})


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Kubernetes Device Plugin 入門", "kubernetes-device-plugin"),
        ("[Coursera] Deep Learning：Neural Networks（一）", "coursera-deep-learning-neural-networks"),
        ("我的第一篇 TIL：Hello World", "til-hello-world"),
        ("Docker 1.13 的 iptables FORWARD 政策", "docker-1-13-iptables-forward"),
        ("布穀鳥過濾器", None),
    ],
)
def test_slug_from_title_keeps_the_ascii_words(title, slug):
    assert slug_from_title(title) == slug


def test_a_long_title_gives_a_slug_cut_at_a_word():
    slug = slug_from_title(" ".join(["word"] * 40))
    assert len(slug) <= 60 and slug.endswith("word")


def test_tags_are_split_on_ascii_and_chinese_commas():
    assert parse_tags("Kubernetes, GPU，裝置外掛、GPU,,") == ["Kubernetes", "GPU", "裝置外掛"]


def test_the_rendered_post_passes_the_builds_checks():
    text = render_post("Kubernetes Device Plugin 入門", "kubernetes-device-plugin", "TIL", ["GPU", "yes"], TODAY)
    assert front_matter_problems("new.md", text, CATEGORIES, today=TODAY) == []
    assert text.startswith("---\ndate: 2020-06-15\nslug: kubernetes-device-plugin\ncategories:\n  - TIL\n")
    assert "  - 'yes'\n" in text  # a tag YAML would read as true stays text
    assert "\n# Kubernetes Device Plugin 入門\n" in text
    assert text.count("\n<!-- more -->\n") == 1


def test_the_rendered_post_reminds_how_to_write_math_and_embed_a_tested_snippet():
    text = render_post("標題", "a-post", "TIL", [], TODAY)
    (reminder,) = [line for line in text.splitlines() if "$…$" in line]
    assert reminder.startswith("<!--") and reminder.endswith("-->")
    assert '--8<-- "snippets/' in reminder and "tests/snippets/" in reminder


def test_plan_puts_the_post_at_its_slug():
    path, text = plan(tags="GPU")
    assert path == f"{POSTS_DIR}/kubernetes-device-plugin.md"
    assert "tags:\n  - GPU\n" in text


def test_a_title_without_ascii_words_asks_for_a_slug():
    with pytest.raises(NewPostError, match=r"no ASCII words .* SLUG="):
        plan(title="布穀鳥過濾器")
    assert plan(title="布穀鳥過濾器", slug="cuckoo-filter-zh")[0] == f"{POSTS_DIR}/cuckoo-filter-zh.md"


@pytest.mark.parametrize("slug", ["Cuckoo_Filter", "布穀鳥", "trailing-"])
def test_a_slug_that_is_not_ascii_kebab_case_is_refused(slug):
    with pytest.raises(NewPostError, match="lowercase ASCII words"):
        plan(slug=slug)


def test_a_slug_used_by_another_post_is_refused_naming_it():
    posts = [("docs/blog/posts/2017-cuckoo.md", "---\nslug: cuckoo-filter\n---\n")]
    with pytest.raises(NewPostError, match=r"already used by docs/blog/posts/2017-cuckoo\.md"):
        plan(slug="cuckoo-filter", posts=posts)


def test_an_unknown_category_is_refused_listing_the_allowed_ones():
    with pytest.raises(NewPostError, match="TIL, 課程筆記, 論文解讀, 中文導讀"):
        plan(category="隨筆")


def test_an_empty_title_is_refused():
    with pytest.raises(NewPostError, match="TITLE="):
        plan(title="  ")


def test_existing_slugs_skip_broken_front_matter():
    posts = [("a.md", "---\nslug: [unclosed\n---\n"), *EXISTING]
    assert existing_slugs(posts) == {"cuckoo-filter": EXISTING[0][0]}


def test_categories_and_posts_folder_come_from_mkdocs_yml():
    posts_dir, categories = blog_settings((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))
    blog = plugin_config("blog")
    assert posts_dir == f"docs/{blog['blog_dir']}/posts"
    assert categories == blog["categories_allowed"]


def test_the_command_writes_the_post_and_refuses_to_overwrite_it(tmp_path, capsys):
    (tmp_path / "mkdocs.yml").write_text((REPO_ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    (tmp_path / POSTS_DIR).mkdir(parents=True)
    arguments = ["--title", "Hello World", "--category", "TIL", "--project-dir", str(tmp_path)]
    assert main([*arguments, "--date", "2020-06-15"]) == 0
    written = (tmp_path / POSTS_DIR / "hello-world.md").read_text("utf-8")
    assert "Created docs/blog/posts/hello-world.md" in capsys.readouterr().out

    assert main(arguments) == 1
    assert capsys.readouterr().err == (
        "error: docs/blog/posts/hello-world.md already exists; pick another SLUG=… or edit that file\n"
    )
    assert (tmp_path / POSTS_DIR / "hello-world.md").read_text("utf-8") == written


def test_make_help_lists_new_post_and_the_target_runs_this_script():
    help_text = subprocess.run(["make", "help"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert "make new-post" in help_text and 'TITLE="…" CATEGORY=TIL [SLUG=…] [TAGS=a,b]' in help_text
    recipe = subprocess.run(
        ["make", "--dry-run", "new-post", "TITLE=x"], cwd=REPO_ROOT, capture_output=True, text=True
    ).stdout
    assert '.venv/bin/python -m scripts.new_post --title "$TITLE"' in recipe


@pytest.mark.build
def test_scaffolded_posts_pass_the_strict_build(contributed_site):
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    slugs = {"新文章：Hello World": "hello-world", "<img src=x onerror=alert(1)> 標題": "html-in-title"}
    assert set(slugs) == {arguments[1] for arguments in SCAFFOLD_ARGUMENTS}
    for title, slug in slugs.items():
        assert f"Created docs/blog/posts/{slug}.md" in contributed_site.scaffolded[title]
        assert (contributed_site.site / "blog" / slug / "index.html").is_file()
