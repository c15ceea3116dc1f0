"""The browser spaces and folds text exactly as the search records do (records.py ↔ text.js)."""
from __future__ import annotations

import re

import pytest

from kb.content.search.records import CJK, space_cjk
from kb.content.search.vocabulary import normalize_term
from tests.node import READ_STDIN, run_module, search_module

LAST_CODE_POINT = 0x323AF  # past the last Han extension


def ranges(members) -> list[list[int]]:
    found: list[list[int]] = []
    for point in members:
        if found and found[-1][1] == point - 1:
            found[-1][1] = point
        else:
            found.append([point, point])
    return found


def test_browser_and_records_treat_the_same_characters_as_cjk():
    pattern = re.compile(f"[{CJK}]")
    python = ranges(p for p in range(LAST_CODE_POINT + 1) if pattern.match(chr(p)))
    browser = run_module(f"""
        import {{ CJK }} from "{search_module('text.js')}";
        const pattern = new RegExp(`[${{CJK}}]`, "u");
        const found = [];
        for (let p = 0; p <= {LAST_CODE_POINT}; p++) {{
          if (!pattern.test(String.fromCodePoint(p))) continue;
          if (found.length && found.at(-1)[1] === p - 1) found.at(-1)[1] = p; else found.push([p, p]);
        }}
        console.log(JSON.stringify(found));
    """)
    assert browser == python
    assert [0x4E00, 0x9FFF] in python  # CJK Unified Ideographs, as one range


SAMPLES = [
    "布穀鳥過濾器（cuckoo filter）是一種支援刪除的資料結構。",
    "[論文解讀] Cuckoo Filter：能刪除、又比 Bloom Filter 省空間",
    "Kubernetes 1.8 於 2017-09-29 發布，Device Plugin 以 alpha 登場",
    "用Pagefind搜尋「費氏數列」，x < y & z",
    "𠀀𪜀 CJK 擴充字與全形ＡＢＣ１２３",
    "   前後有空白   ",
]


def test_browser_spaces_text_as_the_records_do():
    browser = run_module(
        READ_STDIN + f"""
        import {{ spaceCjk }} from "{search_module('text.js')}";
        console.log(JSON.stringify(input.map(spaceCjk)));
    """,
        SAMPLES,
    )
    assert browser == [space_cjk(text) for text in SAMPLES]


def test_every_cjk_character_is_a_word_of_its_own():
    assert space_cjk("布穀鳥過濾器（cuckoo filter）") == "布 穀 鳥 過 濾 器 （ cuckoo filter ）"
    assert space_cjk("用Pagefind搜尋") == "用 Pagefind 搜 尋"
    assert space_cjk("Bloom filter 2.0") == "Bloom filter 2.0"


@pytest.mark.parametrize(
    "written",
    [
        "[論文解讀] Cuckoo Filter：能刪除、又比 Bloom Filter 省空間的布穀鳥過濾器",
        "布穀鳥過濾器（cuckoo filter）是 Kubernetes 1.8 於 2017-09-29 發布的",
        "「誤判率」與『負載率』，一次看懂。",
    ],
)
def test_shown_text_loses_the_spaces_the_index_added(written):
    shown = run_module(
        READ_STDIN + f"""
        import {{ spaceCjk, unspaceCjk }} from "{search_module('text.js')}";
        console.log(JSON.stringify(unspaceCjk(spaceCjk(input))));
    """,
        written,
    )
    assert shown == written


def test_marked_characters_are_shown_as_one_mark():
    shown = run_module(f"""
        import {{ unspaceCjk }} from "{search_module('text.js')}";
        console.log(JSON.stringify(unspaceCjk("的 <mark>布</mark> <mark>穀</mark> <mark>鳥</mark> 過")));
    """)
    assert shown == "的<mark>布穀鳥</mark>過"


def test_queries_and_vocabulary_terms_are_normalized_alike():
    terms = ["Bloom  Filter", "ＢＬＯＯＭ filter", "布隆過濾器", " 雜湊 "]
    browser = run_module(
        READ_STDIN + f"""
        import {{ normalizeQuery }} from "{search_module('text.js')}";
        console.log(JSON.stringify(input.map(normalizeQuery)));
    """,
        terms,
    )
    assert browser == [normalize_term(term) for term in terms] == ["bloom filter", "bloom filter", "布隆過濾器", "雜湊"]
