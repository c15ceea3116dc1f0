"""What the filters accept as items, and the bytes they hash."""
from __future__ import annotations

Item = str | bytes


def item_bytes(item: Item) -> bytes:
    """The bytes that are hashed: str as UTF-8, bytes as they are."""
    if isinstance(item, bytes):
        return item
    if isinstance(item, str):
        return item.encode("utf-8")
    raise TypeError(f"filter items must be str or bytes, got {type(item).__name__}: {item!r}")
