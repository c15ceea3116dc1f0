"""The posts' words follow data/word-choice.yml: Chinese names first, Taiwan usage, one term per concept."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from kb.data_files import parse_yaml
from tests.conftest import REPO_ROOT

WORD_CHOICE = REPO_ROOT / "data/word-choice.yml"
POSTS = sorted((REPO_ROOT / "docs/blog/posts").glob("*.md"))
NOTEBOOKS = sorted((REPO_ROOT / "docs").rglob("*.ipynb"))
# What readers see besides the Markdown pages: the notebooks' Markdown cells and the timeline's text.
OTHER_PAGE_TEXT = [REPO_ROOT / "data/timeline.yml"]

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2\s*$", re.DOTALL | re.MULTILINE)
HEADING = re.compile(r"^#{1,6} .*$", re.MULTILINE)
CODE_SPAN = re.compile(r"(`+).+?\1")
EMPHASIS = re.compile(r"\*\*|__")


@dataclass(frozen=True)
class Term:
    chinese: str
    english: str


def word_choice() -> dict:
    document = parse_yaml(str(WORD_CHOICE.relative_to(REPO_ROOT)), WORD_CHOICE.read_text("utf-8"))
    return document.value(document.root)


TERMS = [Term(*pair) for pair in word_choice()["terms"]]
AVOIDED = word_choice()["avoid"]


def body_text(markdown: str) -> str:
    """The prose a reader meets first: no front matter, headings, fenced blocks or code spans; bold unmarked."""
    text = FRONT_MATTER.sub("", markdown)
    for pattern in (FENCE, HEADING, CODE_SPAN):
        text = pattern.sub(" ", text)
    return EMPHASIS.sub("", text)


def first_mention(text: str, term: Term) -> int | None:
    """Where the post first names the concept, in either language; None if it never does."""
    found = [match.start() for match in (
        re.search(re.escape(term.chinese), text),
        re.search(rf"(?<![A-Za-z]){re.escape(term.english)}(?![A-Za-z])", text, re.IGNORECASE),
    ) if match]
    return min(found) if found else None


@pytest.mark.parametrize("post", POSTS, ids=lambda path: path.stem)
def test_each_term_is_named_in_chinese_first_with_the_english_beside_it(post):
    text = body_text(post.read_text("utf-8"))
    wrong = []
    for term in TERMS:
        start = first_mention(text, term)
        introduced = re.compile(re.escape(term.chinese) + r"\s*（" + re.escape(term.english), re.IGNORECASE)
        if start is not None and not introduced.match(text, start):
            wrong.append(f"{term.chinese}（{term.english}）: first mention is “{text[start:start + 30]}”")
    assert not wrong, "\n".join(wrong)


def page_texts() -> list[tuple[Path, str]]:
    texts = [(path, path.read_text("utf-8")) for path in sorted((REPO_ROOT / "docs").rglob("*.md"))]
    for notebook in NOTEBOOKS:
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
        texts.append((notebook, "\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")))
    return texts + [(path, path.read_text("utf-8")) for path in OTHER_PAGE_TEXT]


@pytest.mark.parametrize("avoided", AVOIDED, ids=lambda entry: entry["word"])
def test_no_page_uses_an_avoided_word(avoided):
    found = [
        f"{path.relative_to(REPO_ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
        for path, text in page_texts()
        for match in re.finditer(re.escape(avoided["word"]), text)
    ]
    assert not found, f"{avoided['word']} → {avoided['use']} ({avoided['why']}): {', '.join(found)}"


def test_each_term_and_each_avoided_word_is_listed_once():
    chinese = [term.chinese for term in TERMS]
    english = [term.english.lower() for term in TERMS]
    words = [entry["word"] for entry in AVOIDED]
    assert len(set(chinese)) == len(chinese) and len(set(english)) == len(english) and len(set(words)) == len(words)
    assert not set(words) & {word for term in TERMS for word in (term.chinese, term.english)}


def test_every_term_is_used_by_some_post():
    texts = [body_text(post.read_text("utf-8")) for post in POSTS]
    unused = [term.chinese for term in TERMS if not any(first_mention(text, term) is not None for text in texts)]
    assert not unused
