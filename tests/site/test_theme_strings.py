"""The theme's words are the ones a reader in Taiwan expects (overrides/partials/languages/zh-Hant-TW.html)."""
from __future__ import annotations

import re

import pytest

from tests.site.test_pages import built_pages

pytestmark = pytest.mark.build

# Material 9.8's zh-TW strings that read wrong here, and Python-Markdown's untranslated anchor title.
STUMBLING_STRINGS = ("元數據", "回到主頁", "跳轉到", "頁腳", "前往倉庫", 'title="Permanent link"')
POST = "blog/cuckoo-filter/index.html"
META_ITEM = re.compile(r'<li class="md-meta__item">\s*(.*?)\s*<', re.DOTALL)


def test_no_page_shows_a_stumbling_string(built_site):
    for path in built_pages(built_site):
        html = path.read_text("utf-8")
        found = [text for text in STUMBLING_STRINGS if text in html]
        assert not found, f"{path.relative_to(built_site)}: {found}"


def test_categories_are_introduced_by_a_whole_phrase(built_site):
    """Material's zh-TW prints a bare 於 before the category: 「於 TIL」."""
    items = [item for path in built_pages(built_site) for item in META_ITEM.findall(path.read_text("utf-8"))]
    assert "歸類於" in items
    assert "於" not in items


def test_a_post_names_its_parts_in_taiwanese_usage(built_site):
    html = (built_site / POST).read_text("utf-8")
    for text in ("文章資訊", "回到文章列表", "跳至主要內容", 'title="本節的永久連結"'):
        assert text in html, text


def test_pages_declare_zh_tw_and_the_feed_the_same_language_tag_in_full(built_site):
    """Pages keep zh-TW's own `language` string; the RSS plugin reads theme.language (BCP 47: zh-Hant-TW)."""
    assert '<html lang="zh-TW"' in (built_site / POST).read_text("utf-8")
    for feed in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        assert "<language>zh-Hant-TW</language>" in (built_site / feed).read_text("utf-8"), feed
