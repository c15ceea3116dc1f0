import datetime
import textwrap

import pytest

from kb.guards.front_matter import check_posts, decode_page, front_matter_problems, validate_posts

CATEGORIES = ["TIL", "課程筆記", "論文解讀", "中文導讀"]
PATH = "docs/blog/posts/example.md"
TODAY = datetime.date(2020, 6, 15)


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
# Lines of VALID: 1 '---', 2 date, 3 slug, 4 categories, 5 '- TIL', 6 tags, 7 '- Kubernetes', 8 '---', 9 '', 10 '# 標題'


def problems(text: str) -> list[str]:
    return front_matter_problems(PATH, text, CATEGORIES, today=TODAY)


def test_valid_post_has_no_problems():
    assert problems(VALID) == []


def test_missing_front_matter_is_reported_at_line_1():
    assert problems("# 沒有 front matter\n") == [
        f"{PATH}:1: no front matter: start the file with a '---' block"
    ]


def test_empty_file_is_reported_as_empty():
    (problem,) = problems("")
    assert problem.startswith(f"{PATH}:1: the file is empty")
    assert problems("\n \n") == [problem]


def test_malformed_yaml_names_file_and_line():
    text = post("date: 2017-12-08\nslug: [unclosed\ncategories: [TIL]")
    (problem,) = problems(text)
    assert problem.startswith(f"{PATH}:4: front matter is not valid YAML")


def test_front_matter_that_is_not_a_mapping_is_reported():
    assert problems(post("- date\n- slug")) == [f"{PATH}:2: front matter must be a mapping of keys to values"]


def test_impossible_date_is_reported_at_its_line():
    (problem,) = problems(VALID.replace("2017-12-08", "2017-13-45"))
    assert problem.startswith(f"{PATH}:2: 'date' 2017-13-45 is not a real date (month must be in 1..12")


def test_missing_date_is_reported():
    assert problems(VALID.replace("date: 2017-12-08\n", "")) == [
        f"{PATH}: missing 'date' (write date: YYYY-MM-DD)"
    ]


def test_date_as_text_is_reported():
    (problem,) = problems(VALID.replace("2017-12-08", "'去年冬天'"))
    assert problem == f"{PATH}:2: 'date' must be YYYY-MM-DD, got '去年冬天'"


def test_date_with_a_time_is_accepted():
    assert problems(VALID.replace("2017-12-08", "2017-12-08 09:30:00")) == []


def test_future_date_is_reported_unless_the_post_is_a_draft():
    future = VALID.replace("2017-12-08", "2020-06-16")
    (problem,) = problems(future)
    assert problem.startswith(f"{PATH}:2: 'date' 2020-06-16 is in the future (today is 2020-06-15)")
    assert "draft: true" in problem
    assert problems(future.replace("slug:", "draft: true\nslug:")) == []
    assert problems(VALID.replace("2017-12-08", TODAY.isoformat())) == []


# With `updated` after `date`, the lines after 2 move down by one: slug is on 4.
def revised(updated: str) -> str:
    return VALID.replace("slug:", f"updated: {updated}\nslug:")


def test_an_update_on_or_after_the_date_is_accepted():
    assert problems(revised("2019-03-01")) == []
    assert problems(revised("2017-12-08")) == []
    assert problems(revised("2019-03-01 18:00:00")) == []


def test_an_update_before_the_date_is_reported_at_its_line_with_the_date_line():
    (problem,) = problems(revised("2017-12-07"))
    assert problem.startswith(f"{PATH}:3: 'updated' 2017-12-07 is before 'date' 2017-12-08 ({PATH}:2)")


def test_an_impossible_update_is_reported_at_its_line():
    (problem,) = problems(revised("2019-02-30"))
    assert problem.startswith(f"{PATH}:3: 'updated' 2019-02-30 is not a real date (day is out of range")


def test_an_update_as_text_is_reported():
    (problem,) = problems(revised("'上個月'"))
    assert problem == f"{PATH}:3: 'updated' must be YYYY-MM-DD, got '上個月'"


def test_an_update_in_the_future_is_reported():
    (problem,) = problems(revised("2020-06-16"))
    assert problem.startswith(f"{PATH}:3: 'updated' 2020-06-16 is in the future (today is 2020-06-15)")
    assert problems(revised(TODAY.isoformat())) == []


def test_draft_must_be_a_boolean():
    (problem,) = problems(VALID.replace("slug:", "draft: 'yes'\nslug:"))
    assert problem == f"{PATH}:3: 'draft' must be true or false, got 'yes'"


@pytest.mark.parametrize("slug", ["Device_Plugin", "裝置外掛", "trailing-", "two  words"])
def test_non_ascii_or_malformed_slug_is_reported_at_its_line(slug):
    (problem,) = problems(VALID.replace("kubernetes-device-plugin", f"'{slug}'"))
    assert problem == f"{PATH}:3: 'slug' must be lowercase ASCII words joined by '-', got {slug!r}"


def test_missing_slug_is_reported():
    (problem,) = problems(VALID.replace("slug: kubernetes-device-plugin\n", ""))
    assert problem == f"{PATH}: missing 'slug' (an ASCII slug keeps the URL short)"


def test_unknown_category_names_the_allowed_ones():
    (problem,) = problems(VALID.replace("- TIL", "- 隨筆"))
    assert problem == (
        f"{PATH}:4: unknown category '隨筆' in 'categories' (allowed: TIL, 課程筆記, 論文解讀, 中文導讀)"
    )


def test_missing_categories_is_reported():
    text = post("date: 2017-12-08\nslug: a-post")
    assert any("'categories' must list one of" in p for p in problems(text))


def test_tags_must_be_a_list_of_words():
    (problem,) = problems(VALID.replace("tags:\n  - Kubernetes", "tags: Kubernetes"))
    assert problem == f"{PATH}:6: 'tags' must be a list of words, got 'Kubernetes'"


def test_a_tag_that_is_not_a_string_is_reported():
    (problem,) = problems(VALID.replace("- Kubernetes", "- 1.8"))
    assert problem.startswith(f"{PATH}:6: 'tags' must be a list of words")


def test_title_from_the_front_matter_replaces_the_h1():
    assert problems(VALID.replace("slug:", "title: 標題\nslug:").replace("# 標題\n", "內文\n")) == []


def test_a_post_without_a_title_is_reported_at_its_first_line():
    assert problems(VALID.replace("# 標題\n", "只有內文，沒有標題。\n")) == [
        f"{PATH}:10: no title: make the body's first line '# 標題', or set 'title' in the front matter"
    ]


def test_a_setext_heading_is_a_title():
    assert problems(VALID.replace("# 標題\n", "標題\n===\n")) == []


def test_an_empty_title_is_reported():
    (problem,) = problems(VALID.replace("slug:", "title: ''\nslug:"))
    assert problem == f"{PATH}:3: 'title' must be text, got ''"


def test_every_problem_of_every_post_is_reported_in_one_run():
    broken = VALID.replace("date: 2017-12-08\n", "").replace("- TIL", "- 隨筆").replace("# 標題", "# 壞的")
    fine = VALID.replace("kubernetes-device-plugin", "another-post")
    found = validate_posts([("a.md", broken), ("b.md", fine), ("c.md", "no front matter")], CATEGORIES, TODAY)
    assert [p.split(":")[0] for p in found] == ["a.md", "a.md", "c.md"]


def test_a_slug_used_twice_is_an_error_naming_both_files():
    other = VALID.replace("# 標題", "# 另一個標題")
    report = check_posts([("a.md", VALID), ("b.md", other)], CATEGORIES, TODAY)
    assert report.errors == [
        "b.md:3: 'slug' 'kubernetes-device-plugin' is already the slug of a.md:3; each post needs its own"
    ]
    assert report.warnings == []


def test_a_title_used_twice_is_only_a_warning_naming_both_files():
    other = VALID.replace("kubernetes-device-plugin", "another-post")
    report = check_posts([("a.md", VALID), ("b.md", other)], CATEGORIES, TODAY)
    assert report.errors == []
    assert report.warnings == [
        "b.md:10: the title '標題' is also the title of a.md:10; readers cannot tell them apart in lists and search"
    ]


def test_a_front_matter_title_and_an_h1_can_be_duplicates():
    other = VALID.replace("kubernetes-device-plugin", "another-post").replace("slug:", "title: 標題\nslug:")
    (warning,) = check_posts([("a.md", VALID), ("b.md", other)], CATEGORIES, TODAY).warnings
    assert warning.startswith("b.md:3: the title '標題' is also the title of a.md:10")


def test_utf8_text_is_decoded_and_a_bom_dropped():
    assert decode_page("a.md", "\ufeff# 標題\n".encode()) == ("# 標題\n", None)


def test_non_utf8_bytes_are_reported_with_their_line_and_a_big5_hint():
    data = "---\n".encode() + "# 標題\n".encode("cp950")
    text, problem = decode_page("docs/a.md", data)
    assert text is None
    assert problem.startswith("docs/a.md:2: the file is not UTF-8 (byte 0xbc); save it as UTF-8.")
    assert "iconv -f CP950 -t UTF-8" in problem


def test_non_utf8_bytes_that_are_not_big5_get_no_hint():
    _, problem = decode_page("a.md", b"ok\n\xff\xff\n")
    assert problem == "a.md:2: the file is not UTF-8 (byte 0xff); save it as UTF-8."


@pytest.mark.build
def test_a_repeated_title_is_a_visible_warning_that_does_not_fail_the_strict_build(contributed_site):
    assert contributed_site.build.returncode == 0, contributed_site.build.stderr
    (warning,) = [line for line in contributed_site.build.stderr.splitlines() if "is also the title of" in line]
    assert warning.startswith("WARNING -  docs/blog/posts/")
    assert "docs/blog/posts/kubernetes-device-plugin.md:13" in warning
    assert "docs/blog/posts/device-plugin-again.md:13" in warning
    assert "'Kubernetes Device Plugin：讓叢集認得 GPU 與其他特殊硬體'" in warning
