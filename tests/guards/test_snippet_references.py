import textwrap

import pytest

from hooks.snippet_references import all_embed_problems, embed_problems, sections_in

PAGE = "docs/guide.md"


@pytest.fixture
def project(tmp_path):
    snippet = tmp_path / "snippets/demo.py"
    snippet.parent.mkdir()
    snippet.write_text(textwrap.dedent(
        """\
        # --8<-- [start:add]
        def add(a, b):
            return a + b
        # --8<-- [end:add]
        # --8<-- [start:unfinished]
        """
    ))
    return tmp_path


def problems(markdown: str, project) -> list[str]:
    return embed_problems(PAGE, markdown, project)


def test_sections_need_a_start_and_an_end(project):
    assert sections_in(project / "snippets/demo.py") == {"add"}


def test_an_embed_of_an_existing_section_is_fine(project):
    assert problems('```python\n--8<-- "snippets/demo.py:add"\n```\n', project) == []


def test_an_escaped_embed_is_ignored(project):
    assert problems(';--8<-- "snippets/nothing.py:add"\n', project) == []


def test_a_missing_file_names_page_line_and_file(project):
    assert problems('text\n--8<-- "snippets/demo2.py:add"\n', project) == [
        f"{PAGE}:2: snippet file snippets/demo2.py does not exist"
    ]


def test_a_missing_section_lists_the_existing_ones(project):
    assert problems('--8<-- "snippets/demo.py:unfinished"', project) == [
        f"{PAGE}:1: snippets/demo.py has no section 'unfinished' (sections: add)"
    ]


@pytest.mark.parametrize("selector", ["1:3", "2", ":4", "1:2,5:6"])
def test_line_number_embeds_are_rejected(project, selector):
    (problem,) = problems(f'--8<-- "snippets/demo.py:{selector}"', project)
    assert "embeds by line numbers, which drift" in problem


def test_a_whole_file_embed_asks_for_a_section(project):
    (problem,) = problems('--8<-- "snippets/demo.py"', project)
    assert problem == f'{PAGE}:1: embed a named section, e.g. "snippets/demo.py:name"'


def test_problems_of_all_pages_are_reported_together(project):
    found = all_embed_problems(
        [("a.md", '--8<-- "x.py:s"'), ("b.md", "fine"), ("c.md", '--8<-- "snippets/demo.py:nope"')],
        project,
    )
    assert [problem.split(":")[0] for problem in found] == ["a.md", "c.md"]
