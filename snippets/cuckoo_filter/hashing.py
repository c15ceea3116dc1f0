"""Hashing for the cuckoo filter: an item's fingerprint and its two candidate buckets.

One keyed BLAKE2b digest per item gives both the fingerprint and the primary
bucket. Python's built-in hash() is salted per process; BLAKE2b keyed with the
seed gives the same numbers in every process, and other numbers for another seed.
"""
from __future__ import annotations

import hashlib

from snippets.filter_items import Item, item_bytes

EMPTY_SLOT = 0  # a slot holding 0 is free, so no fingerprint may be 0
MAX_FINGERPRINT_BITS = 32
SEED_BYTES = 8  # the BLAKE2b key is the seed as 8 little-endian bytes
HALF_DIGEST_BYTES = 8  # 64 bits for the fingerprint, 64 for the bucket index
WORD_BITS = 64
WORD_MASK = (1 << WORD_BITS) - 1
# Knuth's multiplicative hashing constant: 2^64 divided by the golden ratio, made odd.
GOLDEN_RATIO_MULTIPLIER = 0x9E3779B97F4A7C15


def seed_key(seed: int) -> bytes:
    """The BLAKE2b key for a seed in 0 .. 2^64 - 1."""
    if not isinstance(seed, int) or not 0 <= seed < 1 << (8 * SEED_BYTES):
        raise ValueError(f"seed must be an integer in 0 .. 2^64 - 1, got {seed!r}")
    return seed.to_bytes(SEED_BYTES, "little")


# --8<-- [start:fingerprint]
def fingerprint_and_index(
    item: Item, fingerprint_bits: int, num_buckets: int, key: bytes
) -> tuple[int, int]:
    """The item's fingerprint (never EMPTY_SLOT) and primary bucket, from one digest."""
    digest = hashlib.blake2b(
        item_bytes(item), digest_size=2 * HALF_DIGEST_BYTES, key=key
    ).digest()
    fingerprint_hash = int.from_bytes(digest[:HALF_DIGEST_BYTES], "little")
    index_hash = int.from_bytes(digest[HALF_DIGEST_BYTES:], "little")
    # Fold into the 2^f - 1 values 1 .. 2^f - 1: a 0 would read as an empty slot.
    fingerprint = 1 + fingerprint_hash % ((1 << fingerprint_bits) - 1)
    # num_buckets is a power of two, so "mod num_buckets" keeps the low bits.
    return fingerprint, index_hash & (num_buckets - 1)
# --8<-- [end:fingerprint]


# --8<-- [start:alternate-index]
def fingerprint_offset(fingerprint: int, num_buckets: int) -> int:
    """hash(fingerprint) mod num_buckets, from the top bits of one multiplication.

    A fingerprint is already random, so one multiplication spreads it well
    enough (the authors' code multiplies by a MurmurHash constant). The top
    bits are taken because they depend on every bit of the fingerprint.
    """
    index_bits = num_buckets.bit_length() - 1  # num_buckets == 2 ** index_bits
    return ((fingerprint * GOLDEN_RATIO_MULTIPLIER) & WORD_MASK) >> (WORD_BITS - index_bits)


def alternate_index(index: int, fingerprint: int, num_buckets: int) -> int:
    """The fingerprint's other bucket: i2 = i1 XOR hash(fingerprint).

    XOR undoes itself, so alternate_index(alternate_index(i, fp), fp) == i:
    a stored fingerprint can move to its other bucket without the item.
    """
    return index ^ fingerprint_offset(fingerprint, num_buckets)
# --8<-- [end:alternate-index]
