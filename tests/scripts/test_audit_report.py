"""The audit's README block: the per-page table, the summaries under it and the PASS/FAIL targets."""
from __future__ import annotations

import json
import re

from scripts.audit_site.__main__ import END_MARKER, README, START_MARKER
from scripts.audit_site.browser import WIDTHS
from scripts.audit_site.report import (
    MAX_TOTAL_BLOCKING_TIME_MS,
    WIDTH_LABELS,
    MIN_ACCESSIBILITY,
    MIN_PERFORMANCE,
    cell,
    render_report,
    targets,
)
from scripts.audit_site.tools import NPM_PACKAGES, REPO_ROOT, SITE_NPM_PACKAGES, TOOLS_DIR
from scripts.readme_block import write_block


def axe(serious=0, moderate=0, rule="color-contrast"):
    by_impact = {"critical": {"rules": 0, "nodes": 0}, "serious": {"rules": int(serious > 0), "nodes": serious},
                 "moderate": {"rules": int(moderate > 0), "nodes": moderate}, "minor": {"rules": 0, "nodes": 0}}
    rules = {}
    if serious:
        rules[rule] = {"impact": "serious", "help": "Elements must meet minimum color contrast ratio thresholds", "nodes": serious, "examples": []}
    if moderate:
        rules["landmark-unique"] = {"impact": "moderate", "help": "Landmarks should be unique", "nodes": moderate, "examples": []}
    return {"version": "4.14.1", "by_impact": by_impact, "rules": rules}


def visit(path, scheme, serious=0, moderate=0, foreign=(), phone_serious=None):
    return {"path": path, "scheme": scheme, "requests": 10, "bytes": 310_000, "foreign_requests": list(foreign),
            "axe": {"desktop": axe(serious, moderate), "phone": axe(serious if phone_serious is None else phone_serious, moderate)}}


def summary(path, performance, accessibility, tbt, failed=()):
    return {"path": path, "runs": 3, "failed_runs": 0,
            "scores": {"performance": performance, "accessibility": accessibility, "best-practices": 100, "seo": 100},
            "metrics": {"total-blocking-time": tbt}, "failed_audits": {"accessibility": list(failed), "seo": []}}


def run(path, round_number, weight=0.0, error=None):
    return {"path": path, "round": round_number, "benchmark_index": 1140, "error": error,
            "errored_audits": [{"id": "render-blocking-resources", "message": "frame_sequence", "weight": weight}]}


def results(**changes):
    base = {
        "date": "2026-12-01", "revision": "abc1234", "cores": 2, "load_average": {"start": 1.5, "end": 3.25},
        "versions": {"lighthouse": "12.2.3", "axe-core": "4.14.1"},
        "settings": {"runs": 3, "parts": ["nu", "browser", "lighthouse"]},
        "seconds": {"build": 9.0, "nu": 7.0, "browser": 120.0, "lighthouse": 1200.0, "total": 1336.0},
        "pages": [{"path": "", "file": "index.html", "html_bytes": 31_744},
                  {"path": "blog/cuckoo-filter/", "file": "blog/cuckoo-filter/index.html", "html_bytes": 115_712}],
        "nu": {"": [], "blog/cuckoo-filter/": [{"line": 80, "message": "Bad value “” for attribute “tabindex” on element “label”."}] * 2},
        "browser": [visit("", "light"), visit("", "dark"),
                    visit("blog/cuckoo-filter/", "light", serious=74, moderate=1, phone_serious=61),
                    visit("blog/cuckoo-filter/", "dark", serious=144, moderate=1, phone_serious=130)],
        "lighthouse": [summary("", 98, 100, 40), summary("blog/cuckoo-filter/", 63, 89, 4718, failed=["color-contrast"])],
        "lighthouse_runs": [run("", n) for n in (1, 2, 3)],
    }
    return base | changes


def verdicts(found):
    return {target.text.split("：")[0]: target.passed for target in found}


def test_each_page_is_one_row_with_every_measure():
    report = render_report(results())
    assert "| `/` | 98 | 100 | 100 | 100 | 40 ms | 0 / 0；0 / 0 | 0 / 0；0 / 0 | 0 | 31 KiB | 303 KiB | 10 | 0 |" in report
    assert "| `blog/cuckoo-filter/` | 63 | 89 | 100 | 100 | 4,718 ms | 74 / 144；61 / 130 | 1 / 1；1 / 1 | 2 | 113 KiB | 303 KiB | 10 | 0 |" in report


def test_the_header_names_date_commit_tools_load_and_time():
    report = render_report(results())
    assert report.startswith("量測於 2026-12-01（版本 abc1234），2 核心（1 分鐘平均負載：開始 1.50，結束 3.25）；lighthouse 12.2.3，axe-core 4.14.1。")
    assert "費時 22.3 分鐘（建置 9 s、Nu 7 s、axe 與頁面重量 120 s、Lighthouse 1200 s）" in report
    assert "benchmarkIndex）為 1140–1140" in report


def test_axe_rules_nu_messages_and_lighthouse_failures_are_summarised():
    report = render_report(results())
    assert "| `color-contrast` | serious | Elements must meet minimum color contrast ratio thresholds | 1 / 74 | 1 / 144 | 1 / 61 | 1 / 130 |" in report
    assert "| Bad value “” for attribute “tabindex” on element “label”. | 2 | 1 / 2 |" in report
    assert "| 無障礙 | `color-contrast` | 1 / 2 |" in report


def test_errored_lighthouse_audits_say_whether_a_score_depended_on_them():
    assert "權重都是 0，所以分數不受影響" in render_report(results())
    weighted = render_report(results(lighthouse_runs=[run("", 1, weight=7)]))
    assert "其中 `render-blocking-resources` 有權重" in weighted


def test_a_failed_lighthouse_run_is_named():
    report = render_report(results(lighthouse_runs=[run("", 1), run("", 2, error="lighthouse did not finish in 300 s")]))
    assert "1 次 Lighthouse 執行失敗（不計入中位數）：`/` 第 2 次：lighthouse did not finish in 300 s" in report


def test_targets_fail_on_the_pages_that_miss_them():
    found = verdicts(targets(results()))
    assert found[f"Lighthouse 行動版效能 ≥ {MIN_PERFORMANCE}（每一頁）"] is False
    assert found[f"Lighthouse 行動版無障礙 = {MIN_ACCESSIBILITY}（每一頁）"] is False
    assert found[f"Total Blocking Time ≤ {MAX_TOTAL_BLOCKING_TIME_MS} ms（每一頁）"] is False
    assert found["axe 的 critical 與 serious 違規 = 0（淺色與深色，桌面與手機寬度）"] is False
    assert found["Nu Html Checker 錯誤 = 0"] is False
    assert found["向本機伺服器以外的主機發出的請求 = 0"] is True
    assert "- **FAIL** Lighthouse 行動版效能 ≥ 95（每一頁）：1 / 2 頁達標，最低 63（`blog/cuckoo-filter/`）" in render_report(results())


def test_targets_pass_on_a_clean_site():
    clean = results(
        nu={"": [], "blog/cuckoo-filter/": []},
        browser=[visit(path, scheme) for path in ("", "blog/cuckoo-filter/") for scheme in ("light", "dark")],
        lighthouse=[summary("", 98, 100, 40), summary("blog/cuckoo-filter/", 95, 100, 200)],
    )
    assert all(target.passed for target in targets(clean))


def test_a_violation_seen_only_at_the_phones_width_fails_the_axe_target():
    phone_only = results(browser=[visit("", "light", phone_serious=1), visit("", "dark")])
    found = verdicts(targets(phone_only))
    assert found["axe 的 critical 與 serious 違規 = 0（淺色與深色，桌面與手機寬度）"] is False
    assert "手機淺色 1 個節點（1 頁）" in render_report(phone_only)


def test_the_report_labels_every_width_the_browser_checks():
    assert list(WIDTH_LABELS) == list(WIDTHS)


def test_a_request_to_another_host_fails_its_target_and_is_named():
    report = render_report(results(browser=[visit("", "light", foreign=["https://unpkg.com/mermaid@11/dist/mermaid.min.js"])]))
    assert "- **FAIL** 向本機伺服器以外的主機發出的請求 = 0：1 個（`https://unpkg.com/mermaid@11/dist/mermaid.min.js`）" in report


def test_parts_that_did_not_run_are_skipped_not_passed():
    partial = results(settings={"runs": 1, "parts": ["nu"]})
    for part in ("browser", "lighthouse", "lighthouse_runs"):
        del partial[part]
    report = render_report(partial)
    assert "- **SKIP** Lighthouse：未量測" in report and "- **SKIP** axe 與頁面重量：未量測" in report
    assert "| `/` | — | — | — | — | — | — / —；— / — | — / —；— / — | 0 | 31 KiB | — | — | — |" in report


def test_table_cells_escape_what_would_break_a_markdown_table():
    assert cell("a | b <style>\nc") == "a \\| b &lt;style> c"


def test_the_report_goes_between_the_readmes_audit_markers_and_nowhere_else(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(README.read_text("utf-8"), "utf-8")
    report = render_report(results())
    write_block(readme, report, START_MARKER, END_MARKER)
    before, block, after = re.split(f"{START_MARKER}|{END_MARKER}", readme.read_text("utf-8"))
    original_before, _, original_after = re.split(f"{START_MARKER}|{END_MARKER}", README.read_text("utf-8"))
    assert (before, block, after) == (original_before, "\n" + report, original_after)


def test_the_readme_states_the_targets_the_report_checks():
    text = README.read_text("utf-8")
    stated = text[text.index("## 網站品質稽核"):text.index(START_MARKER)]
    assert f"效能 ≥ {MIN_PERFORMANCE}、無障礙 = {MIN_ACCESSIBILITY}、TBT ≤ {MAX_TOTAL_BLOCKING_TIME_MS} ms" in stated


def test_the_audit_tools_are_pinned_exactly_and_locked():
    manifest = json.loads((TOOLS_DIR / "package.json").read_text("utf-8"))
    lock = json.loads((TOOLS_DIR / "package-lock.json").read_text("utf-8"))
    assert sorted(manifest["dependencies"]) == sorted(NPM_PACKAGES)
    for name, version in manifest["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version}: pin an exact version"
        assert lock["packages"][f"node_modules/{name}"]["version"] == version
        assert lock["packages"][f"node_modules/{name}"]["integrity"].startswith("sha512-")
    site = json.loads((REPO_ROOT / "package.json").read_text("utf-8"))["dependencies"]
    assert set(SITE_NPM_PACKAGES) <= set(site)  # the tests' copies, not a second pin
    stated = README.read_text("utf-8")
    assert f"Lighthouse {manifest['dependencies']['lighthouse']}" in stated
    assert f"axe-core {site['axe-core']}" in stated
    assert f"`vnu.jar` {site['vnu-jar']}" in stated
