import pytest

from kb.content.reading_time import (
    CJK_CHARACTERS_PER_MINUTE,
    CODE_LINES_PER_MINUTE,
    LATIN_WORDS_PER_MINUTE,
    reading_time_minutes,
)


def paragraph(text: str) -> str:
    return f"<p>{text}</p>"


def test_4000_chinese_characters_take_10_minutes_not_1():
    assert reading_time_minutes(paragraph("字" * 4000)) == 4000 // CJK_CHARACTERS_PER_MINUTE


def test_short_page_takes_at_least_one_minute():
    assert reading_time_minutes(paragraph("你好")) == 1
    assert reading_time_minutes("") == 1


def test_partial_minutes_round_up():
    assert reading_time_minutes(paragraph("字" * (CJK_CHARACTERS_PER_MINUTE + 1))) == 2


def test_latin_words_between_han_characters_count_as_words():
    words = " ".join(["kubelet"] * (LATIN_WORDS_PER_MINUTE * 2))
    assert reading_time_minutes(paragraph(f"中文{words}中文")) == 3  # 2 min + 4 chars


def test_code_lines_add_time_and_blank_lines_do_not():
    code = "x = 1\n\n" * (CODE_LINES_PER_MINUTE * 3)
    assert reading_time_minutes(f"<pre><code>{code}</code></pre>") == 3


def test_code_text_is_not_counted_as_prose():
    code = "中" * 2000  # one line of CJK inside <pre> counts as one code line
    assert reading_time_minutes(f"<pre><code>{code}</code></pre>") == 1


def test_markup_and_scripts_are_not_read():
    hidden = "<script>" + "字" * 4000 + "</script><style>p{}</style>"
    assert reading_time_minutes(hidden + '<a href="x">連結</a>') == 1


@pytest.mark.parametrize(
    ("html", "minutes"),
    [
        (paragraph("字" * 400) + paragraph(" ".join(["word"] * 200)), 2),
        (paragraph("字" * 200) + "<pre>" + "a\n" * 10 + "</pre>", 1),
    ],
)
def test_prose_and_code_times_add_up(html, minutes):
    assert reading_time_minutes(html) == minutes
