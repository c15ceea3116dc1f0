"""The one title-line rule (kb/page_titles.py) that the guards and kb/feeds use."""
import pytest

from kb.page_titles import FirstBlock, first_block, lines_after_title


@pytest.mark.parametrize(
    "lines, block",
    [
        (["", "# 標題", "<b>內文</b>"], FirstBlock(1, True, "標題")),
        (["標題", "===", ""], FirstBlock(0, True, "標題")),
        (["# 標題 ##"], FirstBlock(0, True, "標題")),
        (["# C#"], FirstBlock(0, True, "C#")),
        (["#"], FirstBlock(0, True, None)),
        (["#沒有空白"], FirstBlock(0, False, None)),
        (["內文", "", "# 不是標題"], FirstBlock(0, False, None)),
        (["## 二級標題"], FirstBlock(0, False, None)),
    ],
)
def test_the_title_line_is_the_first_block_when_it_is_an_h1(lines, block):
    assert first_block(lines) == block


def test_a_blank_page_has_no_first_block():
    assert first_block(["", "  "]) is None


@pytest.mark.parametrize(
    "lines, after",
    [
        (["", "# 標題", "", "摘要"], ["", "摘要"]),
        (["標題", "===", "摘要"], ["摘要"]),
        (["摘要", "", "# 不是標題"], None),
        (["", " "], None),
    ],
)
def test_the_lines_after_the_title_leave_out_its_one_or_two_lines(lines, after):
    assert lines_after_title(lines) == after
