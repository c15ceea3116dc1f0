"""The search engine's rules, run under Node with a stand-in for Pagefind's API."""
from __future__ import annotations

from tests.node import READ_STDIN, run_module, search_module

VOCABULARY = [["布隆過濾器", "bloom filter"], ["雜湊", "哈希", "hash"]]


def engine_call(expression: str, stdin: object = None) -> object:
    return run_module(
        READ_STDIN + f"""
        import * as engine from "{search_module('engine.js')}";
        console.log(JSON.stringify(await ({expression})));
    """,
        stdin,
    )


def test_a_vocabulary_term_adds_the_query_with_each_other_term():
    assert engine_call("engine.alternatives(['布隆過濾器 誤判'], input)", VOCABULARY) == [
        "布隆過濾器 誤判",
        "bloom filter 誤判",
    ]


def test_latin_terms_match_whole_words_only():
    assert engine_call("engine.alternatives(['hashicorp'], input)", VOCABULARY) == ["hashicorp"]
    assert engine_call("engine.alternatives(['hash table'], input)", VOCABULARY) == [
        "hash table", "雜湊 table", "哈希 table",
    ]


def test_alternatives_are_capped():
    groups = [[f"詞{index}", f"term{index}"] for index in range(20)]
    query = " ".join(f"詞{index}" for index in range(20))
    assert len(engine_call(f"engine.alternatives([{query!r}], input)", groups)) == 6


def test_ranking_puts_whole_phrases_first_then_scores():
    ranked = engine_call(
        """engine.rank([
            {id: "a", phrases: 0, score: 90, terms: ["x"]}, {id: "b", phrases: 1, score: 5, terms: ["y"]},
            {id: "a", phrases: 1, score: 7, terms: ["z"]}, {id: "c", phrases: 0.5, score: 50, terms: []},
        ]).map((r) => [r.id, r.phrases, r.score, r.terms])"""
    )
    assert ranked == [["a", 1, 7, ["x", "z"]], ["b", 1, 5, ["y"]], ["c", 0.5, 50, []]]


FAKE_PAGEFIND = """
import { indexText } from "TEXT_JS";
const pages = Object.fromEntries(Object.entries({
  a: "布穀鳥過濾器與雜湊",          // the phrase, side by side
  b: "布穀鳥與過濾器",              // its words, apart
  c: "bloom filter 的說明",
}).map(([id, text]) => [id, indexText(text).split(/\\s+/).filter(Boolean).join(" ")]));
const searches = [];
const pagefind = {
  async search(query) {
    searches.push(query);
    const exact = query.startsWith('"');
    const words = query.replaceAll('"', "").split(" ");
    const results = Object.entries(pages)
      .filter(([, text]) => exact ? text.includes(words.join(" ")) : words.every((w) => text.split(" ").some((t) => t.startsWith(w))))
      .map(([id, text]) => ({ id, score: text.length, data: async () => ({ url: "/" + id + "/" }) }));
    return { results };
  },
};
""".replace("TEXT_JS", search_module("text.js"))


def test_engine_folds_scripts_expands_terms_and_ranks_phrases_first():
    result = run_module(
        READ_STDIN + FAKE_PAGEFIND + f"""
        import {{ createEngine }} from "{search_module('engine.js')}";
        const converter = {{
          toTaiwan: async (text) => text.replace("布谷鸟过滤器", "布穀鳥過濾器"),
          isTraditional: async (text) => !text.includes("鸟"),
        }};
        const found = await createEngine({{ pagefind, converter, vocabulary: input }}).search("布谷鸟过滤器");
        const expanded = await createEngine({{ pagefind, converter, vocabulary: input }}).search("布隆過濾器");
        console.log(JSON.stringify({{
          found: found.map((r) => [r.id, r.phrases, r.terms]),
          expanded: expanded.map((r) => r.id),
          searches,
        }}));
    """,
        [["布隆過濾器", "bloom filter"]],
    )
    assert result["found"] == [["a", 1, ["布穀鳥過濾器"]], ["b", 0, ["布穀鳥過濾器"]]]
    assert result["expanded"][0] == "c"  # only the English name is on page c
    assert '"布穀 穀鳥 鳥過 過濾 濾器"' in result["searches"]  # the phrase, in the records' words
    assert not [search for search in result["searches"] if "鸟" in search]  # Simplified as typed: not searched


def test_an_empty_query_searches_nothing():
    result = run_module(
        FAKE_PAGEFIND + f"""
        import {{ createEngine }} from "{search_module('engine.js')}";
        const converter = {{ toTaiwan: async (t) => t, isTraditional: async () => true }};
        const found = await createEngine({{ pagefind, converter, vocabulary: [] }}).search("   ");
        console.log(JSON.stringify([found, searches]));
    """
    )
    assert result == [[], []]
