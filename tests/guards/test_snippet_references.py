"""Embed checks read embeds with pymdownx's own grammar and resolver (kb/guards/snippet_references.py)."""
import textwrap

import markdown
import pytest
from pymdownx.snippets import SnippetMissingError

from kb.guards.snippet_references import embed_problems, read_snippet_file, snippet_preprocessor

PAGE = "docs/guide.md"


@pytest.fixture
def project(tmp_path, monkeypatch):
    snippet = tmp_path / "snippets/demo.py"
    snippet.parent.mkdir()
    snippet.write_text(textwrap.dedent(
        """\
        # --8<-- [start:add]
        def add(a, b):
            return a + b
        # --8<-- [end:add]
        # --8<-- [ start : spaced ]
        SPACED = 1
        # --8<-- [ end : spaced ]
        # --8<-- [start:名稱]
        NAMED_IN_CHINESE = 2
        # --8<-- [end:名稱]
        # --8<-- [start:unfinished]
        """
    ), "utf-8")
    monkeypatch.chdir(tmp_path)  # base_path "." is the folder mkdocs runs in, as in a build
    return tmp_path


SITE_OPTIONS = {"base_path": ["."], "check_paths": True}


def problems(text: str, project) -> list[str]:
    return embed_problems([(PAGE, text)], snippet_preprocessor(SITE_OPTIONS), project)


def pymdownx_renders(text: str) -> str:
    return markdown.markdown(text, extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": SITE_OPTIONS})


def about_the_page(found: list[str]) -> list[str]:
    """The problems reported at the page's embeds (the rest are at the snippet file's markers)."""
    return [problem for problem in found if not problem.startswith("snippets/")]


def test_sections_are_the_ones_pymdownx_reads_with_a_start_and_an_end(project):
    snippet = read_snippet_file(snippet_preprocessor(SITE_OPTIONS), project / "snippets/demo.py")
    assert snippet.sections == {"add", "spaced"}
    assert snippet.unreadable == ((8, "名稱"), (10, "名稱"))


def test_an_embed_of_an_existing_section_is_fine(project):
    assert about_the_page(problems('```python\n--8<-- "snippets/demo.py:add"\n```\n', project)) == []


def test_a_spaced_section_marker_is_a_section_as_pymdownx_reads_it(project):
    assert about_the_page(problems('--8<-- "snippets/demo.py:spaced"', project)) == []
    assert pymdownx_renders('--8<-- "snippets/demo.py:spaced"') == "<p>SPACED = 1</p>"


def test_a_section_named_in_chinese_names_the_marker_and_the_embed(project):
    with pytest.raises(SnippetMissingError):  # what the build did before: no page, no line
        pymdownx_renders('--8<-- "snippets/demo.py:名稱"')
    assert problems('文字\n--8<-- "snippets/demo.py:名稱"\n', project) == [
        f"{PAGE}:2: pymdownx cannot read the section name '名稱' in snippets/demo.py "
        "(the marker is at snippets/demo.py:8); section names are ASCII letters, digits, '-' and '_', "
        "starting with a letter; write them in lowercase, e.g. [start:insert]"
    ]


def test_an_unreadable_marker_in_an_embedded_file_is_reported_where_it_is(project):
    # pymdownx would show such a marker as a line of code if it fell inside an embedded section.
    found = problems('--8<-- "snippets/demo.py:add"', project)
    assert found == [
        f"snippets/demo.py:{line}: pymdownx cannot read the section marker named '名稱' (embedded at {PAGE}:1); "
        "section names are ASCII letters, digits, '-' and '_', starting with a letter; "
        "write them in lowercase, e.g. [start:insert]"
        for line in (8, 10)
    ]


def test_an_upper_case_section_name_is_accepted_because_pymdownx_reads_it(project):
    # pymdownx 13.1.2 matches section names case-insensitively and embeds them case-sensitively.
    (project / "snippets/upper.py").write_text("# --8<-- [start:Upper]\nUP = 1\n# --8<-- [end:Upper]\n", "utf-8")
    assert problems('--8<-- "snippets/upper.py:Upper"', project) == []
    assert pymdownx_renders('--8<-- "snippets/upper.py:Upper"') == "<p>UP = 1</p>"


def test_an_escaped_embed_is_ignored(project):
    assert problems(';--8<-- "snippets/nothing.py:add"\n', project) == []


def test_a_missing_file_names_page_line_and_file(project):
    assert problems('text\n--8<-- "snippets/demo2.py:add"\n', project) == [
        f"{PAGE}:2: snippet file snippets/demo2.py does not exist"
    ]


def test_a_missing_section_lists_the_existing_ones(project):
    assert problems('--8<-- "snippets/demo.py:unfinished"', project)[-1] == (
        f"{PAGE}:1: snippets/demo.py has no section 'unfinished' (sections: add, spaced)"
    )


@pytest.mark.parametrize("selector", ["1:3", "2", ":4", "1:2,5:6"])
def test_line_number_embeds_are_rejected(project, selector):
    (problem,) = problems(f'--8<-- "snippets/demo.py:{selector}"', project)
    assert "embeds by line numbers, which drift" in problem


def test_a_whole_file_embed_asks_for_a_section(project):
    assert problems('--8<-- "snippets/demo.py"', project)[-1] == (
        f'{PAGE}:1: embed a named section, e.g. "snippets/demo.py:name"'
    )


def test_block_embeds_are_checked_line_by_line(project):
    found = problems('--8<--\nsnippets/demo.py:add\nsnippets/missing.py:x\n--8<--\n', project)
    assert f"{PAGE}:3: snippet file snippets/missing.py does not exist" in found


def test_problems_of_all_pages_are_reported_together(project):
    found = embed_problems(
        [("a.md", '--8<-- "x.py:s"'), ("b.md", "fine"), ("c.md", '--8<-- "snippets/demo.py:nope"')],
        snippet_preprocessor(SITE_OPTIONS),
        project,
    )
    assert [problem.split(":")[0] for problem in about_the_page(found)] == ["a.md", "c.md"]
