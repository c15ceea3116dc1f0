"""Run the audit: `python -m scripts.audit_site --help`."""
from __future__ import annotations

import argparse
import dataclasses
import datetime
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from scripts.build_inputs import source_revision
from scripts.local_site import CHROMIUM, serve_directory
from scripts.readme_block import publish

from . import __doc__ as package_doc
from .browser import visit_pages
from .lighthouse import run_lighthouse, summarize_runs
from .nu import check_pages
from .pages import BuiltPage, built_pages, page_url
from .report import render_report
from .tools import AXE_SCRIPT, LIGHTHOUSE, REPO_ROOT, VNU_JAR, java_version, missing_tools, node_version, npm_versions

README = REPO_ROOT / "README.md"
RESULTS_FILE = REPO_ROOT / "bench" / "site-audit.json"
START_MARKER = "<!-- audit:start -->"
END_MARKER = "<!-- audit:end -->"
PARTS = ("nu", "browser", "lighthouse")
# The audit's own build; site/ (make build's) is left alone.
AUDIT_SITE = REPO_ROOT / ".cache" / "audit" / "site"
BUILD_TIMEOUT_SECONDS = 600
BUILD_OUTPUT_TAIL = 3000



def build_site(site_dir: Path, site_url: str) -> None:
    """A strict build for the server's URL, as `make build` is for the deployed one:
    Material's instant navigation and the canonical links name the sitemap's host and port."""
    shutil.rmtree(site_dir, ignore_errors=True)
    finished = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=REPO_ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": site_url},
        capture_output=True, text=True, timeout=BUILD_TIMEOUT_SECONDS,
    )
    if finished.returncode != 0:
        raise SystemExit(f"mkdocs build --strict failed:\n{(finished.stdout + finished.stderr)[-BUILD_OUTPUT_TAIL:]}")


def lighthouse_results(site_url: str, pages: list[BuiltPage], runs: int, results: dict) -> None:
    """`runs` Lighthouse runs of every page, page after page and round after round, so a
    burst of load on the machine falls on different pages rather than on one page's runs."""
    every = []
    for round_number in range(1, runs + 1):
        for page in pages:
            run = run_lighthouse(LIGHTHOUSE, CHROMIUM, page_url(site_url, page), page.path, round_number)
            every.append(run)
            outcome = run.error or f"performance {run.scores['performance']}, accessibility {run.scores['accessibility']}"
            print(f"  lighthouse {round_number}/{runs} {page.label}: {outcome}", flush=True)
    results["lighthouse_runs"] = [dataclasses.asdict(run) for run in every]
    results["lighthouse"] = [
        dataclasses.asdict(summarize_runs([run for run in every if run.path == page.path])) for page in pages
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=package_doc.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3; each number is their median)")
    parser.add_argument("--parts", default=",".join(PARTS), help=f"comma-separated subset of {','.join(PARTS)}")
    parser.add_argument("--write", action="store_true", help=f"update {README.name} and {RESULTS_FILE.relative_to(REPO_ROOT)}")
    arguments = parser.parse_args(argv)
    parts = arguments.parts.split(",")
    if unknown := set(parts) - set(PARTS):
        parser.error(f"unknown part(s) {', '.join(sorted(unknown))}; choose from {', '.join(PARTS)}")
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    if missing := missing_tools():
        raise SystemExit("\n".join(missing))

    started = time.perf_counter()
    results: dict = {
        "date": datetime.date.today().isoformat(),
        "revision": source_revision(),
        "cores": os.cpu_count(),
        "load_average": {"start": os.getloadavg()[0]},
        "versions": {"Node.js": node_version(), **npm_versions(), "Java": java_version()},
        "settings": {"runs": arguments.runs, "parts": parts},
        "seconds": {},
    }

    def timed(part: str, since: float) -> None:
        results["seconds"][part] = time.perf_counter() - since

    with serve_directory(AUDIT_SITE, compress=True) as server:
        print(f"Building the site for {server.url} …", flush=True)
        since = time.perf_counter()
        build_site(AUDIT_SITE, server.url)
        timed("build", since)
        pages = built_pages(AUDIT_SITE)
        results["pages"] = [dataclasses.asdict(page) for page in pages]
        if "nu" in parts:
            print(f"Nu Html Checker on {len(pages)} pages …", flush=True)
            since = time.perf_counter()
            results["nu"] = {
                path: [dataclasses.asdict(error) for error in errors]
                for path, errors in check_pages(VNU_JAR, AUDIT_SITE, pages).items()
            }
            timed("nu", since)
        if "browser" in parts:
            print(f"axe and page weight in Chromium, {len(pages)} pages × 2 schemes …", flush=True)
            since = time.perf_counter()
            visits, chromium = visit_pages(server.url, pages, AXE_SCRIPT)
            results["versions"]["Chromium"] = chromium
            results["browser"] = [dataclasses.asdict(visit) for visit in visits]
            timed("browser", since)
        if "lighthouse" in parts:
            print(f"Lighthouse, {arguments.runs} run(s) of {len(pages)} pages …", flush=True)
            since = time.perf_counter()
            lighthouse_results(server.url, pages, arguments.runs, results)
            timed("lighthouse", since)
    results["load_average"]["end"] = os.getloadavg()[0]
    timed("total", started)

    report = render_report(results)
    if arguments.write:
        publish(report, results, RESULTS_FILE, README, START_MARKER, END_MARKER)
    else:
        print("\n" + report)


if __name__ == "__main__":
    main()
