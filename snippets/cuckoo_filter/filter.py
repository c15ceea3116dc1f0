"""A cuckoo filter (Fan, Andersen, Kaminsky, Mitzenmacher, CoNEXT 2014).

A table of num_buckets buckets with bucket_size slots each; a slot holds an
item's f-bit fingerprint, or EMPTY_SLOT. Every item has two candidate buckets
(partial-key cuckoo hashing, see hashing.py), so a lookup reads at most two.

Like the authors' C++ code (efficient/cuckoofilter), an insert that runs out
of kicks parks the fingerprint it was last holding in a victim slot instead of
dropping it, so no inserted item is ever lost; while the victim slot is taken,
the filter is full and inserts return False.
"""
from __future__ import annotations

import random
from array import array
from typing import NamedTuple

from snippets.cuckoo_filter.hashing import (
    EMPTY_SLOT,
    MAX_FINGERPRINT_BITS,
    Item,
    alternate_index,
    fingerprint_and_index,
    seed_key,
)

DEFAULT_BUCKET_SIZE = 4  # the paper's choice: about 95% load before the first failure
DEFAULT_FINGERPRINT_BITS = 8
DEFAULT_MAX_KICKS = 500  # the authors' kMaxCuckooCount
# array type codes from the smallest item size up; "L" holds at least 32 bits.
SLOT_TYPECODES = "BHIL"
BITS_PER_BYTE = 8


class Victim(NamedTuple):
    """A fingerprint that found no slot, and one of its two buckets."""

    fingerprint: int
    index: int


def _check_int(name: str, value: object, minimum: int, maximum: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an integer, got {type(value).__name__}: {value!r}")
    if value < minimum or (maximum is not None and value > maximum):
        allowed = f">= {minimum}" if maximum is None else f"in {minimum} .. {maximum}"
        raise ValueError(f"{name} must be {allowed}, got {value}")


def _slot_typecode(fingerprint_bits: int) -> str:
    """The smallest array type that holds an f-bit fingerprint."""
    return next(
        code for code in SLOT_TYPECODES
        if array(code).itemsize * BITS_PER_BYTE >= fingerprint_bits
    )


class CuckooFilter:
    """An approximate set of str or bytes items that supports deletion.

    `item in f` is never False for an inserted item that was not deleted, and is
    True for an absent item with probability at most about 2b / 2^f.

    The table has num_buckets = the smallest power of two >= capacity /
    bucket_size buckets: XOR-ing a bucket index with hash(fingerprint) stays
    inside the table, and can be undone, only when the table size is a power of
    two. The table therefore has at least `capacity` slots; since inserts start
    failing at about 95% load (b = 4), ask for about 5% more than you will store
    when capacity / bucket_size is itself a power of two.

    capacity, bucket_size, fingerprint_bits, max_kicks, seed and num_buckets are
    the filter's configuration; read them, do not change them.
    """

    def __init__(
        self,
        capacity: int,
        *,
        bucket_size: int = DEFAULT_BUCKET_SIZE,
        fingerprint_bits: int = DEFAULT_FINGERPRINT_BITS,
        max_kicks: int = DEFAULT_MAX_KICKS,
        seed: int = 0,
    ) -> None:
        _check_int("capacity", capacity, minimum=1)
        _check_int("bucket_size", bucket_size, minimum=1)
        _check_int("fingerprint_bits", fingerprint_bits, minimum=1, maximum=MAX_FINGERPRINT_BITS)
        _check_int("max_kicks", max_kicks, minimum=0)
        self._key = seed_key(seed)
        self.capacity = capacity
        self.bucket_size = bucket_size
        self.fingerprint_bits = fingerprint_bits
        self.max_kicks = max_kicks
        self.seed = seed
        buckets_needed = -(-capacity // bucket_size)  # ceiling division
        self.num_buckets = 1 << (buckets_needed - 1).bit_length()
        typecode = _slot_typecode(fingerprint_bits)
        self._slots = array(typecode, [EMPTY_SLOT]) * (self.num_buckets * bucket_size)
        self._occupied_slots = 0
        self._victim: Victim | None = None
        self._random = random.Random(seed)  # picks whom to kick out; seeded, so runs repeat

    def __len__(self) -> int:
        """Stored fingerprints, the one in the victim slot included."""
        return self._occupied_slots + (self._victim is not None)

    @property
    def load_factor(self) -> float:
        """len(self) / slots; the victim counts, so a full tiny table can pass 1."""
        return len(self) / (self.num_buckets * self.bucket_size)

    @property
    def table_load_factor(self) -> float:
        """Filled slots / slots: the table's own load, the victim slot left out."""
        return self._occupied_slots / (self.num_buckets * self.bucket_size)

    @property
    def is_full(self) -> bool:
        """True while the victim slot is taken: inserts return False until a delete."""
        return self._victim is not None

    # --8<-- [start:insert]
    def insert(self, item: Item) -> bool:
        """Add an item; return False, changing nothing, when the filter is full.

        An insert that runs out of kicks has still stored its own fingerprint:
        the one it was carrying last waits in the victim slot, so it returns
        True, and the filter is full from then on (as in the authors' code).
        """
        if self._victim is not None:
            return False
        fingerprint, index = fingerprint_and_index(
            item, self.fingerprint_bits, self.num_buckets, self._key
        )
        self._place(fingerprint, index)
        return True

    def _place(self, fingerprint: int, index: int) -> None:
        """Put a fingerprint in one of its buckets, kicking residents along if both are full."""
        alternate = alternate_index(index, fingerprint, self.num_buckets)
        for bucket in (index, alternate):
            if self._put_in_free_slot(bucket, fingerprint):
                return
        index = self._random.choice((index, alternate))
        for _ in range(self.max_kicks):
            # Take a random resident's slot; the resident moves on to its other bucket.
            slot = index * self.bucket_size + self._random.randrange(self.bucket_size)
            fingerprint, self._slots[slot] = self._slots[slot], fingerprint
            index = alternate_index(index, fingerprint, self.num_buckets)
            if self._put_in_free_slot(index, fingerprint):
                return
        self._victim = Victim(fingerprint, index)  # out of kicks: park it, never drop it
    # --8<-- [end:insert]

    def _put_in_free_slot(self, index: int, fingerprint: int) -> bool:
        bucket = self._bucket(index)
        if EMPTY_SLOT not in bucket:
            return False
        self._slots[index * self.bucket_size + bucket.index(EMPTY_SLOT)] = fingerprint
        self._occupied_slots += 1
        return True

    # --8<-- [start:lookup]
    def __contains__(self, item: Item) -> bool:
        """True if the item may have been inserted; False means it certainly was not."""
        fingerprint, index = fingerprint_and_index(
            item, self.fingerprint_bits, self.num_buckets, self._key
        )
        alternate = alternate_index(index, fingerprint, self.num_buckets)
        return (
            fingerprint in self._bucket(index)
            or fingerprint in self._bucket(alternate)
            or self._victim_holds(fingerprint, index, alternate)
        )

    def _bucket(self, index: int) -> array:
        """A copy of the bucket's slots."""
        start = index * self.bucket_size
        return self._slots[start : start + self.bucket_size]

    def _victim_holds(self, fingerprint: int, index: int, alternate: int) -> bool:
        victim = self._victim
        return (
            victim is not None
            and victim.fingerprint == fingerprint
            and victim.index in (index, alternate)
        )
    # --8<-- [end:lookup]

    # --8<-- [start:delete]
    def delete(self, item: Item) -> bool:
        """Remove one copy of the item's fingerprint; True if a copy was found.

        Delete only items you inserted. For an item never inserted this removes
        nothing, unless another item with the same fingerprint sits in one of
        its two buckets: that copy goes, and the other item may be missed later.
        """
        fingerprint, index = fingerprint_and_index(
            item, self.fingerprint_bits, self.num_buckets, self._key
        )
        alternate = alternate_index(index, fingerprint, self.num_buckets)
        for bucket in (index, alternate):
            if self._remove_from_bucket(bucket, fingerprint):
                if self._victim is not None:  # a slot is free again: re-place the parked one
                    victim, self._victim = self._victim, None
                    self._place(victim.fingerprint, victim.index)
                return True
        if self._victim_holds(fingerprint, index, alternate):
            self._victim = None
            return True
        return False
    # --8<-- [end:delete]

    def _remove_from_bucket(self, index: int, fingerprint: int) -> bool:
        bucket = self._bucket(index)
        if fingerprint not in bucket:
            return False
        self._slots[index * self.bucket_size + bucket.index(fingerprint)] = EMPTY_SLOT
        self._occupied_slots -= 1
        return True
