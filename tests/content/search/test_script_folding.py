"""Script folding: the browser's sharded converter gives exactly opencc-js's s2twp."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from kb.content.search.script_folding import (
    CHARACTERS,
    NORMALIZATION,
    PHRASES,
    SHARD_COUNT,
    TAIWAN,
    TAIWAN_STEP_NAME,
    browser_files,
    load_dictionaries,
    shard_name,
    shard_of,
)
from tests.conftest import REPO_ROOT
from tests.node import READ_STDIN, run_module, search_module

OPENCC = REPO_ROOT / "node_modules/opencc-js"
# The queries and common mainland words, and text of every kind around them.
QUERIES = [
    "布谷鸟过滤器", "误判率", "软件架构师", "设备插件", "两层调度", "逻辑回归", "哈希", "非功能需求",
    "数据库", "网络", "内存", "默认", "进程与线程", "服务器", "鼠标", "硬盘", "打印机", "信息",
    "布穀鸟 filter", "Kubernetes 调度器 1.8", "发展", "头发", "干燥", "干部", "乾隆", "里面", "公里",
    "后来", "皇后", "只有", "一只", "面条", "表面", "钟表", "钟情", "𠮷野家", "ＡＢＣ全角", "",
]


@pytest.fixture(scope="module")
def shards_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("opencc")
    for name, data in browser_files(OPENCC).items():
        (folder / name).write_bytes(data)
    return folder


def site_sentences() -> list[str]:
    """Lines of the posts, converted to Simplified with opencc-js: realistic Simplified text."""
    lines = []
    for path in sorted((REPO_ROOT / "docs/blog/posts").glob("*.md")):
        lines += [line for line in path.read_text("utf-8").splitlines() if re.search(r"[\u4e00-\u9fff]", line)][:40]
    return run_module(
        READ_STDIN + """
        import * as OpenCC from "opencc-js";
        const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });
        console.log(JSON.stringify(input.map(toSimplified)));
    """,
        lines,
    )


def test_the_chain_is_opencc_js_s2twp():
    preset = (OPENCC / "dist/esm-lib/preset/full.js").read_text("utf-8")
    line = next(line for line in preset.splitlines() if line.strip().startswith("s2twp:"))
    names = lambda text: tuple(re.findall(r"dict_(\w+)", text))  # noqa: E731
    normalization, segmentation, conversion = re.match(
        r".*normalizationChain: (\[\[.*?\]\]), segmentation: (\[.*?\]), conversionChain: (\[\[.*\]\])", line
    ).groups()
    assert names(normalization) == NORMALIZATION
    assert names(segmentation) == PHRASES
    assert names(conversion) == PHRASES + CHARACTERS + TAIWAN


def test_every_entry_is_in_the_shard_of_its_first_character(shards_dir):
    dictionaries = load_dictionaries(OPENCC)
    seen = 0
    for index in range(SHARD_COUNT):
        shard = json.loads(gzip.decompress((shards_dir / shard_name(index)).read_bytes()))
        for part, table in (("n", dictionaries.normalization), ("p", dictionaries.phrases), ("c", dictionaries.characters)):
            assert all(shard_of(key) == index and table[key] == value for key, value in shard[part].items())
            seen += len(shard[part])
    assert seen == len(dictionaries.normalization) + len(dictionaries.phrases) + len(dictionaries.characters)
    assert json.loads(gzip.decompress((shards_dir / TAIWAN_STEP_NAME).read_bytes())) == dictionaries.taiwan


def test_character_dictionary_holds_only_what_phrases_lack():
    dictionaries = load_dictionaries(OPENCC)
    assert not dictionaries.characters.keys() & dictionaries.phrases.keys()


def test_shards_are_the_same_bytes_every_build():
    assert browser_files(OPENCC) == browser_files(OPENCC)


def test_browser_converter_equals_opencc_js(shards_dir):
    texts = QUERIES + site_sentences()
    converted = run_module(
        READ_STDIN + f"""
        import {{ readFileSync }} from "node:fs";
        import {{ gunzipSync }} from "node:zlib";
        import * as OpenCC from "opencc-js";
        import {{ createConverter }} from "{search_module('opencc.js')}";
        const loaded = [];
        const load = async (name) => {{
          loaded.push(name);
          return JSON.parse(gunzipSync(readFileSync({json.dumps(str(shards_dir))} + "/" + name)).toString("utf8"));
        }};
        const ours = createConverter(load);
        const theirs = OpenCC.Converter({{ from: "cn", to: "twp" }});
        const out = [];
        for (const text of input) out.push([await ours.toTaiwan(text), theirs(text)]);
        console.log(JSON.stringify({{ out, loaded: [...new Set(loaded)].length }}));
    """,
        texts,
    )
    mismatches = [(text, ours, theirs) for text, (ours, theirs) in zip(texts, converted["out"]) if ours != theirs]
    assert not mismatches
    assert converted["out"][:5] == [["布穀鳥過濾器"] * 2, ["誤判率"] * 2, ["軟體架構師"] * 2, ["裝置外掛"] * 2, ["兩層排程"] * 2]
    assert converted["loaded"] < SHARD_COUNT  # only the shards of the characters seen


def test_a_query_loads_only_its_characters_shards(shards_dir):
    loaded = run_module(f"""
        import {{ createConverter }} from "{search_module('opencc.js')}";
        const names = [];
        const converter = createConverter(async (name) => {{ names.push(name); return name.endsWith("taiwan.json.gz") ? {{}} : {{ n: {{}}, p: {{}}, c: {{}} }}; }});
        await converter.toTaiwan("软件");
        console.log(JSON.stringify(names.sort()));
    """)
    expected = sorted({shard_name(shard_of("软")), shard_name(shard_of("件")), TAIWAN_STEP_NAME})
    assert loaded == expected


def test_traditional_text_is_told_from_simplified(shards_dir):
    texts = ["布穀鳥過濾器", "程序", "軟件", "布谷鸟过滤器", "布穀鸟", "cuckoo filter"]
    traditional = run_module(
        READ_STDIN + f"""
        import {{ readFileSync }} from "node:fs";
        import {{ gunzipSync }} from "node:zlib";
        import {{ createConverter }} from "{search_module('opencc.js')}";
        const converter = createConverter(async (name) =>
          JSON.parse(gunzipSync(readFileSync({json.dumps(str(shards_dir))} + "/" + name)).toString("utf8")));
        const out = [];
        for (const text of input) out.push(await converter.isTraditional(text));
        console.log(JSON.stringify(out));
    """,
        texts,
    )
    assert traditional == [True, True, True, False, False, True]
