"""kb/page_source.py's read_source: a page's text, read again only once its file has changed."""
from __future__ import annotations

import os

from kb import file_signatures, page_source


def aged(path, seconds: float = 10.0) -> None:
    """Make the file look written `seconds` ago (past the racy window), as a serve's sources are."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns - int(seconds * 1e9)))


def test_an_unchanged_file_is_read_once(tmp_path, monkeypatch):
    page = tmp_path / "page.md"
    page.write_text("\ufeff# 標題\n", "utf-8")
    aged(page)
    monkeypatch.setattr(file_signatures, "RACY_SECONDS", 0.0)  # ctime cannot be set back: trust it at once
    assert page_source.read_source(str(page)) == "# 標題\n"
    opened = []
    real_open = open
    monkeypatch.setattr("builtins.open", lambda *args, **kwargs: (opened.append(args[0]), real_open(*args, **kwargs))[1])
    assert page_source.read_source(str(page)) == "# 標題\n"
    assert opened == []


def test_a_changed_file_is_read_again_even_at_the_same_size(tmp_path, monkeypatch):
    monkeypatch.setattr(file_signatures, "RACY_SECONDS", 0.0)
    page = tmp_path / "page.md"
    page.write_text("甲", "utf-8")
    assert page_source.read_source(str(page)) == "甲"
    page.write_text("乙", "utf-8")  # same size; its ctime moves on
    assert page_source.read_source(str(page)) == "乙"


def test_a_file_changed_just_now_is_not_remembered(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("甲", "utf-8")
    assert file_signatures.settled_signature(str(page)) is None  # within RACY_SECONDS
    assert page_source.read_source(str(page)) == "甲"
    assert str(page) not in page_source.read_source.known
