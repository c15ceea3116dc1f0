"""Lighthouse with its default mobile emulation: scores, metrics and what it could not audit.

Each run is one `lighthouse` process (it launches its own headless Chromium,
/usr/bin/chromium through CHROME_PATH). Mobile performance varies by about ±15
points between runs on these machines, so every page is run several times and
each number is the median of its runs.

Lighthouse 12.2.3 cannot read Chromium 156's traces for a few audits: they end
in scoreDisplayMode "error" ("Cannot read properties of undefined (reading
'frame_sequence')"). Each run records them with their weight in every category,
so the report can say whether a score lost anything.
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)
RUN_TIMEOUT_SECONDS = 300
ERROR_TAIL_CHARACTERS = 2000


@dataclass(frozen=True)
class ErroredAudit:
    id: str
    message: str
    weight: float  # the largest weight it has in any category; 0 means no score depends on it


@dataclass(frozen=True)
class LighthouseRun:
    path: str
    round: int
    scores: dict[str, int | None]  # 0–100 by category; None when Lighthouse gave no score
    metrics: dict[str, float | None]  # milliseconds, except cumulative-layout-shift (unitless)
    failed_audits: dict[str, list[str]]  # by category (performance aside): scored audits below 1
    errored_audits: list[ErroredAudit]
    benchmark_index: float | None  # Lighthouse's measure of this machine's speed when it ran
    lighthouse_version: str | None
    error: str | None  # why the run gave no report, or Lighthouse's runtime error


def audit_weights(report: dict) -> dict[str, float]:
    """Each audit's largest weight in any category of the report."""
    weights: dict[str, float] = {}
    for category in report["categories"].values():
        for reference in category["auditRefs"]:
            weights[reference["id"]] = max(weights.get(reference["id"], 0.0), reference["weight"])
    return weights


def failed_audits(report: dict, category: str) -> list[str]:
    """Audits that count towards `category` and did not pass, in the report's order."""
    audits = report["audits"]
    return [
        reference["id"]
        for reference in report["categories"][category]["auditRefs"]
        if reference["weight"] > 0
        and audits[reference["id"]]["score"] is not None
        and audits[reference["id"]]["score"] < 1
    ]


def run_from_report(report: dict, path: str, round_number: int) -> LighthouseRun:
    """What the audit keeps of one Lighthouse JSON report (LHR)."""
    categories, audits = report["categories"], report["audits"]
    weights = audit_weights(report)
    scores = {
        name: None if categories.get(name, {}).get("score") is None else round(100 * categories[name]["score"])
        for name in CATEGORIES
    }
    # Performance's weighted audits are its metrics, which never all score 1; they are in `metrics`.
    failed = {name: failed_audits(report, name) for name in CATEGORIES if name != "performance" and name in categories}
    return LighthouseRun(
        path=path,
        round=round_number,
        scores=scores,
        metrics={name: audits[name].get("numericValue") if name in audits else None for name in METRICS},
        failed_audits=failed,
        errored_audits=[
            ErroredAudit(audit_id, audit.get("errorMessage") or "", weights.get(audit_id, 0.0))
            for audit_id, audit in audits.items()
            if audit["scoreDisplayMode"] == "error"
        ],
        benchmark_index=report.get("environment", {}).get("benchmarkIndex"),
        lighthouse_version=report.get("lighthouseVersion"),
        error=(report.get("runtimeError") or {}).get("message"),
    )


def failed_run(path: str, round_number: int, error: str) -> LighthouseRun:
    return LighthouseRun(path, round_number, dict.fromkeys(CATEGORIES), dict.fromkeys(METRICS), {}, [], None, None, error)


def lighthouse_command(lighthouse: Path, url: str, output: Path) -> list[str]:
    # The full-page screenshot only illustrates Lighthouse's HTML report, which the audit does not write.
    return [
        str(lighthouse), url,
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json", f"--output-path={output}",
        "--disable-full-page-screenshot",
        "--quiet",
    ]


def run_lighthouse(lighthouse: Path, chromium: Path, url: str, path: str, round_number: int) -> LighthouseRun:
    """One Lighthouse run of `url`; a run that gives no report is recorded with the reason."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        output = Path(scratch) / "report.json"
        try:
            finished = subprocess.run(
                lighthouse_command(lighthouse, url, output),
                env={**os.environ, "CHROME_PATH": str(chromium)},
                capture_output=True, text=True, timeout=RUN_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired:
            return failed_run(path, round_number, f"lighthouse did not finish in {RUN_TIMEOUT_SECONDS} s")
        # Lighthouse exits non-zero on a runtime error but still writes the report that names it.
        try:
            report = json.loads(output.read_text("utf-8"))
        except (OSError, json.JSONDecodeError):
            return failed_run(
                path, round_number,
                f"lighthouse exited with {finished.returncode} and wrote no report: {finished.stderr[-ERROR_TAIL_CHARACTERS:]}",
            )
    return run_from_report(report, path, round_number)


def median_or_none(values: list[float | None]) -> float | None:
    """The median of the known values (for three runs, the middle one); None when none is known."""
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


@dataclass(frozen=True)
class LighthouseSummary:
    """One page's runs: each score and metric is the median of its runs."""

    path: str
    runs: int
    failed_runs: int
    scores: dict[str, float | None]
    metrics: dict[str, float | None]
    failed_audits: dict[str, list[str]]  # every audit that failed in at least one run


def summarize_runs(runs: list[LighthouseRun]) -> LighthouseSummary:
    """The summary of one page's runs (all of the same path)."""
    categories = sorted({category for run in runs for category in run.failed_audits})
    return LighthouseSummary(
        path=runs[0].path,
        runs=len(runs),
        failed_runs=sum(run.scores["performance"] is None for run in runs),
        scores={name: median_or_none([run.scores[name] for run in runs]) for name in CATEGORIES},
        metrics={name: median_or_none([run.metrics[name] for run in runs]) for name in METRICS},
        failed_audits={
            category: list(dict.fromkeys(audit for run in runs for audit in run.failed_audits.get(category, [])))
            for category in categories
        },
    )
