"""Reading Lighthouse's JSON report into scores, and the median of a page's runs."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from scripts.audit_site.lighthouse import (
    ErroredAudit,
    failed_run,
    lighthouse_command,
    median_or_none,
    run_from_report,
    summarize_runs,
)

# Cut down by hand from a real Lighthouse 12.2.3 report of blog/cuckoo-filter/ on Chromium 156.
REPORT = json.loads((Path(__file__).parent / "audit_fixtures/lighthouse-report.json").read_text("utf-8"))


def report_with(performance: float, total_blocking_time: float, accessibility: float = 0.89) -> dict:
    report = copy.deepcopy(REPORT)
    report["categories"]["performance"]["score"] = performance
    report["categories"]["accessibility"]["score"] = accessibility
    report["audits"]["total-blocking-time"]["numericValue"] = total_blocking_time
    return report


def test_category_scores_are_read_as_whole_points_out_of_100():
    run = run_from_report(REPORT, "blog/cuckoo-filter/", 1)
    assert run.scores == {"performance": 63, "accessibility": 89, "best-practices": 100, "seo": 100}


def test_metrics_are_read_in_milliseconds():
    run = run_from_report(REPORT, "blog/cuckoo-filter/", 1)
    assert run.metrics["total-blocking-time"] == 4718
    assert run.metrics["largest-contentful-paint"] == 2561.4
    assert run.metrics["cumulative-layout-shift"] == 0


def test_failed_audits_are_the_weighted_ones_below_a_full_score():
    failed = run_from_report(REPORT, "blog/cuckoo-filter/", 1).failed_audits
    # valid-source-maps fails but weighs 0; image-alt is not applicable.
    assert failed == {"accessibility": ["color-contrast"], "best-practices": [], "seo": []}


def test_errored_audits_are_recorded_with_their_weight():
    run = run_from_report(REPORT, "blog/cuckoo-filter/", 1)
    assert run.errored_audits == [
        ErroredAudit("render-blocking-resources", "Cannot read properties of undefined (reading 'frame_sequence')", 0.0)
    ]
    weighted = copy.deepcopy(REPORT)
    weighted["audits"]["color-contrast"] |= {"score": None, "scoreDisplayMode": "error", "errorMessage": "boom"}
    assert ErroredAudit("color-contrast", "boom", 7) in run_from_report(weighted, "", 1).errored_audits


def test_the_machine_speed_and_version_come_with_the_run():
    run = run_from_report(REPORT, "blog/cuckoo-filter/", 2)
    assert (run.benchmark_index, run.lighthouse_version, run.round, run.error) == (1140, "12.2.3", 2, None)


def test_a_runtime_error_leaves_the_scores_unknown_and_names_the_error():
    broken = copy.deepcopy(REPORT)
    for category in broken["categories"].values():
        category["score"] = None
    broken["runtimeError"] = {"code": "ERRORED_DOCUMENT_REQUEST", "message": "Lighthouse was unable to reliably load the page (Status code: 404)"}
    run = run_from_report(broken, "nope/", 1)
    assert run.scores == dict.fromkeys(("performance", "accessibility", "best-practices", "seo"))
    assert "Status code: 404" in run.error


def test_the_median_of_three_runs_is_the_middle_one():
    assert median_or_none([91, 63, 78]) == 78
    assert median_or_none([4718, 120.5, 300]) == 300


def test_the_median_skips_runs_that_gave_no_value():
    assert median_or_none([None, 80, 90]) == 85
    assert median_or_none([None, None]) is None


def test_a_pages_summary_takes_each_number_as_its_median_over_the_runs():
    runs = [
        run_from_report(report_with(0.91, 120, accessibility=1), "blog/", 1),
        run_from_report(report_with(0.63, 4718), "blog/", 2),
        run_from_report(report_with(0.78, 300, accessibility=1), "blog/", 3),
    ]
    summary = summarize_runs(runs)
    assert summary.scores["performance"] == 78
    assert summary.scores["accessibility"] == 100
    assert summary.metrics["total-blocking-time"] == 300
    assert (summary.runs, summary.failed_runs) == (3, 0)


def test_a_failed_run_counts_as_failed_and_stays_out_of_the_median():
    runs = [run_from_report(report_with(0.91, 120), "blog/", 1), failed_run("blog/", 2, "lighthouse did not finish in 300 s")]
    summary = summarize_runs(runs)
    assert (summary.scores["performance"], summary.failed_runs) == (91, 1)


def test_the_summary_lists_every_audit_that_failed_in_any_run_once():
    passing = copy.deepcopy(REPORT)
    passing["audits"]["color-contrast"]["score"] = 1
    failing_title = copy.deepcopy(REPORT)
    failing_title["audits"]["document-title"]["score"] = 0
    summary = summarize_runs([run_from_report(report, "", n) for n, report in enumerate([passing, REPORT, failing_title])])
    assert summary.failed_audits["accessibility"] == ["color-contrast", "document-title"]
    assert summary.failed_audits["seo"] == ["document-title"]


def test_the_command_runs_headless_chromium_and_writes_json(tmp_path):
    command = lighthouse_command(Path("tools/audit/node_modules/.bin/lighthouse"), "http://127.0.0.1:8000/", tmp_path / "r.json")
    assert command[:2] == ["tools/audit/node_modules/.bin/lighthouse", "http://127.0.0.1:8000/"]
    assert "--chrome-flags=--headless --no-sandbox --disable-gpu" in command
    assert f"--output-path={tmp_path / 'r.json'}" in command and "--output=json" in command
    # The default form factor is mobile: the command must not change it.
    assert not any(argument.startswith(("--preset", "--form-factor", "--screenEmulation")) for argument in command)


@pytest.mark.parametrize("category", ["performance", "accessibility", "best-practices", "seo"])
def test_a_category_missing_from_the_report_reads_as_unknown(category):
    partial = copy.deepcopy(REPORT)
    del partial["categories"][category]
    assert run_from_report(partial, "", 1).scores[category] is None
