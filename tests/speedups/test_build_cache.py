"""The disk cache of kb/speedups/build_cache.py: entries survive a process, and a damaged one is a miss."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.speedups import build_cache
from kb.speedups.build_cache import FORMAT, DiskCache, key_of


@pytest.fixture
def cache(tmp_path) -> DiskCache:
    return DiskCache(tmp_path, "demo", fingerprint="a" * 64)


def entry_files(cache: DiskCache) -> list[Path]:
    return sorted(path for path in cache.folder.rglob("*") if path.is_file())


def test_a_value_put_is_read_back_by_another_cache_of_the_same_project(tmp_path, cache):
    cache.put(key_of("page"), {"content": "<p>內容</p>"})
    again = DiskCache(tmp_path, "demo", fingerprint="a" * 64)
    assert again.get(key_of("page")) == {"content": "<p>內容</p>"}
    assert again.hits == 1


def test_another_code_fingerprint_sees_none_of_the_entries(tmp_path, cache):
    cache.put(key_of("page"), "html")
    assert DiskCache(tmp_path, "demo", fingerprint="b" * 64).get(key_of("page")) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut off
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit changed
        lambda data: b"kb-build-cache 0\n" + data[len(FORMAT):],  # an older format
        lambda data: b"",
    ],
    ids=["cut-off", "bit-flip", "other-format", "empty"],
)
def test_a_damaged_entry_is_a_miss_that_is_removed_and_written_again(cache, damage):
    key = key_of("page")
    cache.put(key, "html")
    (path,) = entry_files(cache)
    path.write_bytes(damage(path.read_bytes()))
    assert cache.get(key) is None
    assert not path.exists()
    cache.put(key, "html again")
    assert cache.get(key) == "html again"


def test_an_entry_that_is_not_a_file_is_a_miss(cache):
    key = key_of("page")
    cache.path(key).mkdir(parents=True)
    assert cache.get(key) is None


def test_pruning_keeps_what_the_build_used_and_drops_other_code_versions(tmp_path, cache):
    old_code = DiskCache(tmp_path, "demo", fingerprint="b" * 64)
    old_code.put(key_of("old"), "from older code")
    cache.put(key_of("unused"), "from an earlier build")
    cache.start_build()
    cache.put(key_of("used"), "this build's")
    cache.prune()
    assert [path.name for path in entry_files(cache)] == [key_of("used")]
    assert not old_code.folder.exists()


def test_later_prunes_remove_what_the_last_build_used_and_this_one_did_not(tmp_path, cache):
    cache.start_build()
    cache.put(key_of("both builds"), "kept")
    cache.put(key_of("first build only"), "dropped")
    cache.prune()
    DiskCache(tmp_path, "demo", fingerprint="a" * 64).put(key_of("another process"), "left for the next walk")
    cache.start_build()
    assert cache.get(key_of("both builds")) == "kept"
    cache.put(key_of("second build"), "new")
    cache.prune()
    assert sorted(path.name for path in entry_files(cache)) == sorted(
        [key_of("both builds"), key_of("second build"), key_of("another process")])


def test_the_parts_of_a_key_are_told_apart():
    assert key_of("ab", "c") != key_of("a", "bc")


def test_the_switch_turns_the_disk_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv(build_cache.SWITCH, "off")
    assert build_cache.disk_cache(tmp_path, "demo") is None
    monkeypatch.delenv(build_cache.SWITCH)
    assert build_cache.disk_cache(tmp_path, "demo") is not None


def test_editing_the_sites_code_changes_the_code_fingerprint(tmp_path, monkeypatch):
    (tmp_path / "plugin.py").write_text("LIMIT = 1\n")
    monkeypatch.setattr(build_cache, "SITE_CODE", tmp_path)
    before = build_cache.code_fingerprint.__wrapped__()
    assert build_cache.code_fingerprint.__wrapped__() == before
    (tmp_path / "plugin.py").write_text("LIMIT = 2\n")
    assert build_cache.code_fingerprint.__wrapped__() != before


def test_the_code_fingerprint_covers_every_installed_package(monkeypatch):
    names = {package.partition("=")[0] for package in build_cache.installed_packages()}
    assert {"mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2", "babel"} <= names
    before = build_cache.code_fingerprint.__wrapped__()
    monkeypatch.setattr(build_cache, "installed_packages", lambda: ["jinja2=0.0.1"])
    assert build_cache.code_fingerprint.__wrapped__() != before
    assert (build_cache.SITE_CODE / "speedups" / "build_cache.py").is_file()  # SITE_CODE is kb/


def test_a_result_memo_makes_a_result_once_across_builds_and_processes(tmp_path, monkeypatch):
    monkeypatch.delenv(build_cache.SWITCH, raising=False)
    made = []

    def make(value):
        return lambda: (made.append(value), value)[1]

    first = build_cache.ResultMemo("demo-results")
    first.use_project_cache(tmp_path)
    first.start_build()
    assert first.result(key_of("page"), make("紀錄")) == "紀錄"
    first.end_build()
    first.start_build()  # the serve's next build: from memory, and kept on disk
    assert first.result(key_of("page"), make("again")) == "紀錄"
    first.end_build()
    later = build_cache.ResultMemo("demo-results")  # the next process
    later.use_project_cache(tmp_path)
    later.start_build()
    assert later.result(key_of("page"), make("again")) == "紀錄"
    assert later.result(key_of("other page"), make("另一筆")) == "另一筆"
    assert made == ["紀錄", "另一筆"]


def test_a_result_memo_keeps_nothing_on_disk_with_the_switch_off(tmp_path, monkeypatch):
    monkeypatch.setenv(build_cache.SWITCH, "off")
    memo = build_cache.ResultMemo("demo-results")
    memo.use_project_cache(tmp_path)
    memo.start_build()
    assert memo.result(key_of("page"), lambda: "紀錄") == "紀錄"
    memo.end_build()
    assert not (tmp_path / build_cache.CACHE_DIR).exists()


def test_an_empty_result_is_kept_like_any_other(tmp_path, monkeypatch):
    monkeypatch.setenv(build_cache.SWITCH, "off")  # in memory only: the memo alone must keep it
    made = []
    memo = build_cache.ResultMemo("demo-results")
    memo.use_project_cache(tmp_path)
    for _ in range(2):  # the serve's builds, each with two pages of the same content
        memo.start_build()
        for _ in range(2):
            assert memo.result(key_of("page without scripts"), lambda: (made.append(()), ())[1]) == ()
        memo.end_build()
    assert made == [()]
