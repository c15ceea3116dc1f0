"""The `kb/filter-experiments` plugin: the cuckoo filter post's measured tables, made at build.

A page asks for them with the `<!-- kb:filter-experiments -->` insert (kb/inserts).

The numbers come from snippets/cuckoo_filter/experiments.py, run with fixed
parameters and seed, so the page never carries numbers typed by hand. Results
are cached in the plugin's `cache_dir` (.cache/filter-experiments/<sha256>.json), keyed by the source of
snippets/cuckoo_filter/ and snippets/bloom_filter/ plus the parameters, so
`mkdocs serve` reloads reuse them until the filters' code changes.

The experiments run in a fresh Python process: `mkdocs serve` loads plugins
once, and modules imported here would stay cached, so after an edit the new
hash would be stored with numbers from the old code.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.pages import Page

SOURCE_DIRS = ("snippets/cuckoo_filter", "snippets/bloom_filter")
EXPERIMENTS_FILE = "snippets/cuckoo_filter/experiments.py"
EXPERIMENTS_MODULE = "snippets.cuckoo_filter.experiments"
EXPERIMENTS_TIMEOUT_SECONDS = 120
RESULT_KEYS = frozenset({"parameters", "false_positive_rates", "load_factors", "space"})

EXPERIMENT_PARAMETERS = {
    "seed": 2014,  # the paper's year
    "table_slots": 2**13,
    "queries": 30_000,
    "fingerprint_bits": [4, 6, 8, 10, 12],
    "bucket_size": 4,
    "load_bucket_sizes": [1, 2, 4, 8],
    # A small and a larger table, three seeds each: how much the load moves with either.
    "load_table_slots": [2**13, 2**16],
    "load_seeds": 3,
    # Long fingerprints, so few of them collide and the table fills as the paper's did.
    "load_fingerprint_bits": 16,
    "max_kicks": 500,
}


def experiments_cache_key(project_root: Path, parameters: dict) -> str:
    """sha256 of the filters' source files (names and bytes) and the parameters."""
    digest = hashlib.sha256()
    for directory in SOURCE_DIRS:
        for source in sorted((project_root / directory).glob("*.py")):
            digest.update(source.relative_to(project_root).as_posix().encode() + b"\0")
            digest.update(source.read_bytes() + b"\0")
    digest.update(json.dumps(parameters, sort_keys=True).encode())
    return digest.hexdigest()


def run_experiments(project_root: Path, parameters: dict) -> dict:
    """Run experiments.py in a fresh process and return its JSON results."""
    result = subprocess.run(
        [sys.executable, "-m", EXPERIMENTS_MODULE, json.dumps(parameters)],
        cwd=project_root,
        env={**os.environ, "PYTHONPATH": str(project_root)},
        capture_output=True,
        text=True,
        timeout=EXPERIMENTS_TIMEOUT_SECONDS,
    )
    if result.returncode != 0:
        raise PluginError(f"kb/filter-experiments: {EXPERIMENTS_FILE} failed:\n{result.stderr}")
    return json.loads(result.stdout)


def cached_experiment_results(project_root: Path, parameters: dict, cache_dir: Path) -> dict:
    """Results from the cache when the code and parameters are unchanged, else computed and cached."""
    cache_file = cache_dir / f"{experiments_cache_key(project_root, parameters)}.json"
    try:
        results = json.loads(cache_file.read_text("utf-8"))
        if isinstance(results, dict) and RESULT_KEYS <= results.keys():
            return results
    except (OSError, ValueError):
        pass  # missing or corrupt: compute again and overwrite
    results = run_experiments(project_root, parameters)
    cache_file.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_file.with_suffix(".partial")  # a crash mid-write leaves no corrupt cache file
    partial.write_text(json.dumps(results, indent=1), "utf-8")
    partial.replace(cache_file)
    return results


def percent(rate: float) -> str:
    """Three significant digits, trailing zeros kept: 40.0%, 3.07%, 0.190%, 100%."""
    # '#' keeps trailing zeros, but also leaves a bare point in '100.'.
    return f"{rate * 100:#.3g}".rstrip(".") + "%"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = [header, ["---:"] * len(header), *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def load_range(loads: list[float]) -> str:
    """The lowest and highest of the seeds' loads: 96.7–97.2%."""
    low, high = percent(min(loads)), percent(max(loads))
    return low if low == high else f"{low.removesuffix('%')}–{high}"


def load_factor_table(parameters: dict, rows: list[dict]) -> str:
    """Bucket sizes down, table sizes across; each cell the range over the seeds."""
    by_cell = {(row["bucket_size"], row["slots"]): row for row in rows}
    table_slots = parameters["load_table_slots"]
    return markdown_table(
        ["桶大小 $b$", *(f"{slots:,} 個槽" for slots in table_slots), "論文"],
        [
            [
                str(bucket_size),
                *(load_range(by_cell[bucket_size, slots]["table_loads"]) for slots in table_slots),
                f"約 {by_cell[bucket_size, table_slots[0]]['paper_load_factor']:.0%}",
            ]
            for bucket_size in parameters["load_bucket_sizes"]
        ],
    )


def load_factor_note(parameters: dict, rows: list[dict]) -> str:
    """What the load-factor table shows, worked out from it: the victim slot's share, the spread, the paper."""
    victim_shares = "、".join(
        f"{slots:,} 個槽的表是 {100 / slots:.2g} 個百分點" for slots in parameters["load_table_slots"]
    )

    def spread(row: dict) -> float:
        return 100 * (max(row["table_loads"]) - min(row["table_loads"]))

    widest = max(rows, key=spread)["bucket_size"]
    spreads = "、".join(
        f"{row['slots']:,} 個槽時相差 {spread(row):.1f} 個百分點" for row in rows if row["bucket_size"] == widest
    )
    above = sum(min(row["table_loads"]) > row["paper_load_factor"] for row in rows)
    return (
        f"暫存槽只多放 1 個指紋（{victim_shares}），所以表中不算它，它也不是和論文差距的來源。"
        f"隨種子起伏最大的是 $b = {widest}$：{spreads}。"
        f"{len(rows)} 格裡有 {above} 格連最低值都高於論文的數字。"
    )


def render_experiments(results: dict) -> str:
    """Markdown for the measured numbers: three tables and how they were produced."""
    parameters = results["parameters"]
    false_positive_table = markdown_table(
        ["指紋長度 $f$", "存入元素 $n$", "負載率 $\\alpha$", "誤判次數", "實測誤判率", "上界 $2b/2^f$"],
        [
            [
                str(row["fingerprint_bits"]),
                f"{row['items']:,}",
                percent(row["load_factor"]),
                f"{row['false_positives']:,} / {row['queries']:,}",
                percent(row["measured_rate"]),
                percent(row["bound"]),
            ]
            for row in results["false_positive_rates"]
        ],
    )
    load_table = load_factor_table(parameters, results["load_factors"])
    load_note = load_factor_note(parameters, results["load_factors"])
    space_table = markdown_table(
        [
            "指紋長度 $f$",
            "cuckoo 實測誤判率 $\\varepsilon$",
            "cuckoo 位元／元素 $f/\\alpha$",
            "Bloom 理論 $1.44\\log_2(1/\\varepsilon)$",
            "Bloom 實作 $m/n$",
            "Bloom 實測誤判率",
            "較省空間",
        ],
        [
            [
                str(row["fingerprint_bits"]),
                percent(row["false_positive_rate"]),
                f"{row['cuckoo_bits_per_item']:.2f}",
                f"{row['bloom_bits_per_item_theory']:.2f}",
                f"{row['bloom_bits_per_item_built']:.2f}",
                percent(row["bloom_measured_rate"]),
                "cuckoo" if row["cuckoo_bits_per_item"] < row["bloom_bits_per_item_theory"] else "Bloom",
            ]
            for row in results["space"]
        ],
    )
    provenance = (
        f"這些數字由 `{EXPERIMENTS_FILE}` 在建置時以亂數種子 {parameters['seed']} 算出："
        f"每個 cuckoo filter 有 {parameters['table_slots']:,} 個槽、每次插入最多踢 {parameters['max_kicks']} 次，"
        f"依序插入不同的字串直到第一次插入失敗（表中的 $n$ 就是這時存入的元素數），"
        f"再以 {parameters['queries']:,} 個從未插入的字串查詢，算出誤判率；"
        f"負載率一表另外以 {len(parameters['load_table_slots'])} 種大小的表、"
        f"種子 {parameters['seed']} 起的 {parameters['load_seeds']} 個種子各填一次，指紋長度為 {parameters['load_fingerprint_bits']} 位元。"
        f"Bloom filter 以同樣的 $n$ 與 cuckoo filter 的實測誤判率建立，並以同樣的字串查詢。"
    )
    return "\n\n".join([
        f"**誤判率與指紋長度**（$b = {parameters['bucket_size']}$）",
        false_positive_table,
        "**桶大小與負載率**（表第一次需要暫存槽時的負載率；每格是 "
        f"{parameters['load_seeds']} 個亂數種子的最低–最高值）",
        load_table,
        load_note,
        "**每個元素的空間（位元）**",
        space_table,
        provenance,
    ]) + "\n"


class FilterExperimentsConfig(Config):
    cache_dir = c.Type(str, default=".cache/filter-experiments")


class FilterExperimentsPlugin(BasePlugin[FilterExperimentsConfig]):
    """Answers the `filter-experiments` insert of kb/inserts."""

    insert_names = ("filter-experiments",)

    def render_insert(self, name: str, arguments: str, page: Page, config: MkDocsConfig) -> str:
        project_root = Path(config.config_file_path).parent
        cache_dir = project_root / self.config.cache_dir
        return render_experiments(cached_experiment_results(project_root, EXPERIMENT_PARAMETERS, cache_dir))
