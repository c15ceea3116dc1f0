"""Tables and PASS/FAIL lines from the benchmark's results (a JSON-ready dict)."""
from __future__ import annotations

import statistics
from dataclasses import dataclass

MIB = 2**20
KIB = 2**10
MAX_RATIO_TO_PLAIN = 1.0
MAX_RELOAD_SECONDS = 1.0
MAX_MAKE_TEST_SECONDS = 180.0
RATIO_TARGET_POSTS = 1000
MIN_SEARCH_HIT_RATE = 0.95
MAX_QUERY_BYTES = 300 * 1024
MAX_LAST_KEY_TO_RESULTS_MS = 300.0
MAX_WARM_STARTUP_SECONDS = 10.0
MAX_RATIO_TO_ZENSICAL = 1.0
MAX_MEMORY_SHARE_OF_ZENSICAL = 0.40
SEARCH_ENGINES = {"ours": "本站（Pagefind）", "material": "Material 的搜尋（jieba 斷詞）"}


@dataclass(frozen=True)
class Target:
    passed: bool | None  # None: not measured in this run
    text: str

    def line(self) -> str:
        verdict = {True: "PASS", False: "FAIL", None: "SKIP"}[self.passed]
        return f"- **{verdict}** {self.text}"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _builds_of(builds: list[dict], key: str) -> list[dict]:
    return [build for build in builds if build["contender"] == key]


def paired_ratio(builds: list[dict], numerator: str, denominator: str, measure: str = "seconds") -> float | None:
    """Median over rounds of (that round's numerator `measure` ÷ that round's denominator `measure`):
    build seconds by default, or peak_rss_bytes."""
    values = {(build["contender"], build["round"]): build[measure] for build in builds}
    ratios = [
        value / values[denominator, round_number]
        for (key, round_number), value in values.items()
        if key == numerator and (denominator, round_number) in values
    ]
    return _median(ratios) if ratios else None


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def build_table(builds: list[dict], labels: dict[str, str], ratio_to: str | None) -> str:
    header = ["對象", "頁數", "牆鐘時間（中位數）", "每頁", "CPU 時間", "峰值記憶體（RSS）", "各輪牆鐘時間"]
    if ratio_to:
        header.append("本站 ÷ 對象（逐輪比值的中位數）")
    rows = [header, ["---", "---:", "---:", "---:", "---:", "---:", "---", *(["---:"] if ratio_to else [])]]
    for key, label in labels.items():
        mine = _builds_of(builds, key)
        if not mine:
            continue
        row = [
            label,
            f"{_median([build['pages'] for build in mine]):,.0f}",
            _seconds(_median([build["seconds"] for build in mine])),
            f"{_median([1000 * build['seconds'] / build['pages'] for build in mine]):.1f} ms",
            _seconds(_median([build["cpu_seconds"] for build in mine])),
            f"{_median([build['peak_rss_bytes'] for build in mine]) / MIB:.0f} MiB",
            "、".join(f"{build['seconds']:.2f}" for build in mine),
        ]
        if ratio_to:
            ratio = paired_ratio(builds, ratio_to, key) if key != ratio_to else None
            row.append("—" if ratio is None else f"{ratio:.2f}")
        rows.append(row)
    return _table(rows)


def reload_table(reloads: list[dict]) -> str:
    rows = [
        ["網站", "編輯的文章", "編輯到重新載入（中位數）", "各次", "閒置時的 CPU（單核的 %）"],
        ["---", "---", "---:", "---", "---:"],
    ]
    for reload in reloads:
        idle = reload.get("idle_cpu_percent")  # older results did not measure it
        rows.append([
            reload["site"],
            f"`{reload['source']}`",
            _seconds(_median(reload["seconds"])),
            "、".join(f"{value:.2f}" for value in reload["seconds"]),
            "—" if idle is None else f"{idle:.1f}%",
        ])
    return _table(rows)


def startup_table(startups: list[dict]) -> str:
    rows = [["啟動", "到第一頁（中位數）", "serve 行程的 CPU 時間（中位數）", "各輪"], ["---", "---:", "---:", "---"]]
    labels = {"cold": "冷：刪掉 .cache/", "warm": "暖：保留上一次啟動留下的 .cache/"}
    for kind, label in labels.items():
        mine = [startup for startup in startups if startup["kind"] == kind]
        if mine:
            rows.append([
                label,
                _seconds(_median([startup["seconds"] for startup in mine])),
                _seconds(_median([startup.get("cpu_seconds", 0.0) for startup in mine])),
                "、".join(f"{startup['seconds']:.2f}" for startup in mine),
            ])
    return _table(rows)


def build_targets(results: dict) -> list[Target]:
    """Issue 18's targets for the synthetic site: warm serve startup, cold build and memory against Zensical."""
    posts = results["settings"]["posts"]
    builds = results.get("synthetic_builds", [])
    warm = [startup["seconds"] for startup in results.get("startups", []) if startup["kind"] == "warm"]
    ratio = paired_ratio(builds, "ours", "zensical")
    share = paired_ratio(builds, "ours", "zensical", "peak_rss_bytes")
    return [
        Target(
            None if not warm else _median(warm) <= MAX_WARM_STARTUP_SECONDS,
            f"`mkdocs serve` 暖啟動 ≤ {MAX_WARM_STARTUP_SECONDS:g} s（合成網站 {posts:,} 篇）："
            + ("未量測" if not warm else _seconds(_median(warm))),
        ),
        Target(
            None if ratio is None else ratio <= MAX_RATIO_TO_ZENSICAL,
            f"冷建置 本站 ÷ Zensical ≤ {MAX_RATIO_TO_ZENSICAL}（合成網站 {posts:,} 篇）："
            + ("未量測" if ratio is None else f"{ratio:.2f}"),
        ),
        Target(
            None if share is None else share <= MAX_MEMORY_SHARE_OF_ZENSICAL,
            f"峰值記憶體 本站 ≤ Zensical 的 {MAX_MEMORY_SHARE_OF_ZENSICAL:.0%}（合成網站 {posts:,} 篇）："
            + ("未量測" if share is None else f"{share:.0%}"),
        ),
    ]


def suite_table(suite: dict) -> str:
    rows = [["命令", "結果", "總時間（含建立 .venv 與安裝）", "其中 pytest", "CPU 時間"], ["---", "---", "---:", "---:", "---:"]]
    pytest_seconds = suite["pytest_seconds"]
    rows.append([
        "`CI=true make test`（HEAD 的乾淨 clone）",
        suite["summary"] or f"沒有 pytest 結果（結束碼 {suite['returncode']}）",
        _seconds(suite["seconds"]),
        "—" if pytest_seconds is None else _seconds(pytest_seconds),
        _seconds(suite["cpu_seconds"]),
    ])
    return _table(rows)


def page_table(pages: list[dict]) -> str:
    rows = [
        ["頁面", "公式（建置時排版）", "請求數", "傳輸量", "數學 JavaScript（最多）", "load 事件"],
        ["---", "---:", "---:", "---:", "---:", "---:"],
    ]
    for page in pages:
        rows.append([
            f"`{page['path']}`",
            f"{page['formulas']:,}",
            f"{page['requests']:.0f}",
            f"{page['bytes'] / KIB:,.0f} KiB",
            f"{page['max_math_script_bytes']:,} B",
            f"{page['load_ms']:.0f} ms",
        ])
    return _table(rows)


def search_quality_table(runs: list[dict]) -> str:
    rows = [["搜尋", "命中（對應頁面在前三名）", "命中率", "未命中的查詢"], ["---", "---:", "---:", "---"]]
    for run in runs:
        rows.append([
            SEARCH_ENGINES[run["engine"]],
            f"{run['hits']} / {run['queries']}",
            f"{run['hits'] / run['queries']:.1%}",
            "、".join(run["misses"]) or "—",
        ])
    return _table(rows)


def search_cost_table(costs: list[dict], builds: list[dict]) -> str:
    indexing = [build["search_index_seconds"] for build in builds if build.get("search_index_seconds") is not None]
    rows = [
        ["網站", "開啟搜尋前的搜尋位元組", "一次查詢：請求數", "一次查詢：傳輸量（中位數／最多）",
         "最後一鍵到顯示結果（中位數／最慢）", "查詢"],
        ["---", "---:", "---:", "---:", "---:", "---"],
    ]
    for cost in costs:
        rows.append([
            cost["site"],
            f"{cost['bytes_before_search']:,} B",
            f"{cost['requests']:.0f}",
            f"{cost['bytes'] / KIB:,.0f} / {cost['max_bytes'] / KIB:,.0f} KiB",
            f"{cost['last_key_to_results_ms']:.0f} / {cost['max_last_key_to_results_ms']:.0f} ms",
            "、".join(cost["queries"]),
        ])
    table = _table(rows)
    if indexing:
        table += f"\n\n建索引（Pagefind，本站的合成網站建置中）：中位數 {_median(indexing):.2f} s。"
    return table


def _table(rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def targets(results: dict) -> list[Target]:
    posts = results["settings"]["posts"]
    found = []

    ratio = paired_ratio(results.get("synthetic_builds", []), "ours", "plain")
    scope = f"{posts:,} 篇" + ("" if posts == RATIO_TARGET_POSTS else f"；目標以 {RATIO_TARGET_POSTS:,} 篇為準")
    found.append(Target(
        None if ratio is None else ratio <= MAX_RATIO_TO_PLAIN,
        f"建置時間 本站 ÷ 純 Material ≤ {MAX_RATIO_TO_PLAIN}（合成網站 {scope}）："
        + ("未量測" if ratio is None else f"{ratio:.2f}"),
    ))

    reloads = {reload["key"]: _median(reload["seconds"]) for reload in results.get("reloads", [])}
    real = reloads.get("real")
    synthetic = reloads.get("synthetic")
    found.append(Target(
        None if real is None else real <= MAX_RELOAD_SECONDS,
        f"編輯到重新載入 ≤ {MAX_RELOAD_SECONDS:g} s（真實網站）："
        + ("未量測" if real is None else _seconds(real))
        + ("" if synthetic is None else f"；合成網站 {posts:,} 篇：{_seconds(synthetic)}"),
    ))

    pages = results.get("page_loads", [])
    if pages:
        script = max(page["max_math_script_bytes"] for page in pages)
        found.append(Target(
            script == 0 and any(page["formulas"] for page in pages),
            f"公式在建置時排版，任何頁面都不載入數學 JavaScript（實測最多 {script:,} B）",
        ))
    else:
        found.append(Target(None, "頁面載入：未量測"))

    quality = {run["engine"]: run for run in results.get("search_quality", [])}
    ours = quality.get("ours")
    found.append(Target(
        None if ours is None else ours["hits"] / ours["queries"] >= MIN_SEARCH_HIT_RATE,
        f"搜尋命中率 ≥ {MIN_SEARCH_HIT_RATE:.0%}（公開查詢集）："
        + ("未量測" if ours is None else f"本站 {ours['hits'] / ours['queries']:.1%}")
        + ("" if "material" not in quality else f"；Material 的搜尋 {quality['material']['hits'] / quality['material']['queries']:.1%}"),
    ))
    costs = {cost["key"]: cost for cost in results.get("search_costs", [])}
    synthetic_cost = costs.get("synthetic")
    if costs:
        before = max(cost["bytes_before_search"] for cost in costs.values())
        found.append(Target(before == 0, f"開啟搜尋前不下載任何搜尋檔案：{before:,} B"))
    found.append(Target(
        None if synthetic_cost is None else synthetic_cost["max_bytes"] <= MAX_QUERY_BYTES,
        f"一次查詢 ≤ {MAX_QUERY_BYTES // KIB} KiB（合成網站 {posts:,} 篇，最多的一次）："
        + ("未量測" if synthetic_cost is None else f"{synthetic_cost['max_bytes'] / KIB:,.0f} KiB"),
    ))
    slowest = max((cost["last_key_to_results_ms"] for cost in costs.values()), default=None)
    found.append(Target(
        None if slowest is None else slowest <= MAX_LAST_KEY_TO_RESULTS_MS,
        f"最後一鍵到顯示結果 ≤ {MAX_LAST_KEY_TO_RESULTS_MS:.0f} ms（各網站的中位數）："
        + ("未量測" if slowest is None else f"最慢的網站 {slowest:.0f} ms"),
    ))

    found += build_targets(results)
    suite = results.get("test_suite")  # last
    found.append(Target(
        None if suite is None else suite["returncode"] == 0 and suite["seconds"] <= MAX_MAKE_TEST_SECONDS,
        f"`make test` ≤ {MAX_MAKE_TEST_SECONDS / 60:g} 分鐘（乾淨 clone，{results['machine']['cores']} 核心）："
        + ("未量測" if suite is None else f"{_seconds(suite['seconds'])}，{suite['summary'] or '測試沒有跑完'}"),
    ))
    return found


def render_report(results: dict) -> str:
    settings, machine, versions = results["settings"], results["machine"], results["versions"]
    posts = settings["posts"]
    lines = [
        f"量測於 {results['date']}（版本 {results['revision']}），{machine['cpu']}，{machine['cores']} 核心，{machine['memory_gib']:.0f} GiB 記憶體；"
        + "，".join(f"{name} {version}" for name, version in versions.items())
        + "。",
        "",
        f"合成網站：{posts:,} 篇文章（亂數種子 {settings['seed']}，每篇約 1,500 字、含公式、兩段程式碼與 `<!-- more -->`），"
        f"每個對象冷建置 {settings['rounds']} 輪，輪流進行（本站、純 Material、Zensical、本站……）。",
    ]
    if results.get("zensical_skipped"):
        lines += ["", f"Zensical 未量測：{results['zensical_skipped']}"]
    if results.get("synthetic_builds"):
        lines += ["", f"**建置：合成網站 {posts:,} 篇**", "",
                  build_table(results["synthetic_builds"], results["synthetic_labels"], "ours")]
    if results.get("real_builds"):
        lines += ["", "**建置：真實網站**", "", build_table(results["real_builds"], results["real_labels"], None)]
    if results.get("startups"):
        lines += ["", f"**`mkdocs serve` 啟動到第一頁（合成網站 {posts:,} 篇，冷暖輪流各 {settings.get('startups', 0)} 次）**", "",
                  startup_table(results["startups"])]
    if results.get("reloads"):
        lines += ["", "**編輯到重新載入（`mkdocs serve`）**", "", reload_table(results["reloads"])]
    if results.get("page_loads"):
        lines += ["", f"**頁面載入（真實網站，本機 HTTP 不壓縮，每頁 {settings['page_loads']} 次冷載入的中位數）**", "",
                  page_table(results["page_loads"])]
    if results.get("search_quality"):
        lines += ["", "**搜尋品質（同一個真實網站、同一份公開查詢集 `tests/search_queries.yml`，逐字輸入）**", "",
                  search_quality_table(results["search_quality"])]
    if results.get("search_costs"):
        lines += ["", "**搜尋的下載量與速度（Chromium，新開的頁面：先開啟搜尋，再逐字輸入一個查詢）**", "",
                  search_cost_table(results["search_costs"], results.get("synthetic_builds", []))]
    if results.get("test_suite"):
        lines += ["", "**測試（CI 跑的就是這個命令）**", "", suite_table(results["test_suite"])]
    lines += ["", "**目標**", "", *(target.line() for target in targets(results))]
    return "\n".join(lines) + "\n"
