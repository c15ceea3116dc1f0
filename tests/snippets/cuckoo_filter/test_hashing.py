from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.cuckoo_filter.hashing import (
    EMPTY_SLOT,
    MAX_FINGERPRINT_BITS,
    alternate_index,
    fingerprint_and_index,
    seed_key,
)
from tests.conftest import json_from_fresh_python

KEY = seed_key(0)
ITEMS = [f"item-{number}" for number in range(2000)]


@st.composite
def table_index_and_fingerprint(draw):
    index_bits = draw(st.integers(0, 30))
    index = draw(st.integers(0, 2**index_bits - 1))
    fingerprint = draw(st.integers(1, 2**MAX_FINGERPRINT_BITS - 1))
    return 2**index_bits, index, fingerprint


@settings(derandomize=True, max_examples=500)
@given(table_index_and_fingerprint())
def test_alternate_index_is_an_involution_inside_the_table(case):
    num_buckets, index, fingerprint = case
    alternate = alternate_index(index, fingerprint, num_buckets)
    assert 0 <= alternate < num_buckets
    assert alternate_index(alternate, fingerprint, num_buckets) == index


@pytest.mark.parametrize("fingerprint_bits", [1, 2, 3, 4])
def test_short_fingerprints_are_never_the_empty_marker_and_use_every_other_value(fingerprint_bits):
    counts = Counter(fingerprint_and_index(item, fingerprint_bits, 64, KEY)[0] for item in ITEMS)
    assert EMPTY_SLOT not in counts
    assert set(counts) == set(range(1, 2**fingerprint_bits))
    # Folding into 2^f - 1 values keeps them uniform: each within 25% of its share.
    share = len(ITEMS) / (2**fingerprint_bits - 1)
    assert all(abs(count - share) < 0.25 * share for count in counts.values())


def test_primary_indexes_cover_the_table():
    indexes = {fingerprint_and_index(item, 8, 16, KEY)[1] for item in ITEMS}
    assert indexes == set(range(16))


def test_str_is_hashed_as_its_utf8_bytes():
    assert fingerprint_and_index("布穀鳥", 12, 1024, KEY) == fingerprint_and_index(
        "布穀鳥".encode(), 12, 1024, KEY
    )


def test_another_seed_gives_other_hashes():
    with_seed_0 = [fingerprint_and_index(item, 16, 1024, seed_key(0)) for item in ITEMS[:50]]
    with_seed_1 = [fingerprint_and_index(item, 16, 1024, seed_key(1)) for item in ITEMS[:50]]
    assert with_seed_0 != with_seed_1


def test_hashes_are_identical_in_a_process_with_another_hash_seed():
    program = (
        "import json\n"
        "from snippets.cuckoo_filter.hashing import fingerprint_and_index, seed_key\n"
        f"items = {ITEMS[:100]!r}\n"
        "print(json.dumps([fingerprint_and_index(i, 12, 1024, seed_key(7)) for i in items]))"
    )
    fresh = json_from_fresh_python(program, hash_seed=12345)
    here = [list(fingerprint_and_index(item, 12, 1024, seed_key(7))) for item in ITEMS[:100]]
    assert fresh == here


@pytest.mark.parametrize("item", [42, None, 3.5, bytearray(b"x"), ["a"]])
def test_items_other_than_str_or_bytes_raise_type_error(item):
    with pytest.raises(TypeError, match="must be str or bytes"):
        fingerprint_and_index(item, 8, 16, KEY)


@pytest.mark.parametrize("seed", [-1, 2**64, "0", 1.0])
def test_seeds_outside_64_bits_raise_value_error(seed):
    with pytest.raises(ValueError, match="seed"):
        seed_key(seed)
