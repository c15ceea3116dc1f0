"""Benchmark the site's filters against pyprobables on one seeded workload.

    python scripts/bench_filters.py           # print a Markdown table
    python scripts/bench_filters.py --write   # also put it into README.md

Every filter inserts the same random strings, then looks up those strings and
as many strings that were never inserted. The Bloom filters are built for the
false-positive rate our cuckoo filters measured, so rows compare at equal
rates. Bits per item is each structure's designed size (fingerprint bits times
slots, m bits, counter bits times m), without Python's object overhead.
"""
from __future__ import annotations

import argparse
import datetime
import gc
import importlib.metadata
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from probables import BloomFilter as ProbablesBloomFilter
from probables import CountingBloomFilter as ProbablesCountingBloomFilter
from probables import CuckooFilter as ProbablesCuckooFilter
from probables.exceptions import CuckooFilterFullError

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: import snippets/

from snippets.bloom_filter import BloomFilter, CountingBloomFilter  # noqa: E402
from snippets.cuckoo_filter import CuckooFilter  # noqa: E402
from scripts.readme_block import write_block  # noqa: E402

README = REPO_ROOT / "README.md"
START_MARKER = "<!-- bench-filters:start -->"
END_MARKER = "<!-- bench-filters:end -->"
DEFAULT_ITEMS = 100_000
DEFAULT_SEED = 2014
ITEM_BYTES = 8  # random strings of 16 hex digits
BUCKET_SIZE = 4
MAX_KICKS = 500
COUNTER_BITS = 4  # ours; pyprobables' counters are 32-bit
PROBABLES_COUNTER_BITS = 32
BITS_PER_BYTE = 8


@dataclass(frozen=True)
class Workload:
    members: list[str]
    absent: list[str]  # disjoint from members


@dataclass(frozen=True)
class Measurement:
    library: str
    filter: str
    settings: str
    inserts_per_second: float
    lookups_per_second: float
    bits_per_item: float
    false_positive_rate: float
    false_negatives: int
    stored: int | None  # fingerprints a cuckoo filter holds; None for Bloom filters


def seeded_workload(items: int, seed: int) -> Workload:
    rng = random.Random(seed)
    seen: set[str] = set()
    strings: list[str] = []
    while len(strings) < 2 * items:
        candidate = rng.randbytes(ITEM_BYTES).hex()
        if candidate not in seen:
            seen.add(candidate)
            strings.append(candidate)
    return Workload(members=strings[:items], absent=strings[items:])


def measure(
    workload: Workload,
    *,
    library: str,
    name: str,
    settings: str,
    add: Callable[[str], object],
    contains: Callable[[str], bool],
    size_bits: Callable[[], int],
    stored: Callable[[], int] | None = None,
) -> Measurement:
    """Time inserting every member, then looking up every member and absent item."""
    gc.collect()
    start = time.perf_counter()
    for item in workload.members:
        add(item)
    inserted = time.perf_counter()
    false_negatives = sum(1 for item in workload.members if not contains(item))
    false_positives = sum(1 for item in workload.absent if contains(item))
    looked_up = time.perf_counter()
    lookups = len(workload.members) + len(workload.absent)
    return Measurement(
        library=library,
        filter=name,
        settings=settings,
        inserts_per_second=len(workload.members) / (inserted - start),
        lookups_per_second=lookups / (looked_up - inserted),
        bits_per_item=size_bits() / len(workload.members),
        false_positive_rate=false_positives / len(workload.absent),
        false_negatives=false_negatives,
        stored=stored() if stored else None,
    )


def our_cuckoo(workload: Workload, fingerprint_bits: int, seed: int) -> Measurement:
    cuckoo = CuckooFilter(
        len(workload.members), bucket_size=BUCKET_SIZE, fingerprint_bits=fingerprint_bits,
        max_kicks=MAX_KICKS, seed=seed,
    )
    return measure(
        workload, library="本站", name="CuckooFilter",
        settings=f"f = {fingerprint_bits}, b = {BUCKET_SIZE}, {cuckoo.num_buckets:,} 桶",
        add=cuckoo.insert, contains=cuckoo.__contains__,
        size_bits=lambda: fingerprint_bits * cuckoo.num_buckets * BUCKET_SIZE,
        stored=cuckoo.__len__,
    )


def probables_cuckoo(workload: Workload, fingerprint_bytes: int, num_buckets: int, seed: int) -> Measurement:
    random.seed(seed)  # pyprobables picks whom to kick with the global random module
    cuckoo = ProbablesCuckooFilter(
        capacity=num_buckets, bucket_size=BUCKET_SIZE, max_swaps=MAX_KICKS,
        finger_size=fingerprint_bytes, auto_expand=False,
    )

    def add(item: str) -> None:
        try:
            cuckoo.add(item)
        except CuckooFilterFullError:
            pass  # counted through `stored`

    return measure(
        workload, library="pyprobables", name="CuckooFilter",
        settings=f"f = {cuckoo.fingerprint_size_bits}, b = {BUCKET_SIZE}, {num_buckets:,} 桶",
        add=add, contains=cuckoo.check,
        size_bits=lambda: cuckoo.fingerprint_size_bits * num_buckets * BUCKET_SIZE,
        stored=lambda: cuckoo.elements_added,
    )


def bloom_family(workload: Workload, error_rate: float) -> list[Measurement]:
    """Ours and pyprobables' Bloom and counting Bloom filters, all built for error_rate."""
    items = len(workload.members)
    bloom = BloomFilter(items, error_rate)
    counting = CountingBloomFilter(items, error_rate, counter_bits=COUNTER_BITS)
    probables_bloom = ProbablesBloomFilter(est_elements=items, false_positive_rate=error_rate)
    probables_counting = ProbablesCountingBloomFilter(est_elements=items, false_positive_rate=error_rate)
    rate = f"ε = {error_rate:.3%}"
    return [
        measure(
            workload, library="本站", name="BloomFilter",
            settings=f"{rate}, k = {bloom.num_hashes}",
            add=bloom.add, contains=bloom.__contains__, size_bits=lambda: bloom.num_bits,
        ),
        measure(
            workload, library="pyprobables", name="BloomFilter",
            settings=f"{rate}, k = {probables_bloom.number_hashes}",
            add=probables_bloom.add, contains=probables_bloom.check,
            size_bits=lambda: probables_bloom.number_bits,
        ),
        measure(
            workload, library="本站", name="CountingBloomFilter",
            settings=f"{rate}, k = {counting.num_hashes}, {COUNTER_BITS} 位元計數器",
            add=counting.add, contains=counting.__contains__,
            size_bits=lambda: counting.num_counters * COUNTER_BITS,
        ),
        measure(
            workload, library="pyprobables", name="CountingBloomFilter",
            settings=f"{rate}, k = {probables_counting.number_hashes}, {PROBABLES_COUNTER_BITS} 位元計數器",
            add=probables_counting.add, contains=probables_counting.check,
            size_bits=lambda: probables_counting.number_bits * PROBABLES_COUNTER_BITS,
        ),
    ]


def run_benchmark(items: int, seed: int) -> list[Measurement]:
    workload = seeded_workload(items, seed)
    cuckoo_8 = our_cuckoo(workload, 8, seed)
    cuckoo_12 = our_cuckoo(workload, 12, seed)
    num_buckets = CuckooFilter(items, bucket_size=BUCKET_SIZE).num_buckets
    return [
        cuckoo_8,
        cuckoo_12,
        # pyprobables sizes fingerprints in whole bytes: 8 bits, and 16 as the nearest to 12.
        probables_cuckoo(workload, 1, num_buckets, seed),
        probables_cuckoo(workload, 2, num_buckets, seed),
        *bloom_family(workload, cuckoo_8.false_positive_rate),
        *bloom_family(workload, cuckoo_12.false_positive_rate),
    ]


def render_table(measurements: list[Measurement]) -> str:
    header = ["實作", "過濾器", "設定", "插入／秒", "查詢／秒", "位元／元素", "實測誤判率", "漏報", "已存指紋"]
    lines = [header, ["---", "---", "---", "---:", "---:", "---:", "---:", "---:", "---:"]]
    for row in measurements:
        lines.append([
            row.library,
            row.filter,
            row.settings,
            f"{row.inserts_per_second:,.0f}",
            f"{row.lookups_per_second:,.0f}",
            f"{row.bits_per_item:.2f}",
            f"{row.false_positive_rate:.3%}",
            str(row.false_negatives),
            "—" if row.stored is None else f"{row.stored:,}",
        ])
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def render_report(measurements: list[Measurement], items: int, seed: int) -> str:
    machine = (
        f"量測於 {datetime.date.today().isoformat()}，Python {platform.python_version()}，"
        f"{os.cpu_count()} 核心，pyprobables {importlib.metadata.version('pyprobables')}；"
        f"插入 {items:,} 個隨機字串、查詢它們與另外 {items:,} 個不在集合中的字串，亂數種子 {seed}。"
    )
    return f"{machine}\n\n{render_table(measurements)}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"replace the table in {README.name}")
    parser.add_argument("--items", type=int, default=DEFAULT_ITEMS, help="strings inserted (and absent ones queried)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    arguments = parser.parse_args(argv)
    report = render_report(run_benchmark(arguments.items, arguments.seed), arguments.items, arguments.seed)
    print(report)
    if arguments.write:
        write_block(README, report, START_MARKER, END_MARKER)
        print(f"updated {README}")


if __name__ == "__main__":
    main()
