"""Tables and PASS/FAIL lines from the audit's results (a JSON-ready dict)."""
from __future__ import annotations

from collections import Counter

from scripts.bench_site.report import Target

from .axe import BLOCKING_IMPACTS, IMPACTS, blocking_nodes

KIB = 2**10
MIN_PERFORMANCE = 95
MIN_ACCESSIBILITY = 100
MAX_TOTAL_BLOCKING_TIME_MS = 200
SCHEME_LABELS = {"light": "淺色", "dark": "深色"}
WIDTH_LABELS = {"desktop": "桌面", "phone": "手機"}  # the widths of browser.WIDTHS
CATEGORY_LABELS = {"performance": "效能", "accessibility": "無障礙", "best-practices": "最佳做法", "seo": "SEO"}
TOTAL_BLOCKING_TIME = "total-blocking-time"
NON_BLOCKING_IMPACTS = tuple(impact for impact in IMPACTS if impact not in BLOCKING_IMPACTS)
NU_MESSAGE_CHARACTERS = 120  # longer messages are cut in the README; the JSON keeps them whole
FOREIGN_SHOWN = 5
NONE_FOUND = "沒有。"


def cell(text: str) -> str:
    """Text that stays one cell of a Markdown table."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def markdown_table(header: list[str], align: list[str], rows: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(cells) + " |" for cells in [header, align, *rows])


def page_label(path: str) -> str:
    return f"`{path or '/'}`"


def number(value: float | None) -> str:
    """A score: 97, or 97.5 when an even number of runs left two middles."""
    return "—" if value is None else f"{value:g}"


def milliseconds(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def kib(value: int) -> str:
    return f"{value / KIB:,.0f} KiB"


def axe_nodes(visits: dict[tuple[str, str], dict], path: str, impacts: tuple[str, ...]) -> str:
    """Nodes of `impacts` by width, then scheme: '74 / 144；61 / 130' (desktop light / dark；phone light / dark)."""
    def nodes(width: str, scheme: str) -> str:
        visit = visits.get((path, scheme))
        if visit is None:
            return "—"
        return str(sum(visit["axe"][width]["by_impact"][impact]["nodes"] for impact in impacts))

    return "；".join(" / ".join(nodes(width, scheme) for scheme in SCHEME_LABELS) for width in WIDTH_LABELS)


def page_table(results: dict) -> str:
    lighthouse = {summary["path"]: summary for summary in results.get("lighthouse", [])}
    visits = {(visit["path"], visit["scheme"]): visit for visit in results.get("browser", [])}
    nu = results.get("nu", {})
    header = [
        "頁面", *CATEGORY_LABELS.values(), "TBT",
        "axe critical＋serious（桌面 淺 / 深；手機 淺 / 深）", "axe moderate＋minor（桌面 淺 / 深；手機 淺 / 深）",
        "Nu 錯誤", "HTML", "傳輸量", "請求數", "外部請求",
    ]
    rows = []
    for page in results["pages"]:
        path = page["path"]
        summary = lighthouse.get(path)
        light = visits.get((path, "light"))
        foreign = {url for scheme in SCHEME_LABELS for url in visits.get((path, scheme), {}).get("foreign_requests", [])}
        rows.append([
            page_label(path),
            *(number(summary["scores"][category]) if summary else "—" for category in CATEGORY_LABELS),
            milliseconds(summary["metrics"][TOTAL_BLOCKING_TIME]) if summary else "—",
            axe_nodes(visits, path, BLOCKING_IMPACTS),
            axe_nodes(visits, path, NON_BLOCKING_IMPACTS),
            str(len(nu[path])) if path in nu else "—",
            kib(page["html_bytes"]),
            kib(light["bytes"]) if light else "—",
            str(light["requests"]) if light else "—",
            str(len(foreign)) if visits else "—",
        ])
    return markdown_table(header, ["---", *["---:"] * (len(header) - 1)], rows)


def axe_rule_table(visits: list[dict]) -> str:
    """Every violated rule: its impact, and at each width and scheme the pages and nodes that break it."""
    columns = [(width, scheme) for width in WIDTH_LABELS for scheme in SCHEME_LABELS]
    rules: dict[str, dict] = {}
    for visit in visits:
        for width, counts in visit["axe"].items():
            for rule_id, rule in counts["rules"].items():
                entry = rules.setdefault(rule_id, {"impact": rule["impact"], "help": rule["help"], "pages": Counter(), "nodes": Counter()})
                entry["pages"][width, visit["scheme"]] += 1
                entry["nodes"][width, visit["scheme"]] += rule["nodes"]
    order = sorted(rules, key=lambda rule_id: (IMPACTS.index(rules[rule_id]["impact"]), rule_id))
    rows = [
        [f"`{rule_id}`", rules[rule_id]["impact"], cell(rules[rule_id]["help"]),
         *(f"{rules[rule_id]['pages'][column]} / {rules[rule_id]['nodes'][column]}" for column in columns)]
        for rule_id in order
    ]
    if not rows:
        return NONE_FOUND
    header = ["規則", "影響", "說明（axe）", *(f"{WIDTH_LABELS[width]}{SCHEME_LABELS[scheme]}：頁數 / 節點" for width, scheme in columns)]
    return markdown_table(header, ["---", "---", "---", *["---:"] * len(columns)], rows)


def lighthouse_failures_table(summaries: list[dict]) -> str:
    """Audits that cost a page points outside performance, with how many pages fail them."""
    failing = Counter(
        (category, audit) for summary in summaries for category, audits in summary["failed_audits"].items() for audit in audits
    )
    categories = list(CATEGORY_LABELS)
    order = sorted(failing, key=lambda key: (categories.index(key[0]), -failing[key], key[1]))
    rows = [[CATEGORY_LABELS[category], f"`{audit}`", f"{failing[category, audit]} / {len(summaries)}"] for category, audit in order]
    if not rows:
        return NONE_FOUND
    return markdown_table(["類別", "未通過的稽核（任一次執行）", "頁數"], ["---", "---", "---:"], rows)


def lighthouse_errors_note(runs: list[dict]) -> str:
    """Which audits Lighthouse could not run, and whether any score depended on them."""
    errored: dict[str, float] = {}
    for run in runs:
        for audit in run["errored_audits"]:
            errored[audit["id"]] = max(errored.get(audit["id"], 0.0), audit["weight"])
    failed = [run for run in runs if run["error"]]
    lines = []
    if errored:
        weighted = [audit for audit, weight in errored.items() if weight > 0]
        lines.append(
            f"Lighthouse 有 {len(errored)} 個稽核出錯、沒有結果：" + "、".join(f"`{audit}`" for audit in sorted(errored))
            + ("。它們在每個類別的權重都是 0，所以分數不受影響。" if not weighted
               else "。其中 " + "、".join(f"`{audit}`" for audit in weighted) + " 有權重，相關類別的分數少了它們。")
        )
    if failed:
        lines.append(
            f"{len(failed)} 次 Lighthouse 執行失敗（不計入中位數）："
            + "；".join(f"{page_label(run['path'])} 第 {run['round']} 次：{cell(run['error'][:200])}" for run in failed)
        )
    return "\n\n".join(lines)


def nu_message_table(nu: dict[str, list[dict]]) -> str:
    """Each distinct Nu message: how often, and on how many pages."""
    occurrences = Counter(error["message"] for errors in nu.values() for error in errors)
    pages = Counter(message for errors in nu.values() for message in {error["message"] for error in errors})
    rows = [
        [cell(message if len(message) <= NU_MESSAGE_CHARACTERS else message[:NU_MESSAGE_CHARACTERS] + "…"),
         str(count), f"{pages[message]} / {len(nu)}"]
        for message, count in sorted(occurrences.items(), key=lambda item: (-item[1], item[0]))
    ]
    if not rows:
        return NONE_FOUND
    return markdown_table(["訊息（Nu Html Checker）", "次數", "頁數"], ["---", "---:", "---:"], rows)


def _extreme(summaries: list[dict], value, pick) -> tuple[float | None, str]:
    known = [(value(summary), summary["path"]) for summary in summaries if value(summary) is not None]
    if not known:
        return None, ""
    found = pick(known, key=lambda item: item[0])
    return found[0], page_label(found[1])


def targets(results: dict) -> list[Target]:
    pages = len(results["pages"])
    found = []
    summaries = results.get("lighthouse")
    if summaries:
        for category, minimum in (("performance", MIN_PERFORMANCE), ("accessibility", MIN_ACCESSIBILITY)):
            worst, where = _extreme(summaries, lambda summary: summary["scores"][category], min)
            meeting = sum(1 for summary in summaries if (summary["scores"][category] or 0) >= minimum)
            comparison = "≥" if minimum < 100 else "="
            found.append(Target(
                meeting == pages,
                f"Lighthouse 行動版{CATEGORY_LABELS[category]} {comparison} {minimum}（每一頁）："
                f"{meeting} / {pages} 頁達標，最低 {number(worst)}（{where}）",
            ))
        slowest, where = _extreme(summaries, lambda summary: summary["metrics"][TOTAL_BLOCKING_TIME], max)
        meeting = sum(
            1 for summary in summaries
            if summary["metrics"][TOTAL_BLOCKING_TIME] is not None and summary["metrics"][TOTAL_BLOCKING_TIME] <= MAX_TOTAL_BLOCKING_TIME_MS
        )
        found.append(Target(
            meeting == pages,
            f"Total Blocking Time ≤ {MAX_TOTAL_BLOCKING_TIME_MS} ms（每一頁）：{meeting} / {pages} 頁達標，最高 {milliseconds(slowest)}（{where}）",
        ))
    else:
        found.append(Target(None, "Lighthouse：未量測"))

    visits = results.get("browser")
    if visits:
        blocking = {
            (width, scheme): [blocking_nodes(visit["axe"][width]) for visit in visits if visit["scheme"] == scheme]
            for width in WIDTH_LABELS for scheme in SCHEME_LABELS
        }
        found.append(Target(
            all(count == 0 for counts in blocking.values() for count in counts),
            "axe 的 critical 與 serious 違規 = 0（淺色與深色，桌面與手機寬度）："
            + "，".join(
                f"{WIDTH_LABELS[width]}{SCHEME_LABELS[scheme]} {sum(counts)} 個節點（{sum(count > 0 for count in counts)} 頁）"
                for (width, scheme), counts in blocking.items()
            ),
        ))
        foreign = list(dict.fromkeys(url for visit in visits for url in visit["foreign_requests"]))
        found.append(Target(
            not foreign,
            f"向本機伺服器以外的主機發出的請求 = 0：{len(foreign)} 個"
            + ("" if not foreign else "（" + "、".join(f"`{url}`" for url in foreign[:FOREIGN_SHOWN]) + ("…" if len(foreign) > FOREIGN_SHOWN else "") + "）"),
        ))
    else:
        found.append(Target(None, "axe 與頁面重量：未量測"))

    nu = results.get("nu")
    if nu is not None:
        errors = sum(len(page_errors) for page_errors in nu.values())
        found.append(Target(
            errors == 0,
            f"Nu Html Checker 錯誤 = 0：{errors} 個（{sum(bool(page_errors) for page_errors in nu.values())} / {pages} 頁有錯）",
        ))
    else:
        found.append(Target(None, "Nu Html Checker：未量測"))
    return found


def header_lines(results: dict) -> list[str]:
    versions = "，".join(f"{name} {version}" for name, version in results["versions"].items())
    seconds = results["seconds"]
    parts = {"build": "建置", "nu": "Nu", "browser": "axe 與頁面重量", "lighthouse": "Lighthouse"}
    load = results["load_average"]
    lines = [
        f"量測於 {results['date']}（版本 {results['revision']}），{results['cores']} 核心"
        f"（1 分鐘平均負載：開始 {load['start']:.2f}，結束 {load['end']:.2f}）；{versions}。",
        "",
        f"共 {len(results['pages'])} 頁，費時 {seconds['total'] / 60:.1f} 分鐘（"
        + "、".join(f"{label} {seconds[part]:.0f} s" for part, label in parts.items() if part in seconds) + "）。",
    ]
    if results.get("lighthouse"):
        indexes = sorted(run["benchmark_index"] for run in results["lighthouse_runs"] if run["benchmark_index"] is not None)
        lines.append(
            f"Lighthouse：每頁 {results['settings']['runs']} 次，各頁輪流，用預設的手機模擬與節流；"
            "分數與 TBT 各取中位數。"
            + (f"Lighthouse 量到的機器速度（benchmarkIndex）為 {indexes[0]:.0f}–{indexes[-1]:.0f}，"
               "同一台機器上的其他工作會讓效能分數偏低、TBT 偏高。" if indexes else "")
        )
    if results.get("browser"):
        lines.append(
            "axe 與頁面重量：Chromium 以 1280 × 900 視窗、系統設定淺色與深色（Material 的 default 與 slate）各冷載入一次，"
            "axe 在桌面寬度與縮成手機寬度（375 px）各檢查一次；"
            "傳輸量與請求數是淺色那一次（本機 HTTP 伺服器像靜態主機一樣以 gzip 傳送文字檔），外部請求是兩次合計。"
        )
    return lines


def render_report(results: dict) -> str:
    lines = [*header_lines(results), "", "**每一頁**", "", page_table(results)]
    if results.get("browser"):
        lines += ["", "**axe 違規的規則**", "", axe_rule_table(results["browser"])]
    if results.get("lighthouse"):
        lines += ["", "**Lighthouse 未通過的稽核（效能以外）**", "", lighthouse_failures_table(results["lighthouse"])]
        note = lighthouse_errors_note(results["lighthouse_runs"])
        if note:
            lines += ["", note]
    if results.get("nu") is not None:
        lines += ["", "**Nu Html Checker 的錯誤訊息**", "", nu_message_table(results["nu"])]
    lines += ["", "**目標**", "", *(target.line() for target in targets(results))]
    return "\n".join(lines) + "\n"
