import pytest

from scripts.readme_block import replace_block, write_block

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def test_only_the_text_between_the_markers_is_replaced():
    text = f"前言\n{START}\n舊表格\n{END}\n後記\n"
    assert replace_block(text, "新表格\n", START, END) == f"前言\n{START}\n新表格\n{END}\n後記\n"


def test_missing_markers_stop_with_the_file_named_and_leave_it_unchanged(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("沒有標記\n", "utf-8")
    with pytest.raises(SystemExit, match=r"README\.md: add the lines <!-- bench:start -->"):
        write_block(readme, "表格\n", START, END)
    assert readme.read_text("utf-8") == "沒有標記\n"
