"""The pages as built: language, anchors, and nothing the site does not use."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.build

# Characters that exist only in Simplified Chinese; Material's zh-Hant strings had 个.
SIMPLIFIED_ONLY = "个这们设页数据没时间检阅读码"


def built_pages(site):
    return sorted(path for path in site.rglob("*.html") if "assets" not in path.parts)


def test_every_page_is_in_traditional_chinese(built_site):
    for path in built_pages(built_site):
        html = path.read_text("utf-8")
        assert '<html lang="zh-TW"' in html, path
        found = sorted(set(SIMPLIFIED_ONLY) & set(html))
        assert not found, f"{path}: Simplified characters {found}"


def test_chinese_headings_keep_chinese_ids(built_site):
    html = (built_site / "writing-guide/index.html").read_text("utf-8")
    assert 'id="新增一篇文章"' in html
    assert 'id="數學公式"' in html


def test_no_heading_falls_back_to_a_numbered_id(built_site):
    for path in built_pages(built_site):
        assert not re.search(r'id="_\d+"', path.read_text("utf-8")), path


def test_pages_without_math_have_no_math_markup(built_site):
    html = (built_site / "index.html").read_text("utf-8")
    assert 'class="arithmatex"' not in html


def test_no_math_script_is_published(built_site):
    assert not (built_site / "assets/mathjax").exists()
    assert not list(built_site.rglob("mathjax*.js"))
