"""Rank-1 arrays versus column vectors, the shape bug the course warns about."""
from __future__ import annotations

import numpy as np


# --8<-- [start:rank_one]
def rank_one_versus_column(n: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """Make a rank-1 array and an (n, 1) column, asserting how each one behaves."""
    a = np.random.randn(n)        # rank-1 array: shape (n,), neither row nor column
    assert a.shape == (n,)
    assert a.T.shape == (n,)       # transposing it changes nothing
    assert np.dot(a, a.T).shape == ()  # a scalar, not the (n, n) outer product

    b = np.random.randn(n, 1)     # a real column vector
    assert b.shape == (n, 1)
    assert b.T.shape == (1, n)
    assert np.dot(b, b.T).shape == (n, n)

    a = a.reshape(n, 1)            # the fix when a rank-1 array slips in
    assert a.shape == (n, 1)
    return a, b
# --8<-- [end:rank_one]
