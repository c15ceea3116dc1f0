"""Seeded experiments behind the numbers in docs/blog/posts/cuckoo-filter.md.

Pure functions of their parameters: the same parameters give the same numbers
in every process. kb/content/filter_experiments.py runs `python -m
snippets.cuckoo_filter.experiments PARAMETERS_JSON` and renders the JSON.

- false_positive_rates: fill a cuckoo filter until its first failed insert,
  then look up items never inserted; beside each rate, the bound 2b / 2^f.
- load_factors: per bucket size and table size, the table's load when an insert
  first runs out of kicks (the victim slot left out), for several seeds.
- space: bits per item of the cuckoo filter, f / load, against a Bloom filter
  at the cuckoo's measured rate: 1.44 log2(1/rate) in theory, m / n as built.
"""
from __future__ import annotations

import dataclasses
import itertools
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from snippets.bloom_filter.bloom import BloomFilter
from snippets.cuckoo_filter.filter import CuckooFilter

# Load before the first failed insert as the paper reports it, by bucket size.
PAPER_LOAD_FACTORS = {1: 0.50, 2: 0.84, 4: 0.95, 8: 0.98}


@dataclass(frozen=True)
class ExperimentParameters:
    seed: int
    table_slots: int  # slots per cuckoo table: num_buckets * bucket_size
    queries: int  # items never inserted, looked up per measured rate
    fingerprint_bits: tuple[int, ...]  # rows of the false-positive and space tables
    bucket_size: int  # b of the false-positive and space tables
    load_bucket_sizes: tuple[int, ...]  # rows of the load-factor table
    load_table_slots: tuple[int, ...]  # its columns: slots per table
    load_seeds: int  # tables filled per cell, with seeds seed, seed + 1, ...
    load_fingerprint_bits: int  # f of the load-factor table
    max_kicks: int

    @classmethod
    def from_dict(cls, data: dict) -> ExperimentParameters:
        return cls(**{
            key: tuple(value) if isinstance(value, list) else value for key, value in data.items()
        })


@dataclass(frozen=True)
class FalsePositiveRow:
    fingerprint_bits: int
    bucket_size: int
    items: int  # stored before the first failed insert
    load_factor: float
    false_positives: int
    queries: int
    measured_rate: float
    bound: float  # 2b / 2^f


@dataclass(frozen=True)
class LoadFactorRow:
    bucket_size: int
    fingerprint_bits: int
    slots: int
    seeds: tuple[int, ...]
    table_loads: tuple[float, ...]  # per seed: filled slots / slots when the victim slot was first needed
    paper_load_factor: float


@dataclass(frozen=True)
class SpaceRow:
    fingerprint_bits: int
    false_positive_rate: float  # the cuckoo filter's measured rate
    cuckoo_bits_per_item: float  # f / load factor
    bloom_bits_per_item_theory: float  # log2(1 / rate) / ln 2, about 1.44 log2(1 / rate)
    bloom_bits_per_item_built: float  # m / n of a BloomFilter built for the rate
    bloom_measured_rate: float


@dataclass(frozen=True)
class ExperimentResults:
    parameters: ExperimentParameters
    false_positive_rates: tuple[FalsePositiveRow, ...]
    load_factors: tuple[LoadFactorRow, ...]
    space: tuple[SpaceRow, ...]

    def to_dict(self) -> dict:
        """Plain dicts, tuples and numbers, ready for json.dumps."""
        return dataclasses.asdict(self)


def member_items(seed: int) -> Iterator[str]:
    """Distinct items to insert, endless; disjoint from absent_items by their prefix."""
    index = 0
    while True:
        yield f"member-{seed}-{index}"
        index += 1


def absent_items(seed: int, count: int) -> Iterator[str]:
    return (f"absent-{seed}-{index}" for index in range(count))


def fill_until_first_failure(cuckoo: CuckooFilter, items: Iterable[str]) -> list[str]:
    """Insert items until an insert fails; return the stored ones."""
    stored = []
    for item in items:
        if not cuckoo.insert(item):
            return stored
        stored.append(item)
    return stored


def count_false_positives(contains: Callable[[str], bool], absent: Iterable[str]) -> int:
    return sum(1 for item in absent if contains(item))


def full_cuckoo_filter(
    parameters: ExperimentParameters,
    bucket_size: int,
    fingerprint_bits: int,
    *,
    slots: int | None = None,
    seed: int | None = None,
) -> tuple[CuckooFilter, list[str]]:
    """A filter filled until its first failed insert; by default of the false-positive table's size and seed."""
    seed = parameters.seed if seed is None else seed
    cuckoo = CuckooFilter(
        parameters.table_slots if slots is None else slots,
        bucket_size=bucket_size,
        fingerprint_bits=fingerprint_bits,
        max_kicks=parameters.max_kicks,
        seed=seed,
    )
    return cuckoo, fill_until_first_failure(cuckoo, member_items(seed))


def measure_false_positive_rates(parameters: ExperimentParameters) -> tuple[FalsePositiveRow, ...]:
    rows = []
    for bits in parameters.fingerprint_bits:
        cuckoo, stored = full_cuckoo_filter(parameters, parameters.bucket_size, bits)
        false_positives = count_false_positives(
            cuckoo.__contains__, absent_items(parameters.seed, parameters.queries)
        )
        rows.append(FalsePositiveRow(
            fingerprint_bits=bits,
            bucket_size=parameters.bucket_size,
            items=len(stored),
            load_factor=cuckoo.load_factor,
            false_positives=false_positives,
            queries=parameters.queries,
            measured_rate=false_positives / parameters.queries,
            bound=2 * parameters.bucket_size / 2**bits,
        ))
    return tuple(rows)


def measure_load_factors(parameters: ExperimentParameters) -> tuple[LoadFactorRow, ...]:
    """One row per bucket size and table size: the table's load at its first failure, per seed."""
    seeds = tuple(range(parameters.seed, parameters.seed + parameters.load_seeds))
    rows = []
    for bucket_size in parameters.load_bucket_sizes:
        for slots in parameters.load_table_slots:
            loads = []
            for seed in seeds:
                cuckoo, _ = full_cuckoo_filter(
                    parameters, bucket_size, parameters.load_fingerprint_bits, slots=slots, seed=seed
                )
                loads.append(cuckoo.table_load_factor)
            rows.append(LoadFactorRow(
                bucket_size=bucket_size,
                fingerprint_bits=parameters.load_fingerprint_bits,
                slots=cuckoo.num_buckets * bucket_size,
                seeds=seeds,
                table_loads=tuple(loads),
                paper_load_factor=PAPER_LOAD_FACTORS[bucket_size],
            ))
    return tuple(rows)


def compare_space(
    parameters: ExperimentParameters, false_positive_rows: Iterable[FalsePositiveRow]
) -> tuple[SpaceRow, ...]:
    rows = []
    for row in false_positive_rows:
        if row.false_positives == 0:
            raise ValueError(
                f"no false positives among {row.queries} queries at f = {row.fingerprint_bits}: "
                "raise `queries` to measure the rate"
            )
        bloom = BloomFilter(row.items, row.measured_rate)
        for item in itertools.islice(member_items(parameters.seed), row.items):
            bloom.add(item)
        bloom_false_positives = count_false_positives(
            bloom.__contains__, absent_items(parameters.seed, parameters.queries)
        )
        rows.append(SpaceRow(
            fingerprint_bits=row.fingerprint_bits,
            false_positive_rate=row.measured_rate,
            cuckoo_bits_per_item=row.fingerprint_bits / row.load_factor,
            bloom_bits_per_item_theory=math.log2(1 / row.measured_rate) / math.log(2),
            bloom_bits_per_item_built=bloom.num_bits / row.items,
            bloom_measured_rate=bloom_false_positives / parameters.queries,
        ))
    return tuple(rows)


def run_experiments(parameters: ExperimentParameters) -> ExperimentResults:
    false_positive_rates = measure_false_positive_rates(parameters)
    return ExperimentResults(
        parameters=parameters,
        false_positive_rates=false_positive_rates,
        load_factors=measure_load_factors(parameters),
        space=compare_space(parameters, false_positive_rates),
    )


def main(argv: list[str]) -> None:
    """Print the results for the parameters given as one JSON object, as JSON."""
    if len(argv) != 1:
        fields = ", ".join(field.name for field in dataclasses.fields(ExperimentParameters))
        raise SystemExit(
            "usage: python -m snippets.cuckoo_filter.experiments PARAMETERS_JSON\n"
            f"  PARAMETERS_JSON: an object with the fields {fields}"
        )
    parameters = ExperimentParameters.from_dict(json.loads(argv[0]))
    print(json.dumps(run_experiments(parameters).to_dict()))


if __name__ == "__main__":
    main(sys.argv[1:])
