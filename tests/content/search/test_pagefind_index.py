"""Writing the Pagefind index of a build: what is published and what is not."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from pagefind.index import PagefindIndex

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


def test_a_written_index_is_whole(written):
    site, _ = written
    assert pagefind_index.incomplete_files(site / OUTPUT_DIR) == []


def test_empty_cut_off_and_unreadable_files_are_found(written, tmp_path):
    site, _ = written
    copy = tmp_path / OUTPUT_DIR
    shutil.copytree(site / OUTPUT_DIR, copy)
    (copy / "pagefind.js").write_bytes(b"")  # a write Pagefind lost
    script = site / OUTPUT_DIR / "pagefind.js"
    (copy / "pagefind-cut.js").write_bytes(script.read_bytes()[:-40])  # cut off inside its export list
    fragment = next((copy / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:-4])  # cut off: gzip's length is missing
    (copy / "pagefind-entry.json").write_text('{"version":', "utf-8")
    assert pagefind_index.incomplete_files(copy) == sorted(
        ["pagefind.js", "pagefind-cut.js", f"fragment/{fragment.name}", "pagefind-entry.json"]
    )


def losing_writes(monkeypatch, times: int) -> list[int]:
    """Pagefind's real index, with pagefind.js emptied in the first `times` writes; returns the calls."""
    calls = []
    real_index = pagefind_index._index

    async def index(records_dir, output, run):
        await real_index(records_dir, output, run)
        calls.append(len(calls))
        if len(calls) <= times:
            (output / "pagefind.js").write_bytes(b"")

    monkeypatch.setattr(pagefind_index, "_index", index)
    return calls


def test_an_index_with_a_lost_write_is_written_again(tmp_path, monkeypatch):
    calls = losing_writes(monkeypatch, times=1)
    summary = write_pagefind_index(RECORDS, tmp_path)
    # Written again at least once; more when Pagefind itself loses a write on a busy machine.
    assert len(calls) >= 2 and summary.pages == len(RECORDS)
    assert pagefind_index.incomplete_files(tmp_path / OUTPUT_DIR) == []


def test_an_index_that_stays_incomplete_fails_and_keeps_the_last_one(tmp_path, monkeypatch):
    (tmp_path / OUTPUT_DIR).mkdir()
    (tmp_path / OUTPUT_DIR / "last-good.pf_index").write_text("last")
    losing_writes(monkeypatch, times=pagefind_index.WRITE_ATTEMPTS)
    with pytest.raises(PluginError, match=r"incomplete 5 times \(first: pagefind.js\); the last index is kept"):
        write_pagefind_index(RECORDS, tmp_path)
    assert [path.name for path in (tmp_path / OUTPUT_DIR).iterdir()] == ["last-good.pf_index"]
    assert not (tmp_path / f"{OUTPUT_DIR}.new").exists()


# Cancelling a serve build's index (kb/content/search/plugin.py cancels it when the next build starts).


def test_a_cancelled_index_stops_and_keeps_the_last_one(tmp_path, monkeypatch):
    (tmp_path / OUTPUT_DIR).mkdir()
    (tmp_path / OUTPUT_DIR / "last-good.pf_index").write_text("last")
    run = pagefind_index.IndexRun()
    add_directory = PagefindIndex.add_directory
    processes = []

    async def cancelled_meanwhile(self, *args, **kwargs):
        processes.extend(run.processes)  # Pagefind's process, which the cancel kills
        run.cancel()
        return await add_directory(self, *args, **kwargs)

    monkeypatch.setattr(PagefindIndex, "add_directory", cancelled_meanwhile)
    with pytest.raises(pagefind_index.IndexCancelled):
        write_pagefind_index(RECORDS, tmp_path, run)
    assert [path.name for path in (tmp_path / OUTPUT_DIR).iterdir()] == ["last-good.pf_index"]
    assert not (tmp_path / f"{OUTPUT_DIR}.new").exists()
    assert processes, "Pagefind's API no longer exposes its process (PagefindIndex._service._backend)"
    assert all(process.returncode is not None for process in processes)  # killed and reaped


def test_an_index_cancelled_before_it_starts_writes_nothing(tmp_path):
    run = pagefind_index.IndexRun()
    run.cancel()
    with pytest.raises(pagefind_index.IndexCancelled):
        write_pagefind_index(RECORDS, tmp_path, run)
    assert not (tmp_path / OUTPUT_DIR).exists() and not (tmp_path / f"{OUTPUT_DIR}.new").exists()


def test_a_serves_record_folder_writes_only_changed_records(tmp_path):
    folder = pagefind_index.RecordFolder()
    try:
        folder.sync(RECORDS)
        kept = folder.path / record_path("writing-guide/")
        kept.write_text("as written before", "utf-8")  # unchanged records are not written again
        changed = {**RECORDS, "blog/cuckoo-filter/": search_record("布穀鳥過濾器", "<p>改過</p>", {}, "und")}
        del changed["writing-guide/"]
        changed["new/"] = RECORDS["writing-guide/"]
        folder.sync(changed)
        assert not kept.exists()  # its page is gone
        assert "改過" in (folder.path / record_path("blog/cuckoo-filter/")).read_text("utf-8")
        assert (folder.path / record_path("new/")).read_text("utf-8") == RECORDS["writing-guide/"]
        summary = write_pagefind_index(changed, tmp_path, folder=folder)
        assert summary.pages == len(changed)
    finally:
        folder.remove()
    assert not folder.path.exists()
