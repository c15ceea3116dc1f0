"""Every built page is valid HTML to the Nu Html Checker (vnu.jar, pinned in package.json, run by Java)."""
from __future__ import annotations

import pytest

from scripts.html_checks import nu_errors

pytestmark = pytest.mark.build


def test_every_built_page_is_valid_html(built_site, record_property):
    errors = nu_errors(built_site)
    record_property("Nu Html Checker errors", len(errors))
    assert errors == [], "\n".join(map(str, errors))


def test_an_error_is_reported_with_its_file_line_and_message(tmp_path):
    """The check above must catch invalid markup: Material put autocomplete on its checkboxes."""
    page = tmp_path / "blog/post/index.html"
    page.parent.mkdir(parents=True)
    page.write_text(
        '<!doctype html>\n<html lang="zh-Hant-TW">\n<title>文章</title>\n'
        '<input type="checkbox" id="__drawer" autocomplete="off">\n',
        "utf-8",
    )
    (error,) = nu_errors(tmp_path)
    assert (error.file, error.line) == ("blog/post/index.html", 4)
    assert error.message.startswith("Attribute “autocomplete” is only allowed when the input type is")
    assert str(error) == f"blog/post/index.html:4: {error.message}"
