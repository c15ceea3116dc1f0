"""A contributor's mistake fails `make build` with a message naming the file, and keeps the last good site.

Each case breaks one thing in a fresh copy of the project, runs the build as
`make build` does (scripts/build_site.py), and checks the exit status, the
message, that site/ (a stand-in for the last good build) is byte for byte what
it was, and that no temporary folder is left. Most cases are caught by the
guards (kb/guards/) before any page is rendered, in about 2 s (mostly imports),
so they run side by side; an unknown insert, a broken diagram or a broken link
fails only while pages are rendered and a raising notebook cell when it runs,
so those run one at a time in a copy whose notebook cache is warm. Raw HTML
that pages may not carry is found once every page is rendered, and one build
reports every problem of every page: all its kinds go into one copy, built once.
"""
from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT, copy_project, run_site_build, tree_hashes, write_last_good_site

pytestmark = pytest.mark.build

POST = "docs/blog/posts/kubernetes-device-plugin.md"
PAGE = "docs/index.md"
GUIDE = "docs/writing-guide.md"
NOTEBOOK = "docs/notebooks/logistic-regression.ipynb"
VOCABULARY = "data/search-vocabulary.yml"
SNIPPET = "snippets/writing_guide/fibonacci.py"
MESOS_POST = "docs/blog/posts/mesos-vs-kubernetes.md"
GOLDEN_FORMULA = r"F_n = \frac{\varphi^n - \psi^n}{\sqrt{5}}"
ALLOW_LIST = "data/html-allow-list.yml"
POLICY = "data/content-security-policy.yml"
WATCH_EDGE = '  "kube-proxy-1" -> "api-server" [label=watch]'
# The guide's real embed, not its escaped example.
SNIPPET_EMBED = '\n--8<-- "snippets/writing_guide/fibonacci.py:iterative"'

Breaker = Callable[[Path], None]


def replace(relative: str, old: str, new: str) -> Breaker:
    def breaker(project: Path) -> None:
        path = project / relative
        text = path.read_text("utf-8")
        assert old in text, f"{relative} no longer contains {old!r}; update this test"
        path.write_text(text.replace(old, new, 1), "utf-8")

    return breaker


def append(relative: str, text: str) -> Breaker:
    def breaker(project: Path) -> None:
        with (project / relative).open("a", encoding="utf-8") as file:
            file.write(text)

    return breaker


def create(relative: str, data: bytes) -> Breaker:
    def breaker(project: Path) -> None:
        (project / relative).write_bytes(data)

    return breaker


def save_as_big5(relative: str) -> Breaker:
    def breaker(project: Path) -> None:
        path = project / relative
        path.write_bytes(path.read_text("utf-8").encode("cp950"))

    return breaker


def together(*breakers: Breaker) -> Breaker:
    def breaker(project: Path) -> None:
        for each in breakers:
            each(project)

    return breaker


def move_plugin(name: str, before: str) -> Breaker:
    """List plugin `name` just before the entry `before` in mkdocs.yml."""
    def breaker(project: Path) -> None:
        path = project / "mkdocs.yml"
        lines = path.read_text("utf-8").splitlines(keepends=True)
        lines.remove(f"  - {name}\n")
        lines.insert(lines.index(f"  - {before}\n"), f"  - {name}\n")
        path.write_text("".join(lines), "utf-8")

    return breaker


def add_cell(relative: str, kind: str, source: str) -> Breaker:
    def breaker(project: Path) -> None:
        import nbformat

        notebook = nbformat.read(project / relative, as_version=4)
        new_cell = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        notebook.cells.append(new_cell(source))
        nbformat.write(notebook, project / relative)

    return breaker


@dataclass(frozen=True)
class Case:
    id: str
    break_project: Breaker
    messages: tuple[str, ...]  # patterns found in the output; the first names the file


def line_of(relative: str, text: str) -> int:
    """The line of the project's file on which `text` starts."""
    source = (REPO_ROOT / relative).read_text("utf-8")
    assert text in source, f"{relative} no longer contains {text!r}; update this test"
    return source[: source.index(text)].count("\n") + 1


def at_some_line(path: str, message: str) -> str:
    """`path:<line>: message`, for a page whose lines move as it is edited."""
    return rf"{re.escape(path)}:\d+: {re.escape(message)}"


# Caught by the guards before any page is rendered.
EARLY_CASES = [
    Case(
        "malformed-yaml",
        replace(POST, "slug: kubernetes-device-plugin", "slug: [unclosed"),
        (re.escape(f"{POST}:5: front matter is not valid YAML"),),
    ),
    Case(
        "missing-date",
        replace(POST, "date: 2017-12-08\n", ""),
        (re.escape(f"{POST}: missing 'date' (write date: YYYY-MM-DD)"),),
    ),
    Case(
        "invalid-date",
        replace(POST, "date: 2017-12-08", "date: 2017-13-45"),
        (re.escape(f"{POST}:2: 'date' 2017-13-45 is not a real date (month must be in 1..12)"),),
    ),
    Case(
        "unknown-category",
        replace(POST, "  - TIL", "  - 隨筆"),
        (re.escape(f"{POST}:5: unknown category '隨筆' in 'categories' "
                   "(allowed: TIL, 課程筆記, 論文解讀, 中文導讀)"),),
    ),
    Case(
        "duplicate-slug",
        replace(POST, "slug: kubernetes-device-plugin", "slug: cuckoo-filter"),
        (re.escape(f"{POST}:4: 'slug' 'cuckoo-filter' is already the slug of "
                   "docs/blog/posts/cuckoo-filter.md:4"),),
    ),
    Case(
        "non-ascii-slug",
        replace(POST, "slug: kubernetes-device-plugin", "slug: 裝置外掛"),
        (re.escape(f"{POST}:4: 'slug' must be lowercase ASCII words joined by '-', got '裝置外掛'"),),
    ),
    Case(
        "non-utf8-page",
        save_as_big5(PAGE),
        (re.escape(f"{PAGE}:6: the file is not UTF-8 (byte 0xa7); save it as UTF-8."),),
    ),
    Case(
        "empty-post",
        create("docs/blog/posts/empty.md", b""),
        (re.escape("docs/blog/posts/empty.md:1: the file is empty; start it with a '---' front matter block"),),
    ),
    Case(
        "missing-snippet-file",
        replace(GUIDE, SNIPPET_EMBED, SNIPPET_EMBED.replace("fibonacci.py", "fibonaci.py")),
        (at_some_line(GUIDE, "snippet file snippets/writing_guide/fibonaci.py does not exist"),),
    ),
    Case(
        "missing-snippet-section",
        replace(GUIDE, SNIPPET_EMBED, SNIPPET_EMBED.replace(":iterative", ":recursive")),
        (at_some_line(GUIDE, "snippets/writing_guide/fibonacci.py has no section 'recursive' "
                      "(sections: binet, iterative)"),),
    ),
    Case(
        "section-name-pymdownx-cannot-read",
        together(
            replace(SNIPPET, "[start:iterative]", "[start:迭代]"),
            replace(SNIPPET, "[end:iterative]", "[end:迭代]"),
            replace(GUIDE, SNIPPET_EMBED, SNIPPET_EMBED.replace(":iterative", ":迭代")),
        ),
        (at_some_line(GUIDE, f"pymdownx cannot read the section name '迭代' in {SNIPPET} (the marker is at {SNIPPET}:7); "
                      "section names are ASCII letters, digits, '-' and '_', starting with a letter; "
                      "write them in lowercase"),),
    ),
    Case(
        "plugin-listed-out-of-order",
        move_plugin("kb/speedups", "privacy:"),
        (re.escape("mkdocs.yml: kb/speedups's on_files must run after material/privacy's"),
         re.escape("list kb/speedups after material/privacy under plugins: in mkdocs.yml")),
    ),
    Case(
        "allow-list-allows-scripts",
        replace(ALLOW_LIST, "  time:\n", "  script:\n    why: 想放計數器\n    attributes: [src]\n  time:\n"),
        (re.escape(f"{ALLOW_LIST}:{line_of(ALLOW_LIST, '  time:')}: <script> cannot be allowed on every page"),),
    ),
    Case(
        "policy-allows-eval",
        replace(POLICY, "\"'wasm-unsafe-eval'\"", "\"'unsafe-eval'\""),
        (re.escape(f"{POLICY}:{line_of(POLICY, 'script-src:\n  sources')}: script-src: never 'unsafe-eval': "
                   "it lets scripts run strings as code"),),
    ),
    Case(
        "malformed-search-vocabulary",
        append(VOCABULARY, "- [只有一個詞]\n- [雜湊散列, HASH]\n"),
        (rf"{re.escape(VOCABULARY)}:\d+: group \d+: must be a list of two or more terms",
         rf"{re.escape(VOCABULARY)}:\d+: group \d+: term 'HASH' is already at {re.escape(VOCABULARY)}:\d+"),
    ),
]
# Found while or after pages are rendered.
LATE_CASES = [
    Case(
        "unknown-insert",
        replace(MESOS_POST, "<!-- kb:timeline -->", "<!-- kb:timelines -->"),
        (at_some_line(MESOS_POST, "unknown insert 'timelines' (known: filter-experiments, timeline)"),),
    ),
    Case(
        "broken-link",
        append(POST, "\n另見[不存在的文章](no-such-post.md)。\n"),
        (re.escape("Doc file 'blog/posts/kubernetes-device-plugin.md' contains a link 'no-such-post.md'"),),
    ),
    Case(
        "notebook-cell-raises",
        add_cell(NOTEBOOK, "code", 'raise RuntimeError("這個 cell 故意失敗")'),
        (re.escape("logistic-regression.ipynb"), "這個 cell 故意失敗"),
    ),
    Case(
        "undefined-tex-macro",
        replace(GUIDE, GOLDEN_FORMULA, GOLDEN_FORMULA.replace("\\frac", "\\fracc")),
        (re.escape(f"{GUIDE}:{line_of(GUIDE, GOLDEN_FORMULA)}: MathJax cannot typeset"),
         re.escape("Undefined control sequence \\fracc")),
    ),
    Case(
        "dot-syntax-error",
        replace(MESOS_POST, WATCH_EDGE, WATCH_EDGE.replace("->", "-> ->")),
        (re.escape(f"{MESOS_POST}:{line_of(MESOS_POST, WATCH_EDGE)}: DOT syntax error near '->'; "
                   "check this line and the one before it"),),
    ),
]


# Raw HTML that a post may not carry, each kind the issue names, and what the build says of it.
NO_SCRIPTS = "scripts and event handlers would run code in readers' browsers (rule: no-scripts)"
NO_SCHEME = ("a URL is http(s) or relative; other schemes such as javascript: or data: can run code "
             "or hide what they hold (rule: http-or-relative-urls)")
NO_FRAMES = "frames and objects embed another site or a plug-in in the page (rule: no-frames-or-objects)"
OFF_SITE = ("the browser would fetch it from another host, which then learns who reads the page; "
            "put the file under docs/ and use a relative path (rule: same-site-loads)")
REJECTED_HTML = {
    "script": ("<script>alert(1)</script>", f"<script>: {NO_SCRIPTS}"),
    "event-handler": ('<img src="x.png" onerror="alert(1)">', f'<img onerror="alert(1)">: {NO_SCRIPTS}'),
    "svg-onload": ('<svg onload="alert(1)"></svg>', f'<svg onload="alert(1)">: {NO_SCRIPTS}'),
    "javascript-link": ("[點我](javascript:alert(1))", f'<a href="javascript:alert(1)">: {NO_SCHEME}'),
    "mixed-case-scheme": ('<a href="JaVaScRiPt:alert(1)">點我</a>', f'<a href="JaVaScRiPt:alert(1)">: {NO_SCHEME}'),
    "iframe": ('<iframe src="https://evil.example/embed"></iframe>', f'<iframe src="https://evil.example/embed">: {NO_FRAMES}'),
    "object": ('<object data="https://evil.example/x.swf"></object>', f'<object data="https://evil.example/x.swf">: {NO_FRAMES}'),
    "off-site-video": ('<video src="https://evil.example/v.mp4"></video>', f'<video src="https://evil.example/v.mp4">: {OFF_SITE}'),
    "off-site-srcset": ('<img srcset="https://evil.example/x.png 2x" alt="">',
                        f'<img srcset="https://evil.example/x.png 2x">: {OFF_SITE}'),
    "css-url": ('<span style="background:url(https://evil.example/x.png)">字</span>',
                f'<span style="background:url(https://evil.example/x.png)">: {OFF_SITE}'),
    "off-site-form": ('<form action="https://evil.example/collect"><input name="q"></form>',
                      '<form action="https://evil.example/collect">: the form would send what readers type to '
                      "another host (rule: same-site-forms)"),
    "meta-refresh": ('<meta http-equiv="refresh" content="0;url=https://evil.example/">',
                     '<meta http-equiv="refresh">: a meta refresh sends readers to another page (rule: no-redirects)'),
}


def rejected_html_cases() -> list[Case]:
    """One case per kind, each a paragraph of its own at the end of POST, on a line known in advance."""
    lines = (REPO_ROOT / POST).read_text("utf-8").count("\n")
    cases = []
    for index, (kind, (html, message)) in enumerate(REJECTED_HTML.items()):
        line = lines + 2 + 2 * index  # after a blank line, one paragraph every two lines
        cases.append(Case(f"html-{kind}", append(POST, f"\n{html}\n"), (re.escape(f"{POST}:{line}: {message}"),)))
    return cases


RAW_HTML_CASES = [
    *rejected_html_cases(),
    Case(
        "html-in-a-notebook-markdown-cell",
        add_cell(NOTEBOOK, "markdown", '說明圖：<img src="https://evil.example/cell.png" alt="">'),
        (at_some_line(NOTEBOOK, f'<img src="https://evil.example/cell.png">: {OFF_SITE}'),),
    ),
    Case(
        "html-exception-from-an-http-address",
        replace(GUIDE, "# 寫作指南\n", "---\nhtml_exceptions:\n  - element: iframe\n"
                "    source: http://www.youtube.com/embed\n    why: 示範影片\n---\n\n# 寫作指南\n"),
        (re.escape(f"{GUIDE}:4: 'source' must be an https origin such as https://www.example.org (no path), "
                   "got 'http://www.youtube.com/embed'"),),
    ),
]


@dataclass(frozen=True)
class Outcome:
    project: Path
    site_before: dict[str, str]
    build: subprocess.CompletedProcess


def break_and_build(case: Case, project: Path) -> Outcome:
    site_before = write_last_good_site(project / "site")
    case.break_project(project)
    return Outcome(project, site_before, run_site_build(project, project / "site"))


def assert_failed_keeping_the_site(outcome: Outcome, case: Case) -> None:
    assert outcome.build.returncode != 0
    for pattern in case.messages:
        assert re.search(pattern, outcome.build.stderr), outcome.build.stderr
    assert tree_hashes(outcome.project / "site") == outcome.site_before
    assert not list(outcome.project.glob("site.partial*")), "the build left its temporary folder behind"


@pytest.fixture(scope="module")
def early_outcomes(tmp_path_factory) -> dict[str, Outcome]:
    """The early cases' builds, each in its own copy, run side by side."""
    def run(case: Case) -> Outcome:
        return break_and_build(case, copy_project(tmp_path_factory.mktemp(case.id)))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(zip([case.id for case in EARLY_CASES], pool.map(run, EARLY_CASES)))


@pytest.mark.parametrize("case", EARLY_CASES, ids=lambda case: case.id)
def test_bad_front_matter_encoding_or_embed_fails_the_build_and_keeps_the_site(early_outcomes, case):
    assert_failed_keeping_the_site(early_outcomes[case.id], case)


@pytest.fixture(scope="module")
def raw_html_outcome(reused_project_dir) -> Outcome:
    """Every raw-HTML case in one copy, built once: the build lists every problem of every page."""
    return break_and_build(Case("raw-html", together(*(case.break_project for case in RAW_HTML_CASES)), ()),
                           copy_project(reused_project_dir))


@pytest.mark.parametrize("case", RAW_HTML_CASES, ids=lambda case: case.id)
def test_raw_html_a_page_may_not_carry_fails_the_build_and_keeps_the_site(raw_html_outcome, case):
    assert_failed_keeping_the_site(raw_html_outcome, case)
    assert f"{len(RAW_HTML_CASES)} problem(s) with HTML in the pages" in raw_html_outcome.build.stderr


@pytest.mark.parametrize("case", LATE_CASES, ids=lambda case: case.id)
def test_a_mistake_found_while_rendering_fails_the_build_and_keeps_the_site(project_copy, case):
    assert_failed_keeping_the_site(break_and_build(case, project_copy), case)
