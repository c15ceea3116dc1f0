"""The built site's search: Pagefind's index of the content pages, and the data the search box loads."""
from __future__ import annotations

import json

import pytest

from kb.content.search.script_folding import SHARD_COUNT
from kb.content.search.vocabulary import browser_vocabulary, load_vocabulary
from tests.conftest import REPO_ROOT
from tests.site.site_pages import indexed_phrase, indexed_words, plugin_config, search_fragments

pytestmark = pytest.mark.build

CONTENT_PAGES = {"/", "/writing-guide/", "/notebooks/logistic-regression/"}


@pytest.fixture(scope="module")
def fragments(built_site) -> dict[str, dict]:
    return search_fragments(built_site)


def test_every_post_and_content_page_is_indexed_and_no_list(fragments, posts):
    post_urls = {f"/blog/{post['slug']}/" for post in posts}
    assert set(fragments) == CONTENT_PAGES | post_urls


def test_results_carry_title_category_and_date(fragments, posts):
    for post in posts:
        meta = fragments[f"/blog/{post['slug']}/"]["meta"]
        assert meta["category"] == "、".join(post["categories"])
        assert meta["date"] == str(post["date"])
    meta = fragments["/blog/cuckoo-filter/"]["meta"]
    assert meta["shown_title"] == "[論文解讀] Cuckoo Filter：能刪除、又比 Bloom Filter 省空間的布穀鳥過濾器"
    assert meta["title"] == indexed_words(meta["shown_title"])  # matched word by word
    assert fragments["/notebooks/logistic-regression/"]["meta"]["category"] == "Notebook"


def test_indexed_text_is_the_content_without_page_chrome(fragments):
    cuckoo = fragments["/blog/cuckoo-filter/"]["content"]
    assert indexed_phrase("布穀鳥過濾器") in cuckoo
    assert "切換至深色模式" not in cuckoo  # the header's palette toggle
    assert "¶" not in cuckoo


def test_materials_search_index_is_not_built(built_site):
    assert not (built_site / "search/search_index.json").exists()


def test_the_search_box_has_its_vocabulary_and_script_folding_data(built_site):
    vocabulary_file = REPO_ROOT / plugin_config("kb/search")["vocabulary"]
    published = json.loads((built_site / "assets/search/vocabulary.json").read_text("utf-8"))
    assert published == browser_vocabulary(load_vocabulary(vocabulary_file, "vocabulary"))
    assert len(list((built_site / "assets/search/opencc").glob("s2twp-*.json.gz"))) == SHARD_COUNT + 1


def test_pages_ship_no_search_script_but_the_loader(built_site):
    home = (built_site / "index.html").read_text("utf-8")
    assert 'type="search"' in home
    assert "pagefind" not in home and "opencc" not in home
