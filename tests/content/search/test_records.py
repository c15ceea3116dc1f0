"""A page's search record: its content spaced for Pagefind, its title, category and date."""
from __future__ import annotations

from markupsafe import Markup, escape

from kb.content.search.records import index_html, search_record


def test_text_is_written_as_pairs_but_tags_and_attributes_are_not():
    html = '<p title="布穀鳥">布穀鳥過濾器。</p>'
    assert index_html(html).split() == ['<p', 'title="布穀鳥">', "布穀", "穀鳥", "鳥過", "過濾", "濾器", "器器", "。", "</p>"]


def test_pairs_continue_across_inline_tags_but_not_blocks():
    assert "鳥過" in index_html("<p>布穀鳥<a href='/x'>過濾器</a></p>").split()
    assert "鳥過" not in index_html("<p>布穀鳥</p><p>過濾器</p>").split()
    assert "鳥過" not in index_html("<li>布穀鳥<br>過濾器</li>").split()


def test_latin_text_between_tags_is_unchanged():
    assert index_html("<p>Bloom <code>filter</code></p>") == "<p>Bloom <code>filter</code></p>"


def test_record_adds_the_title_when_the_content_has_no_h1():
    record = search_record("寫作指南", "<p>內文</p>", {}, "und")
    assert "<h1> 寫作 作指 指南 南南 </h1>" in record
    assert '<html lang="und">' in record


def test_record_keeps_the_content_h1_and_drops_permalinks():
    content = '<h1 id="t">標題<a class="headerlink" href="#t" title="Permanent link">¶</a></h1><p>文</p>'
    record = search_record("另一個標題", content, {}, "und")
    assert record.count("<h1") == 1
    assert "¶" not in record and "headerlink" not in record


def test_record_carries_category_and_date_as_pagefind_metadata():
    record = search_record("&lt;b&gt;標題", "<p>文</p>", {"category": "論文解讀", "date": "2017-10-27", "empty": ""}, "und")
    assert '<span data-pagefind-meta="shown_title:&lt;b&gt;標題"></span>' in record
    assert '<span data-pagefind-meta="category:論文解讀"></span>' in record
    assert '<span data-pagefind-meta="date:2017-10-27"></span>' in record
    assert "empty" not in record


def test_only_headings_keep_their_ids():
    content = '<h2 id="插入">插入</h2><pre><span id="__span-0-1">x = 1</span></pre>'
    record = search_record("標題", content, {}, "und")
    assert 'id="插入"' in record and "__span" not in record


def test_only_the_content_is_indexed():
    record = search_record("標題", "<p>文</p>", {}, "und")
    assert "<main data-pagefind-body>" in record


def test_a_title_with_html_is_indexed_as_text():
    escaped_title = str(escape(Markup("&lt;img src=x&gt; 標題")))
    record = search_record(escaped_title, "<p>文</p>", {}, "und")
    assert "<h1>&lt;img src=x&gt;  標題 題題 </h1>" in record
    assert "<img" not in record
