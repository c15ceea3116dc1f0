"""The benchmark report's issue-18 rows: serve startups, and the cold build and memory against Zensical."""
from scripts.bench_site.report import build_targets, paired_ratio, startup_table


def build(contender: str, round_number: int, seconds: float, peak_mib: float) -> dict:
    return {"contender": contender, "round": round_number, "seconds": seconds, "peak_rss_bytes": peak_mib * 2**20}


BUILDS = [
    build("ours", 1, 20.0, 400), build("zensical", 1, 25.0, 1000),
    build("ours", 2, 30.0, 500), build("zensical", 2, 20.0, 1000),
    build("ours", 3, 22.0, 300), build("zensical", 3, 22.0, 1000),
]


def test_memory_is_compared_round_by_round():
    assert paired_ratio(BUILDS, "ours", "zensical", "peak_rss_bytes") == 0.4
    assert paired_ratio(BUILDS, "ours", "plain", "peak_rss_bytes") is None


def test_the_startup_table_has_a_row_for_cold_and_for_warm():
    table = startup_table([
        {"kind": "cold", "round": 1, "seconds": 30.0, "cpu_seconds": 28.0},
        {"kind": "warm", "round": 1, "seconds": 9.0, "cpu_seconds": 8.0},
    ])
    assert "| 冷：刪掉 .cache/ | 30.00 s | 28.00 s | 30.00 |" in table
    assert "| 暖：保留上一次啟動留下的 .cache/ | 9.00 s | 8.00 s | 9.00 |" in table


def test_the_targets_pass_and_fail_on_the_medians():
    results = {
        "settings": {"posts": 1000},
        "startups": [{"kind": "warm", "round": 1, "seconds": 9.5}, {"kind": "cold", "round": 1, "seconds": 40.0}],
        "synthetic_builds": BUILDS,
    }
    warm, ratio, memory = build_targets(results)
    assert warm.passed and "9.50 s" in warm.text
    assert ratio.passed and "1.00" in ratio.text  # rounds: 0.80, 1.50, 1.00
    assert memory.passed and "40%" in memory.text


def test_targets_not_measured_are_skipped():
    assert all(target.passed is None for target in build_targets({"settings": {"posts": 1000}}))
