import math
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.cuckoo_filter import CuckooFilter
from snippets.cuckoo_filter.hashing import alternate_index, fingerprint_and_index
from tests.conftest import REPO_ROOT

# ("insert", n) inserts item n; ("delete", n) deletes it if the model holds it.
# Two inserts to one delete, so the small filters below fill up.
operations = st.lists(
    st.tuples(st.sampled_from(("insert", "insert", "delete")), st.integers(0, 40)),
    min_size=10,
    max_size=150,
)


def item(number: int) -> str:
    return f"item-{number}"


def fill_until_first_failure(cuckoo: CuckooFilter, prefix: str = "member") -> list[str]:
    stored = []
    while cuckoo.insert(candidate := f"{prefix}-{len(stored)}"):
        stored.append(candidate)
    return stored


@settings(derandomize=True, max_examples=300, deadline=None)
@given(
    operations=operations,
    bucket_size=st.sampled_from([1, 2, 4]),
    fingerprint_bits=st.sampled_from([3, 6, 12]),
    seed=st.integers(0, 3),
)
def test_random_inserts_and_deletes_have_no_false_negatives(operations, bucket_size, fingerprint_bits, seed):
    # 16 slots for up to 41 distinct items, some repeated: kicks, a victim and failures all happen.
    cuckoo = CuckooFilter(16, bucket_size=bucket_size, fingerprint_bits=fingerprint_bits, max_kicks=20, seed=seed)
    model = Counter()
    for operation, number in operations:
        if operation == "insert":
            was_full = cuckoo.is_full
            stored = cuckoo.insert(item(number))
            assert stored is not was_full  # False exactly when the filter was already full
            model[item(number)] += stored
        elif model[item(number)]:
            assert cuckoo.delete(item(number))
            model[item(number)] -= 1
        assert len(cuckoo) == model.total()
        assert all(member in cuckoo for member, copies in model.items() if copies)


@pytest.mark.parametrize("fingerprint_bits", [4, 8, 12])
def test_false_positive_rate_is_within_the_bound_2b_over_2_to_the_f(fingerprint_bits):
    cuckoo = CuckooFilter(4096, fingerprint_bits=fingerprint_bits, seed=1)
    fill_until_first_failure(cuckoo)
    queries = 20_000
    false_positives = sum(f"absent-{number}" in cuckoo for number in range(queries))
    rate = false_positives / queries
    bound = 2 * cuckoo.bucket_size / 2**fingerprint_bits
    # The count of false positives is about binomial(queries, rate): 4 standard deviations
    # of slack above the bound fail a correct filter for fewer than 1 seed in 10,000.
    slack = 4 * math.sqrt(bound * (1 - bound) / queries)
    assert rate <= bound + slack
    # A full table does collide: at about 95% load the rate is near 0.8 to 0.95 of the bound.
    assert rate >= bound / 2


def test_bucket_size_4_reaches_94_percent_load_before_the_first_failure():
    cuckoo = CuckooFilter(2**14, bucket_size=4, fingerprint_bits=16, seed=2)
    fill_until_first_failure(cuckoo)
    assert cuckoo.load_factor >= 0.94  # the paper reports about 95%


def test_a_failed_insert_changes_nothing_and_every_earlier_item_is_found():
    cuckoo = CuckooFilter(64, fingerprint_bits=16, max_kicks=50, seed=3)
    stored = fill_until_first_failure(cuckoo)
    assert cuckoo.is_full
    assert len(cuckoo) == len(stored)
    assert all(member in cuckoo for member in stored)
    assert not cuckoo.insert("one more")
    assert len(cuckoo) == len(stored)
    assert all(member in cuckoo for member in stored)


def test_deleting_from_a_full_filter_reinserts_the_victim():
    cuckoo = CuckooFilter(64, fingerprint_bits=16, max_kicks=50, seed=3)
    stored = fill_until_first_failure(cuckoo)
    for deleted, member in enumerate(stored[:8], start=1):
        assert cuckoo.delete(member)
        assert len(cuckoo) == len(stored) - deleted
        assert all(kept in cuckoo for kept in stored[deleted:])
    assert not cuckoo.is_full
    assert cuckoo.insert("fits again")


def test_one_item_saturates_at_2b_copies_then_the_victim_then_fails():
    cuckoo = CuckooFilter(1024, bucket_size=4, seed=4)
    fingerprint, index = fingerprint_and_index("same", 8, cuckoo.num_buckets, cuckoo._key)
    assert alternate_index(index, fingerprint, cuckoo.num_buckets) != index  # two distinct buckets
    # 2b copies fill both buckets. Copy 2b + 1 kicks a copy back and forth until it runs
    # out of kicks and parks the copy in the victim slot: stored, so True, as the
    # authors' Add returns Ok. From then on the filter is full: copy 2b + 2 fails.
    assert [cuckoo.insert("same") for _ in range(2 * 4 + 2)] == [True] * 9 + [False]
    assert len(cuckoo) == 9
    assert cuckoo.is_full
    # Deleting one copy frees a slot in one of the item's buckets; the victim takes it.
    assert cuckoo.delete("same")
    assert not cuckoo.is_full
    assert len(cuckoo) == 8
    assert [cuckoo.delete("same") for _ in range(9)] == [True] * 8 + [False]
    assert "same" not in cuckoo


POST = "docs/blog/posts/cuckoo-filter.md"


@pytest.mark.parametrize("bucket_size", [1, 2, 4, 8])
def test_one_item_inserted_2b_plus_1_times_makes_the_filter_refuse_everything(bucket_size):
    """What the post's 缺點與限制 says, for each b: 2b + 1 copies fit, then every insert fails until a delete."""
    cuckoo = CuckooFilter(4096, bucket_size=bucket_size, fingerprint_bits=12, seed=1)
    fingerprint, index = fingerprint_and_index("same", 12, cuckoo.num_buckets, cuckoo._key)
    assert alternate_index(index, fingerprint, cuckoo.num_buckets) != index
    copies = 2 * bucket_size + 1
    assert [cuckoo.insert("same") for _ in range(copies + 1)] == [True] * copies + [False]
    assert cuckoo.load_factor < 0.01  # the table is almost empty, and still refuses
    assert not cuckoo.insert("another item")
    assert cuckoo.delete("same")
    assert cuckoo.insert("another item")


def test_the_post_states_the_limit_the_code_has():
    text = (REPO_ROOT / POST).read_text("utf-8")
    assert "第 $2b+1$ 次插入" in text and "不論插入什麼元素都會失敗" in text and "上限是 $b+1$ 次" in text


def test_load_factor_counts_stored_fingerprints_and_the_victim():
    cuckoo = CuckooFilter(1, bucket_size=4)  # one bucket: both candidates are the same
    assert [cuckoo.insert(item(number)) for number in range(6)] == [True] * 5 + [False]
    assert len(cuckoo) == 5
    assert cuckoo.load_factor == 5 / 4
    assert cuckoo.table_load_factor == 4 / 4  # the table's own slots, the victim left out


def test_when_both_buckets_are_one_the_same_item_fits_b_plus_1_times():
    cuckoo = CuckooFilter(1, bucket_size=4)  # one bucket: i1 = i2
    assert [cuckoo.insert("same") for _ in range(6)] == [True] * 5 + [False]


@pytest.mark.parametrize(
    ("capacity", "bucket_size", "num_buckets"),
    [(1, 4, 1), (4, 4, 1), (5, 4, 2), (1000, 4, 256), (1024, 4, 256), (1025, 4, 512), (100, 1, 128), (7, 8, 1)],
)
def test_num_buckets_is_the_next_power_of_two_of_capacity_over_bucket_size(capacity, bucket_size, num_buckets):
    assert CuckooFilter(capacity, bucket_size=bucket_size).num_buckets == num_buckets


def test_str_and_its_utf8_bytes_are_the_same_item():
    cuckoo = CuckooFilter(100, fingerprint_bits=32)
    cuckoo.insert("布穀鳥")
    assert "布穀鳥".encode() in cuckoo
    assert cuckoo.delete("布穀鳥".encode())
    assert "布穀鳥" not in cuckoo


def test_deleting_an_item_never_inserted_removes_nothing_without_a_collision():
    cuckoo = CuckooFilter(1000, fingerprint_bits=32)  # 32-bit fingerprints: no collisions here
    members = [item(number) for number in range(900)]
    for member in members:
        cuckoo.insert(member)
    assert not any(cuckoo.delete(f"absent-{number}") for number in range(1000))
    assert len(cuckoo) == len(members)


def test_deleting_a_false_positive_removes_the_colliding_item():
    # The documented hazard: an absent item whose fingerprint collides deletes another's copy.
    cuckoo = CuckooFilter(64, fingerprint_bits=4, seed=5)
    members = [item(number) for number in range(40)]
    for member in members:
        cuckoo.insert(member)
    false_positive = next(f"absent-{n}" for n in range(10_000) if f"absent-{n}" in cuckoo)
    assert cuckoo.delete(false_positive)
    assert len(cuckoo) == len(members) - 1


def test_the_same_seed_gives_the_same_answers():
    def false_positives(seed: int) -> list[int]:
        cuckoo = CuckooFilter(256, fingerprint_bits=6, seed=seed)
        fill_until_first_failure(cuckoo)
        return [n for n in range(3000) if f"absent-{n}" in cuckoo]

    assert false_positives(9) == false_positives(9)
    assert false_positives(9) != false_positives(10)


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"capacity": 0}, "capacity"),
        ({"capacity": -5}, "capacity"),
        ({"capacity": 10, "bucket_size": 0}, "bucket_size"),
        ({"capacity": 10, "fingerprint_bits": 0}, "fingerprint_bits"),
        ({"capacity": 10, "fingerprint_bits": 33}, "fingerprint_bits"),
        ({"capacity": 10, "max_kicks": -1}, "max_kicks"),
        ({"capacity": 10, "seed": -1}, "seed"),
        ({"capacity": 10, "seed": 2**64}, "seed"),
    ],
)
def test_bad_arguments_raise_value_error_naming_the_argument(arguments, named):
    with pytest.raises(ValueError, match=named):
        CuckooFilter(**arguments)


@pytest.mark.parametrize("arguments", [{"capacity": 1.5}, {"capacity": "10"}, {"capacity": 10, "bucket_size": 2.0}])
def test_arguments_of_the_wrong_type_raise_type_error(arguments):
    with pytest.raises(TypeError, match=next(reversed(arguments))):
        CuckooFilter(**arguments)


@pytest.mark.parametrize("operation", ["insert", "delete", "__contains__"])
@pytest.mark.parametrize("bad_item", [42, None, bytearray(b"x")])
def test_items_other_than_str_or_bytes_raise_type_error(operation, bad_item):
    with pytest.raises(TypeError, match="str or bytes"):
        getattr(CuckooFilter(10), operation)(bad_item)
