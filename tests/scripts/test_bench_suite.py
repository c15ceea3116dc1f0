"""The `make test` part of the benchmark: reading pytest's result and reporting the target."""
from scripts.bench_site.report import render_report, targets
from scripts.bench_site.suite import pytest_result

PASSING = """tests/site/test_pages.py ....
=========================== short test summary info ============================
======================= 599 passed in 105.32s (0:01:45) ========================
"""
FAILING = "== 1 failed, 598 passed, 2 warnings in 99.10s (0:01:39) ==\n"


def test_pytests_result_line_is_read_from_the_output():
    assert pytest_result(PASSING) == ("599 passed", 105.32)
    assert pytest_result(FAILING) == ("1 failed, 598 passed, 2 warnings", 99.10)
    assert pytest_result("make: *** [Makefile:29: test] Error 2\n") == (None, None)


def results_with(suite):
    return {
        "date": "2026-11-29", "revision": "abc1234",
        "machine": {"cpu": "test CPU", "cores": 2, "memory_gib": 24},
        "versions": {"Python": "3.13.0"},
        "settings": {"posts": 1000, "seed": 1, "rounds": 3, "reloads": 5, "page_loads": 5},
        "test_suite": suite,
    }


def suite(seconds, returncode=0, summary="599 passed"):
    return {"seconds": seconds, "cpu_seconds": 200.0, "returncode": returncode, "summary": summary, "pytest_seconds": 105.32}


def test_the_target_is_three_minutes_of_passing_tests():
    verdict = {target.text.split("：")[0]: target.passed for target in targets(results_with(suite(138.1)))}
    assert verdict["`make test` ≤ 3 分鐘（乾淨 clone，2 核心）"] is True
    assert targets(results_with(suite(181.0)))[-1].passed is False
    assert targets(results_with(suite(100.0, returncode=2, summary="1 failed, 598 passed")))[-1].passed is False
    report = render_report(results_with(suite(138.1)))
    assert "| `CI=true make test`（HEAD 的乾淨 clone） | 599 passed | 138.10 s | 105.32 s | 200.00 s |" in report
    assert "- **PASS** `make test` ≤ 3 分鐘（乾淨 clone，2 核心）：138.10 s，599 passed" in report
