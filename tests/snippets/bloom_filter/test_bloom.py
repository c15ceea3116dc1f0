import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.bloom_filter import BloomFilter
from snippets.bloom_filter.bloom import bit_positions, optimal_num_bits, optimal_num_hashes
from tests.conftest import json_from_fresh_python

items = st.lists(st.one_of(st.text(max_size=30), st.binary(max_size=30)), max_size=100)


@pytest.mark.parametrize(
    ("capacity", "error_rate", "num_bits", "num_hashes"),
    [
        (1000, 0.01, 9586, 7),  # the textbook case: 9.59 bits per item, 7 hashes
        (1_000_000, 0.001, 14_377_588, 10),
        (100, 0.5, 145, 1),
        (10, 0.9, 3, 1),  # (m/n) ln 2 = 0.21 rounds to 0: at least one hash
    ],
)
def test_optimal_parameters_for_known_cases(capacity, error_rate, num_bits, num_hashes):
    assert optimal_num_bits(capacity, error_rate) == num_bits
    assert optimal_num_hashes(num_bits, capacity) == num_hashes
    bloom = BloomFilter(capacity, error_rate)
    assert (bloom.num_bits, bloom.num_hashes) == (num_bits, num_hashes)


def test_bits_per_item_are_1_44_log2_of_one_over_the_rate():
    for error_rate in (0.1, 0.01, 0.001):
        bits_per_item = optimal_num_bits(100_000, error_rate) / 100_000
        assert bits_per_item == pytest.approx(1.44 * math.log2(1 / error_rate), rel=0.002)


def test_the_bit_array_is_a_bytearray_of_m_bits_rounded_up_to_bytes():
    bloom = BloomFilter(1000, 0.01)
    assert isinstance(bloom._bits, bytearray)
    assert len(bloom._bits) == math.ceil(9586 / 8)


@settings(derandomize=True, max_examples=100)
@given(members=items)
def test_added_items_are_always_found(members):
    bloom = BloomFilter(max(1, len(members)), 0.05)
    for member in members:
        bloom.add(member)
    assert all(member in bloom for member in members)


@pytest.mark.parametrize("error_rate", [0.1, 0.01])
def test_measured_false_positive_rate_is_close_to_theory(error_rate):
    capacity, queries = 5000, 40_000
    bloom = BloomFilter(capacity, error_rate)
    for number in range(capacity):
        bloom.add(f"member-{number}")
    rate = sum(f"absent-{number}" in bloom for number in range(queries)) / queries
    theory = (1 - math.exp(-bloom.num_hashes * capacity / bloom.num_bits)) ** bloom.num_hashes
    # Binomial count of false positives: 4 standard deviations, plus 10% of the rate for
    # double hashing and rounding k, which the formula ignores.
    tolerance = 4 * math.sqrt(theory * (1 - theory) / queries) + 0.1 * theory
    assert abs(rate - theory) <= tolerance
    assert theory == pytest.approx(error_rate, rel=0.15)


def test_double_hashing_gives_k_positions_inside_the_array():
    positions = list(bit_positions("布穀鳥", 101, 7))
    assert len(positions) == 7
    assert all(0 <= position < 101 for position in positions)
    assert positions == list(bit_positions("布穀鳥".encode(), 101, 7))


def test_bit_positions_are_identical_in_a_process_with_another_hash_seed():
    program = (
        "import json\n"
        "from snippets.bloom_filter.bloom import bit_positions\n"
        "print(json.dumps([list(bit_positions(f'item-{n}', 9586, 7)) for n in range(50)]))"
    )
    fresh = json_from_fresh_python(program, hash_seed=4242)
    assert fresh == [list(bit_positions(f"item-{n}", 9586, 7)) for n in range(50)]


@pytest.mark.parametrize(
    ("capacity", "error_rate", "named"),
    [(0, 0.01, "capacity"), (-3, 0.01, "capacity"), (10, 0, "error_rate"), (10, 1, "error_rate"),
     (10, 1.5, "error_rate"), (10, -0.1, "error_rate")],
)
def test_bad_arguments_raise_value_error_naming_the_argument(capacity, error_rate, named):
    with pytest.raises(ValueError, match=named):
        BloomFilter(capacity, error_rate)


@pytest.mark.parametrize(("capacity", "error_rate", "named"), [(10.0, 0.1, "capacity"), (10, "0.1", "error_rate")])
def test_arguments_of_the_wrong_type_raise_type_error(capacity, error_rate, named):
    with pytest.raises(TypeError, match=named):
        BloomFilter(capacity, error_rate)


@pytest.mark.parametrize("operation", ["add", "__contains__"])
@pytest.mark.parametrize("bad_item", [42, None, bytearray(b"x")])
def test_items_other_than_str_or_bytes_raise_type_error(operation, bad_item):
    with pytest.raises(TypeError, match="str or bytes"):
        getattr(BloomFilter(10, 0.1), operation)(bad_item)
