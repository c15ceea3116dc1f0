import dataclasses
import json
import math

import pytest

from snippets.cuckoo_filter.experiments import (
    PAPER_LOAD_FACTORS,
    ExperimentParameters,
    FalsePositiveRow,
    compare_space,
    full_cuckoo_filter,
    main,
    run_experiments,
)

SMALL = ExperimentParameters(
    seed=7,
    table_slots=1024,
    queries=4000,
    fingerprint_bits=(4, 8),
    bucket_size=4,
    load_bucket_sizes=(1, 4),
    load_table_slots=(256, 1024),
    load_seeds=2,
    load_fingerprint_bits=16,
    max_kicks=500,
)


@pytest.fixture(scope="module")
def results():
    return run_experiments(SMALL)


def test_results_survive_a_round_trip_through_json(results):
    data = json.loads(json.dumps(results.to_dict()))
    assert data["false_positive_rates"][0]["fingerprint_bits"] == 4
    assert ExperimentParameters.from_dict(data["parameters"]) == SMALL


def test_the_same_parameters_give_the_same_numbers(results):
    assert run_experiments(SMALL) == results


def test_every_measured_rate_is_near_or_below_its_bound(results):
    for row in results.false_positive_rates:
        assert row.bound == 2 * row.bucket_size / 2**row.fingerprint_bits
        assert row.measured_rate == row.false_positives / row.queries
        assert row.bound / 2 <= row.measured_rate <= 1.2 * row.bound


def test_bigger_buckets_fill_fuller(results):
    for slots in SMALL.load_table_slots:
        loads = {row.bucket_size: row.table_loads for row in results.load_factors if row.slots == slots}
        assert max(loads[1]) < 0.7 < 0.9 < min(loads[4])
    assert all(row.paper_load_factor == PAPER_LOAD_FACTORS[row.bucket_size] for row in results.load_factors)


def test_each_cell_fills_a_table_per_seed_and_leaves_the_victim_out(results):
    assert [(row.bucket_size, row.slots) for row in results.load_factors] == [(1, 256), (1, 1024), (4, 256), (4, 1024)]
    for row in results.load_factors:
        assert row.seeds == (7, 8)
        cuckoo, _ = full_cuckoo_filter(SMALL, row.bucket_size, row.fingerprint_bits, slots=row.slots, seed=8)
        assert cuckoo.is_full  # the fill stopped because the victim slot was taken
        assert row.table_loads[1] == cuckoo.table_load_factor == (len(cuckoo) - 1) / row.slots


def test_space_rows_follow_from_the_measured_rates(results):
    for fpr, space in zip(results.false_positive_rates, results.space, strict=True):
        assert space.false_positive_rate == fpr.measured_rate
        assert space.cuckoo_bits_per_item == pytest.approx(fpr.fingerprint_bits / fpr.load_factor)
        assert space.bloom_bits_per_item_theory == pytest.approx(
            1.44 * math.log2(1 / fpr.measured_rate), rel=0.01
        )
        assert space.bloom_bits_per_item_built == pytest.approx(space.bloom_bits_per_item_theory, rel=0.01)


def test_a_rate_measured_as_zero_is_refused():
    row = FalsePositiveRow(
        fingerprint_bits=30, bucket_size=4, items=10, load_factor=0.9,
        false_positives=0, queries=100, measured_rate=0.0, bound=8 / 2**30,
    )
    with pytest.raises(ValueError, match="raise `queries`"):
        compare_space(SMALL, [row])


def test_main_prints_the_results_as_json(capsys):
    tiny = dataclasses.replace(
        SMALL, table_slots=64, queries=500, load_bucket_sizes=(4,), load_table_slots=(64,), load_seeds=1
    )
    main([json.dumps(dataclasses.asdict(tiny))])
    assert json.loads(capsys.readouterr().out)["parameters"]["table_slots"] == 64
