import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from snippets.bloom_filter import BloomFilter, CountingBloomFilter


def test_counters_are_sized_like_the_bloom_filter_for_the_same_rate():
    counting, bloom = CountingBloomFilter(1000, 0.01), BloomFilter(1000, 0.01)
    assert (counting.num_counters, counting.num_hashes) == (bloom.num_bits, bloom.num_hashes)


@settings(derandomize=True, max_examples=100)
@given(
    members=st.sets(st.integers(0, 10_000), max_size=100),
    removed=st.sets(st.integers(0, 10_000), max_size=100),
)
def test_removing_other_items_leaves_no_false_negatives(members, removed):
    removed -= members
    counting = CountingBloomFilter(max(1, len(members | removed)), 0.01)
    for number in members | removed:
        counting.add(f"item-{number}")
    for number in removed:
        assert counting.remove(f"item-{number}")
    assert all(f"item-{number}" in counting for number in members)


def test_removed_items_are_gone_apart_from_false_positives():
    counting = CountingBloomFilter(2000, 0.01)
    for number in range(2000):
        counting.add(f"item-{number}")
    for number in range(1000):
        counting.remove(f"item-{number}")
    still_found = sum(f"item-{number}" in counting for number in range(1000))
    assert still_found < 0.03 * 1000  # false positives at about 0.5% once half are gone


def test_removing_an_absent_item_returns_false_and_changes_nothing():
    counting = CountingBloomFilter(100, 0.01)
    for number in range(50):
        counting.add(f"item-{number}")
    before = [counting.counter_values(f"item-{number}") for number in range(50)]
    absent = next(f"absent-{n}" for n in range(1000) if 0 in counting.counter_values(f"absent-{n}"))
    assert not counting.remove(absent)
    assert [counting.counter_values(f"item-{number}") for number in range(50)] == before


def test_counters_saturate_at_2_to_the_bits_minus_1_and_never_wrap():
    counting = CountingBloomFilter(100, 0.01, counter_bits=4)
    for _ in range(15):
        counting.add("hot")
    assert set(counting.counter_values("hot")) == {15}
    counting.add("hot")  # a 4-bit counter that wrapped would read 0 here
    assert set(counting.counter_values("hot")) == {15}
    assert "hot" in counting


def test_saturated_counters_are_never_decremented():
    counting = CountingBloomFilter(100, 0.01, counter_bits=2)
    for _ in range(5):  # 5 adds, but 2-bit counters stop at 3
        counting.add("hot")
    # The true count is unknown once saturated, so removes leave the counters at 3:
    # a harmless false positive later, never a false negative.
    assert all(counting.remove("hot") for _ in range(5))
    assert set(counting.counter_values("hot")) == {3}
    assert "hot" in counting


def test_counters_below_saturation_count_up_and_down():
    counting = CountingBloomFilter(100, 0.01)
    counting.add("twice")
    counting.add("twice")
    assert set(counting.counter_values("twice")) == {2}
    assert counting.remove("twice")
    assert set(counting.counter_values("twice")) == {1}
    assert counting.remove("twice")
    assert "twice" not in counting
    assert not counting.remove("twice")


@pytest.mark.parametrize(
    ("arguments", "named"),
    [((0, 0.01), "capacity"), ((10, 1.0), "error_rate"), ((10, 0.01, 0), "counter_bits"), ((10, 0.01, 9), "counter_bits")],
)
def test_bad_arguments_raise_value_error_naming_the_argument(arguments, named):
    with pytest.raises(ValueError, match=named):
        CountingBloomFilter(*arguments)


@pytest.mark.parametrize("operation", ["add", "remove", "__contains__"])
def test_items_other_than_str_or_bytes_raise_type_error(operation):
    with pytest.raises(TypeError, match="str or bytes"):
        getattr(CountingBloomFilter(10, 0.1), operation)(42)
