"""Reading the Nu Html Checker's JSON output into errors by page."""
from __future__ import annotations

from pathlib import Path

import pytest

from scripts.audit_site.nu import NuError, errors_by_file, nu_messages, vnu_command

# A real vnu.jar 26.9.27 --format json output, cut down by hand, after a line the JVM printed.
OUTPUT = (Path(__file__).parent / "audit_fixtures/vnu-output.txt").read_text("utf-8")
SITE = Path("/srv/site")


def test_the_json_report_is_found_after_the_jvms_own_lines():
    assert len(nu_messages(OUTPUT)) == 4


def test_output_without_a_report_names_what_was_printed():
    with pytest.raises(ValueError, match="no JSON report in vnu's output: Error: Unable to access jarfile"):
        nu_messages("Error: Unable to access jarfile vnu.jar\n")


def test_errors_are_grouped_by_file_whether_or_not_the_url_is_percent_encoded():
    errors = errors_by_file(nu_messages(OUTPUT), SITE)
    assert sorted(errors) == ["blog/category/中文導讀/index.html", "index.html"]
    assert [error.line for error in errors["blog/category/中文導讀/index.html"]] == [80, 466]


def test_fatal_errors_count_and_informational_messages_do_not():
    assert errors_by_file(nu_messages(OUTPUT), SITE)["index.html"] == [
        NuError(12, "No “p” element in scope but a “p” end tag seen.")
    ]


def test_a_message_about_the_checker_itself_stops_the_audit():
    messages = [{"type": "non-document-error", "subType": "io", "url": "file:/srv/site/gone.html", "message": "File not found."}]
    with pytest.raises(SystemExit, match="vnu could not check: file:/srv/site/gone.html: File not found."):
        errors_by_file(messages, SITE)


def test_the_command_checks_only_errors_of_the_given_files_as_json():
    command = vnu_command(Path("vnu.jar"), [SITE / "index.html", SITE / "tags/index.html"])
    assert command == [
        "java", "-jar", "vnu.jar", "--skip-non-html", "--errors-only", "--format", "json",
        "/srv/site/index.html", "/srv/site/tags/index.html",
    ]
