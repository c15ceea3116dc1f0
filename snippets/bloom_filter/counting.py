"""A counting Bloom filter: small saturating counters instead of bits, so items can be removed.

Semantics:
- add increments the item's k counters; a counter stops at 2^counter_bits - 1
  (saturated) and never wraps around to 0, which would cause false negatives;
- remove of an item that is certainly absent (one of its counters is 0)
  returns False and changes nothing; otherwise it decrements the counters that
  are not saturated and returns True;
- a saturated counter is never decremented: more adds reached it than it can
  count, so its true count is unknown, and lowering it could make a later
  lookup miss an item that is still there. It stays a (harmless) 1 forever;
- as with any counting filter, remove only items you added: removing a false
  positive decrements other items' counters and can make them disappear.
"""
from __future__ import annotations

from snippets.bloom_filter.bloom import (
    Item,
    bit_positions,
    check_capacity_and_error_rate,
    optimal_num_bits,
    optimal_num_hashes,
)

DEFAULT_COUNTER_BITS = 4  # overflows with probability below m * 2^-48 (Fan et al. 2000)
MAX_COUNTER_BITS = 8  # one counter per byte of a bytearray


class CountingBloomFilter:
    """A Bloom filter of counters, sized like BloomFilter for the same capacity and rate."""

    def __init__(
        self, capacity: int, error_rate: float, counter_bits: int = DEFAULT_COUNTER_BITS
    ) -> None:
        check_capacity_and_error_rate(capacity, error_rate)
        if isinstance(counter_bits, bool) or not isinstance(counter_bits, int):
            raise TypeError(f"counter_bits must be an integer, got {type(counter_bits).__name__}")
        if not 1 <= counter_bits <= MAX_COUNTER_BITS:
            raise ValueError(f"counter_bits must be in 1 .. {MAX_COUNTER_BITS}, got {counter_bits}")
        self.capacity, self.error_rate, self.counter_bits = capacity, error_rate, counter_bits
        self.num_counters = optimal_num_bits(capacity, error_rate)
        self.num_hashes = optimal_num_hashes(self.num_counters, capacity)
        self.saturated = (1 << counter_bits) - 1
        self._counters = bytearray(self.num_counters)

    def counter_values(self, item: Item) -> list[int]:
        """The item's counters, for inspection: all > 0 means "maybe added"."""
        return [self._counters[position] for position in self._positions(item)]

    # --8<-- [start:counting-bloom]
    def add(self, item: Item) -> None:
        for position in self._positions(item):
            if self._counters[position] < self.saturated:  # stick at the top, never wrap to 0
                self._counters[position] += 1

    def remove(self, item: Item) -> bool:
        """Undo one add; False, changing nothing, if the item is certainly absent."""
        positions = self._positions(item)
        if not all(self._counters[position] for position in positions):
            return False
        for position in positions:
            # A saturated counter's true count is unknown: lowering it could cause a false negative.
            if self._counters[position] < self.saturated:
                self._counters[position] -= 1
        return True

    def __contains__(self, item: Item) -> bool:
        return all(self._counters[position] for position in self._positions(item))

    def _positions(self, item: Item) -> set[int]:
        # Distinct counters: two probes on one counter must not count the item twice.
        return set(bit_positions(item, self.num_counters, self.num_hashes))
    # --8<-- [end:counting-bloom]
