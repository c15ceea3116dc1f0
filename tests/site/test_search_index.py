"""The search index is segmented for Chinese, so a term typed by a reader matches."""
from __future__ import annotations

import json
import re

import pytest

from tests.conftest import REPO_ROOT
from tests.site.site_pages import plugin_config

pytestmark = pytest.mark.build

USER_DICT = REPO_ROOT / plugin_config("search")["jieba_dict_user"]


@pytest.fixture(scope="module")
def search_index(built_site) -> dict:
    return json.loads((built_site / "search/search_index.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def index_tokens(search_index) -> set[str]:
    """Every token the browser builds from the index, split by the configured separator."""
    separator = re.compile(search_index["config"]["separator"])
    return {
        token
        for doc in search_index["docs"]
        for token in separator.split(f"{doc['title']} {doc['text']}")
        if token
    }


def user_dict_terms() -> list[str]:
    return [line.split()[0] for line in USER_DICT.read_text("utf-8").splitlines() if line.strip()]


def test_search_is_configured_for_chinese(search_index):
    assert search_index["config"]["lang"] == ["zh"]


def test_index_text_is_segmented_with_zero_width_spaces(search_index):
    long_chinese_docs = [doc for doc in search_index["docs"] if len(re.findall(r"[\u4e00-\u9fff]", doc["text"])) > 200]
    assert long_chinese_docs
    for doc in long_chinese_docs:
        assert "\u200b" in doc["text"], doc["location"]


def test_user_dict_lines_are_term_frequency_and_tag():
    for number, line in enumerate(USER_DICT.read_text("utf-8").splitlines(), start=1):
        assert re.fullmatch(r"\S+ \d+ [a-z]+", line), f"{USER_DICT.name}:{number}: {line!r}"


@pytest.mark.parametrize("term", user_dict_terms())
def test_each_user_dict_term_is_on_the_site_and_a_whole_token(term, index_tokens):
    sources = "".join(path.read_text("utf-8") for path in (REPO_ROOT / "docs").rglob("*.md"))
    assert term in sources, f"{term}: no page uses it; drop it from {USER_DICT.name}"
    assert term in index_tokens, f"{term}: jieba still splits it"


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("(cuckoo filter)", ["cuckoo", "filter"]),
        ("「布穀鳥過濾器」（論文）", ["布穀鳥過濾器", "論文"]),
        ("[RFC]、{x}：y；z", ["RFC", "x", "y", "z"]),
    ],
)
def test_separator_splits_on_brackets_and_punctuation(search_index, text, tokens):
    separator = re.compile(search_index["config"]["separator"])
    assert [token for token in separator.split(text) if token] == tokens
