"""The benchmark's synthetic blog: deterministic, realistic in size, and valid for our build."""
from __future__ import annotations

import re

import pytest

from kb.guards.front_matter import validate_posts
from scripts.bench_site.corpus import (
    MORE,
    PROSE_CHARACTERS,
    generate_posts,
    prose_characters,
    site_categories,
    site_pages,
)
from scripts.bench_site.projects import SYNTHETIC_NAV, ours_config_for_synthetic
from tests.conftest import REPO_ROOT, json_from_fresh_python

POSTS = 5
SEED = 7
INLINE_MATH = re.compile(r"(?<!\$)\$[^$\n]+\$(?!\$)")
DISPLAY_MATH = re.compile(r"^\$\$\n.+?\n\$\$$", re.DOTALL | re.MULTILINE)
CODE_BLOCK = re.compile(r"^```[a-z]+\n.*?\n```$", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def categories() -> tuple[str, ...]:
    return site_categories((REPO_ROOT / "mkdocs.yml").read_text("utf-8"))


@pytest.fixture(scope="module")
def posts(categories):
    return generate_posts(POSTS, SEED, categories)


def test_the_same_seed_gives_the_same_posts_in_another_interpreter(posts, categories):
    program = (
        "import json; from scripts.bench_site.corpus import generate_posts; "
        f"print(json.dumps([post.text for post in generate_posts({POSTS}, {SEED}, {categories!r})]))"
    )
    assert json_from_fresh_python(program, hash_seed=1) == [post.text for post in posts]


def test_another_seed_gives_other_posts(posts, categories):
    assert [post.text for post in generate_posts(POSTS, SEED + 1, categories)] != [post.text for post in posts]


def test_it_generates_the_requested_number_of_posts_with_unique_paths(posts):
    assert len({post.path for post in posts}) == POSTS


def test_titles_are_unique_even_when_a_topic_and_style_repeat(categories):
    many = generate_posts(200, SEED, categories)
    titles = [re.search(r"^# (.+)$", post.text, re.MULTILINE)[1] for post in many]
    assert len(set(titles)) == len(titles)


def test_each_post_has_about_1500_characters_of_prose(posts):
    for post in posts:
        assert 0.9 * PROSE_CHARACTERS <= prose_characters(post.text) <= 1.15 * PROSE_CHARACTERS, post.path


def test_each_post_has_inline_and_display_math_two_code_blocks_and_one_excerpt_marker(posts):
    for post in posts:
        assert INLINE_MATH.search(post.text), post.path
        assert len(DISPLAY_MATH.findall(post.text)) == 1, post.path
        assert len(CODE_BLOCK.findall(post.text)) == 2, post.path
        assert post.text.count(MORE) == 1, post.path


def test_front_matter_passes_the_post_front_matter_hook(posts, categories):
    assert validate_posts([(post.path, post.text) for post in posts], categories) == []


def test_the_pages_around_the_posts_are_the_ones_the_synthetic_nav_names():
    named = set(re.findall(r"[\w/]+\.md", SYNTHETIC_NAV))
    assert named == set(site_pages())


def test_our_config_for_the_synthetic_site_only_swaps_the_page_tree():
    ours = (REPO_ROOT / "mkdocs.yml").read_text("utf-8")
    synthetic = ours_config_for_synthetic(ours)
    head = ours.split("\n# Page tree\n")[0]
    assert synthetic == head + "\n" + SYNTHETIC_NAV
