"""Writing the Pagefind index of a build: what is published and what is not."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from kb.content.search import pagefind_index
from kb.content.search.pagefind_index import OUTPUT_DIR, record_path, write_pagefind_index
from kb.content.search.records import search_record

RECORDS = {
    "blog/cuckoo-filter/": search_record("布穀鳥過濾器", "<p>指紋與候選桶</p>", {"category": "論文解讀"}, "und"),
    "writing-guide/": search_record("寫作指南", "<p>公式與程式碼</p>", {}, "und"),
}


def test_record_paths_give_pagefind_the_page_urls():
    assert record_path("blog/cuckoo-filter/") == Path("blog/cuckoo-filter/index.html")
    assert record_path("") == Path("index.html")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, object]:
    site = tmp_path_factory.mktemp("site")
    (site / OUTPUT_DIR).mkdir()
    (site / OUTPUT_DIR / "stale-from-last-build.pf_index").write_text("old")
    return site, write_pagefind_index(RECORDS, site)


def test_every_record_is_indexed(written):
    site, summary = written
    assert summary.pages == len(RECORDS)
    entry = json.loads((site / OUTPUT_DIR / "pagefind-entry.json").read_text())
    assert entry["languages"]["und"]["page_count"] == len(RECORDS)


def test_only_what_the_site_loads_is_published(written):
    site, summary = written
    names = sorted(path.name for path in (site / OUTPUT_DIR).iterdir())
    assert "pagefind.js" in names and "index" in names and "fragment" in names
    assert any(name.startswith("wasm.") for name in names)
    assert not [name for name in names if "-ui" in name or "highlight" in name or "worker" in name]
    assert "stale-from-last-build.pf_index" not in names
    assert summary.files == sum(1 for path in (site / OUTPUT_DIR).rglob("*") if path.is_file())


def test_a_record_pagefind_cannot_read_fails_the_build(tmp_path):
    with pytest.raises(PluginError, match="indexed 1 of 2 pages"):
        write_pagefind_index({"a/": RECORDS["writing-guide/"], "b/": "<html><body>no content marked</body></html>"}, tmp_path)


def index_chunks(site: Path) -> int:
    return len(list((site / OUTPUT_DIR / "index").glob("*.pf_index")))


def test_the_index_is_cut_into_small_chunks(tmp_path, monkeypatch):
    # 6,000 different pairs of characters, each once: more locations than one chunk holds.
    text = "".join(chr(0x4E00 + index) for index in range(6000))
    records = {"a/": search_record("標題", f"<p>{text}</p>", {}, "und")}
    write_pagefind_index(records, tmp_path / "small")
    monkeypatch.setattr(pagefind_index, "CHUNK_LOCATIONS", 20_000)  # Pagefind's own size
    write_pagefind_index(records, tmp_path / "default")
    assert index_chunks(tmp_path / "default") == 1
    assert index_chunks(tmp_path / "small") >= 6000 // pagefind_index.CHUNK_LOCATIONS
