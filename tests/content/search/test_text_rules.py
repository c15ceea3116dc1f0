"""The browser cuts and folds text exactly as the search records do (records.py ↔ text.js)."""
from __future__ import annotations

import re

import pytest

from kb.content.search.records import CJK_PUNCTUATION, HAN, index_text
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


@pytest.mark.parametrize("name, python_class", [("HAN", HAN), ("CJK_PUNCTUATION", CJK_PUNCTUATION)])
def test_browser_and_records_treat_the_same_characters_alike(name, python_class):
    pattern = re.compile(f"[{python_class}]")
    python = ranges(p for p in range(LAST_CODE_POINT + 1) if pattern.match(chr(p)))
    browser = run_module(f"""
        import {{ {name} }} from "{search_module('text.js')}";
        const pattern = new RegExp(`[${{{name}}}]`, "u");
        const found = [];
        for (let p = 0; p <= {LAST_CODE_POINT}; p++) {{
          if (!pattern.test(String.fromCodePoint(p))) continue;
          if (found.length && found.at(-1)[1] === p - 1) found.at(-1)[1] = p; else found.push([p, p]);
        }}
        console.log(JSON.stringify(found));
    """)
    assert browser == python


def test_han_is_the_unified_ideographs_and_their_extensions():
    pattern = re.compile(f"[{HAN}]")
    assert all(pattern.match(character) for character in "布穀鳥𠀀𪜀")
    assert not any(pattern.match(character) for character in "，。（A1ａ")


SAMPLES = [
    "布穀鳥過濾器（cuckoo filter）是一種支援刪除的資料結構。",
    "[論文解讀] Cuckoo Filter：能刪除、又比 Bloom Filter 省空間",
    "Kubernetes 1.8 於 2017-09-29 發布，Device Plugin 以 alpha 登場",
    "用Pagefind搜尋「費氏數列」，x < y & z",
    "𠀀𪜀 CJK 擴充字與全形ＡＢＣ１２３",
    "   前後有空白   ",
]


def test_browser_writes_text_as_the_records_do():
    browser = run_module(
        READ_STDIN + f"""
        import {{ indexText }} from "{search_module('text.js')}";
        console.log(JSON.stringify(input.map(indexText)));
    """,
        SAMPLES,
    )
    assert browser == [index_text(text) for text in SAMPLES]


def words(text: str) -> list[str]:
    return text.split()


def test_each_han_character_is_the_pair_it_starts():
    assert words(index_text("布穀鳥過濾器（cuckoo filter）")) == ["布穀", "穀鳥", "鳥過", "過濾", "濾器", "器器", "（", "cuckoo", "filter", "）"]
    assert words(index_text("用Pagefind搜尋")) == ["用用", "Pagefind", "搜尋", "尋尋"]
    assert index_text("Bloom filter 2.0") == "Bloom filter 2.0"
    assert words(index_text("鳥", following="過")) == ["鳥過"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("布穀鳥過濾器", "布穀 穀鳥 過濾 濾器"),  # the words 布穀鳥 and 過濾器
        ("兩層排程", "兩層 排程"),
        ("兩層式排程", "兩層 式排 排程"),
        ("布", "布"),
        ("布穀鳥 filter", "布穀 穀鳥 filter"),
        ("「誤判率」", "誤判 判率"),
    ],
)
def test_a_query_is_searched_as_the_pairs_of_its_words(query, expected):
    searched = run_module(
        READ_STDIN + f"""
        import {{ queryWords }} from "{search_module('text.js')}";
        console.log(JSON.stringify(queryWords(input)));
    """,
        query,
    )
    assert searched == expected


def test_a_run_is_ranked_as_a_phrase_of_all_its_pairs():
    phrase = run_module(f"""
        import {{ phraseQuery }} from "{search_module('text.js')}";
        console.log(JSON.stringify(phraseQuery("布穀鳥過濾器")));
    """)
    assert phrase == '"布穀 穀鳥 鳥過 過濾 濾器"'


@pytest.mark.parametrize(
    "written",
    [
        "[論文解讀] Cuckoo Filter：能刪除、又比 Bloom Filter 省空間的布穀鳥過濾器",
        "布穀鳥過濾器（cuckoo filter）是 Kubernetes 1.8 於 2017-09-29 發布的",
        "「誤判率」與『負載率』，一次看懂。",
    ],
)
def test_record_words_read_as_the_text_they_stand_for(written):
    shown = run_module(
        READ_STDIN + f"""
        import {{ shownText }} from "{search_module('excerpt.js')}";
        console.log(JSON.stringify(shownText(input)));
    """,
        index_text(written),
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
