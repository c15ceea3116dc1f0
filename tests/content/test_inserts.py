"""One marker syntax for content made at build: `<!-- kb:NAME arguments -->` (kb/content/inserts.py)."""
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from kb.content.inserts import InsertsPlugin, marker_lines


class Source:
    insert_names = ("table", "chart")

    def render_insert(self, name, arguments, page, config):
        return f"<div>{name}({arguments})</div>"


def page_for(tmp_path: Path, text: str) -> SimpleNamespace:
    path = tmp_path / "post.md"
    path.write_text(text, "utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path), src_uri="post.md"), markdown=body)


def insert(tmp_path, text, plugins=None):
    page = page_for(tmp_path, text)
    config = SimpleNamespace(plugins=plugins if plugins is not None else {"source": Source()})
    return InsertsPlugin().on_page_markdown(page.markdown, page=page, config=config, files=None)


def test_each_marker_becomes_its_content_as_a_block(tmp_path):
    assert insert(tmp_path, "前\n<!-- kb:table -->\n後\n<!-- kb:chart a b -->\n") == (
        "前\n\n<div>table()</div>\n\n後\n\n<div>chart(a b)</div>\n\n"
    )


def test_markers_inside_code_fences_are_examples(tmp_path):
    text = "```markdown\n<!-- kb:unknown -->\n```\n~~~~\n<!-- kb:table -->\n~~~~\n"
    assert insert(tmp_path, text) == text
    assert marker_lines("````\n```\n<!-- kb:x -->\n````\n<!-- kb:y -->") != []


def test_an_unknown_name_fails_with_file_line_and_the_known_names(tmp_path):
    text = "---\ntitle: x\n---\n\n前\n<!-- kb:tabel -->\n<!-- kb:chart -->\n<!-- kb:graph -->\n"
    with pytest.raises(PluginError) as error:
        insert(tmp_path, text)
    path = str(Path(tmp_path / "post.md").relative_to(Path.cwd(), walk_up=True))
    assert str(error.value) == (
        f"{path}:6: unknown insert 'tabel' (known: chart, table)\n"
        f"{path}:8: unknown insert 'graph' (known: chart, table)"
    )


def test_without_any_source_the_message_says_to_add_the_plugin(tmp_path):
    with pytest.raises(PluginError, match="known: none; is its plugin in mkdocs.yml"):
        insert(tmp_path, "<!-- kb:timeline -->\n", plugins={})


def test_a_page_without_markers_is_returned_as_it_is(tmp_path):
    assert insert(tmp_path, "<!-- an ordinary comment -->\n") == "<!-- an ordinary comment -->\n"
