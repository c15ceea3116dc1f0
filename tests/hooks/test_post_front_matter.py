import textwrap

import pytest

from hooks.post_front_matter import front_matter_problems, validate_posts

CATEGORIES = ["TIL", "課程筆記", "論文解讀", "中文導讀"]
PATH = "docs/blog/posts/example.md"


def post(front_matter: str, body: str = "# 標題\n") -> str:
    return f"---\n{textwrap.dedent(front_matter).strip()}\n---\n\n{body}"


VALID = post(
    """
    date: 2017-12-08
    slug: kubernetes-device-plugin
    categories:
      - TIL
    tags:
      - Kubernetes
    """
)


def problems(text: str) -> list[str]:
    return front_matter_problems(PATH, text, CATEGORIES)


def test_valid_post_has_no_problems():
    assert problems(VALID) == []


def test_missing_front_matter_is_reported_at_line_1():
    assert problems("# 沒有 front matter\n") == [
        f"{PATH}:1: no front matter: start the file with a '---' block"
    ]


def test_malformed_yaml_names_file_and_line():
    text = post("date: 2017-12-08\nslug: [unclosed\ncategories: [TIL]")
    (problem,) = problems(text)
    assert problem.startswith(f"{PATH}:4: front matter is not valid YAML")


def test_impossible_date_is_reported():
    (problem,) = problems(VALID.replace("2017-12-08", "2017-13-45"))
    assert problem.startswith(f"{PATH}: front matter has an impossible value")


def test_missing_date_is_reported():
    assert problems(VALID.replace("date: 2017-12-08\n", "")) == [
        f"{PATH}: missing 'date' (write date: YYYY-MM-DD)"
    ]


def test_date_as_text_is_reported():
    (problem,) = problems(VALID.replace("2017-12-08", "'去年冬天'"))
    assert "'date' must be YYYY-MM-DD" in problem


@pytest.mark.parametrize("slug", ["Device_Plugin", "裝置外掛", "trailing-", "two  words"])
def test_non_ascii_or_malformed_slug_is_reported(slug):
    (problem,) = problems(VALID.replace("kubernetes-device-plugin", f"'{slug}'"))
    assert "'slug' must be lowercase ASCII" in problem


def test_missing_slug_is_reported():
    (problem,) = problems(VALID.replace("slug: kubernetes-device-plugin\n", ""))
    assert problem == f"{PATH}: missing 'slug' (an ASCII slug keeps the URL short)"


def test_unknown_category_names_the_allowed_ones():
    (problem,) = problems(VALID.replace("- TIL", "- 隨筆"))
    assert problem == f"{PATH}: unknown category '隨筆' (allowed: TIL, 課程筆記, 論文解讀, 中文導讀)"


def test_missing_categories_is_reported():
    text = post("date: 2017-12-08\nslug: a-post")
    assert any("'categories' must list one of" in p for p in problems(text))


def test_tags_must_be_a_list_of_words():
    (problem,) = problems(VALID.replace("tags:\n  - Kubernetes", "tags: Kubernetes"))
    assert problem == f"{PATH}: 'tags' must be a list of words"


def test_every_problem_of_every_post_is_reported_in_one_run():
    broken = VALID.replace("date: 2017-12-08\n", "").replace("- TIL", "- 隨筆")
    found = validate_posts([("a.md", broken), ("b.md", VALID), ("c.md", "no front matter")], CATEGORIES)
    assert [p.split(":")[0] for p in found] == ["a.md", "a.md", "c.md"]
