"""The search vocabulary: term groups from data/search-vocabulary.yml, checked with file:line."""
from __future__ import annotations

import pytest

from kb.content.search.vocabulary import browser_vocabulary, load_vocabulary, read_vocabulary
from kb.data_files import DataFileError, parse_yaml
from tests.conftest import REPO_ROOT
from tests.site.site_pages import plugin_config

VOCABULARY_FILE = REPO_ROOT / plugin_config("kb/search")["vocabulary"]


def read(text: str) -> list[tuple[str, ...]]:
    return read_vocabulary(parse_yaml("vocabulary.yml", text))


def problems(text: str) -> str:
    with pytest.raises(DataFileError) as error:
        read(text)
    return str(error.value)


def test_groups_are_read_in_order():
    assert read("- [布隆過濾器, Bloom filter]\n- [雜湊, 哈希, hash]\n") == [
        ("布隆過濾器", "Bloom filter"),
        ("雜湊", "哈希", "hash"),
    ]


def test_the_browser_gets_normalized_terms():
    assert browser_vocabulary([("布隆過濾器", "Bloom  Filter")]) == [["布隆過濾器", "bloom filter"]]


def test_an_empty_file_has_no_groups():
    assert read("# nothing yet\n") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- [布隆過濾器, Bloom filter\n", "vocabulary.yml:2: not valid YAML"),
        ("groups: []\n", "vocabulary.yml:1: the vocabulary must be a list of term groups"),
        ("- [雜湊, hash]\n- [只有一個]\n", "vocabulary.yml:2: group 2: must be a list of two or more terms"),
        ("- 雜湊\n", "vocabulary.yml:1: group 1: must be a list of two or more terms"),
        ("- [雜湊, 12]\n", "vocabulary.yml:1: group 1: a term must be text, got 12"),
        ("- [雜湊, '']\n", "vocabulary.yml:1: group 1: a term must be text"),
        ("- [雜湊, ' hash']\n", "must be one line without leading or trailing spaces"),
    ],
)
def test_each_bad_entry_is_reported_with_its_line(text, expected):
    assert expected in problems(text)


def test_a_term_in_two_groups_names_both_places():
    message = problems("- [雜湊, hash]\n- [散列, HASH]\n")
    assert "vocabulary.yml:2: group 2: term 'HASH' is already at vocabulary.yml:1" in message


def test_every_problem_is_reported_in_one_run():
    message = problems("- [a]\n- [b]\n- [c, 3]\n")
    assert "3 place(s)" in message


def test_the_site_vocabulary_is_valid():
    assert len(load_vocabulary(VOCABULARY_FILE, "data/search-vocabulary.yml")) >= 10


def test_each_group_names_something_on_the_site():
    pages = " ".join(
        path.read_text("utf-8") for path in (REPO_ROOT / "docs").rglob("*") if path.suffix in (".md", ".ipynb")
    ).lower()
    for group in load_vocabulary(VOCABULARY_FILE, "data/search-vocabulary.yml"):
        assert any(term.lower() in pages for term in group), f"{group}: no page uses any of these terms"
