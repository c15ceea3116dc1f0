"""A Bloom filter sized for a target false-positive rate, with double hashing.

Python's built-in hash() is salted per process; one BLAKE2b digest per item
gives the same bit positions in every process.
"""
from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator

from snippets.filter_items import Item, item_bytes

BITS_PER_BYTE = 8
HALF_DIGEST_BYTES = 8  # two 64-bit hashes from one 16-byte digest


def check_capacity_and_error_rate(capacity: object, error_rate: object) -> None:
    """Raise ValueError (TypeError for a wrong type) naming the bad argument."""
    if isinstance(capacity, bool) or not isinstance(capacity, int):
        raise TypeError(
            f"capacity must be an integer, got {type(capacity).__name__}: {capacity!r}"
        )
    if capacity <= 0:
        raise ValueError(f"capacity must be >= 1, got {capacity}")
    if isinstance(error_rate, bool) or not isinstance(error_rate, (int, float)):
        raise TypeError(
            f"error_rate must be a number, got {type(error_rate).__name__}: {error_rate!r}"
        )
    if not 0 < error_rate < 1:
        raise ValueError(f"error_rate must be strictly between 0 and 1, got {error_rate}")


# --8<-- [start:optimal-parameters]
def optimal_num_bits(capacity: int, error_rate: float) -> int:
    """m = ceil(-n ln(p) / (ln 2)^2): the fewest bits that reach rate p with n items."""
    return math.ceil(-capacity * math.log(error_rate) / math.log(2) ** 2)


def optimal_num_hashes(num_bits: int, capacity: int) -> int:
    """k = (m / n) ln 2, rounded and at least 1: the k that minimises the rate for m bits."""
    return max(1, round(num_bits / capacity * math.log(2)))
# --8<-- [end:optimal-parameters]


# --8<-- [start:bloom-filter]
def bit_positions(item: Item, num_bits: int, num_hashes: int) -> Iterator[int]:
    """k positions h1 + i*h2 mod m from one digest (Kirsch-Mitzenmacher double hashing)."""
    digest = hashlib.blake2b(item_bytes(item), digest_size=2 * HALF_DIGEST_BYTES).digest()
    first = int.from_bytes(digest[:HALF_DIGEST_BYTES], "little")
    step = int.from_bytes(digest[HALF_DIGEST_BYTES:], "little") | 1  # odd: never a zero step
    return ((first + i * step) % num_bits for i in range(num_hashes))


class BloomFilter:
    """A set that answers "maybe" for some absent items, and never "no" for added ones."""

    def __init__(self, capacity: int, error_rate: float) -> None:
        check_capacity_and_error_rate(capacity, error_rate)
        self.capacity, self.error_rate = capacity, error_rate
        self.num_bits = optimal_num_bits(capacity, error_rate)
        self.num_hashes = optimal_num_hashes(self.num_bits, capacity)
        self._bits = bytearray(math.ceil(self.num_bits / BITS_PER_BYTE))

    def add(self, item: Item) -> None:
        for position in bit_positions(item, self.num_bits, self.num_hashes):
            byte, bit = divmod(position, BITS_PER_BYTE)
            self._bits[byte] |= 1 << bit

    def __contains__(self, item: Item) -> bool:
        for position in bit_positions(item, self.num_bits, self.num_hashes):
            byte, bit = divmod(position, BITS_PER_BYTE)
            if not self._bits[byte] & (1 << bit):
                return False  # an added item would have set this bit
        return True
# --8<-- [end:bloom-filter]
