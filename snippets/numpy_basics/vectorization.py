"""The same dot product with an explicit Python loop and with one vectorised np.dot."""
from __future__ import annotations

import numpy as np


# --8<-- [start:dot]
def dot_with_loop(x, y) -> float:
    """Σ x_i·y_i, one element at a time in Python."""
    if len(x) != len(y):
        raise ValueError(f"vectors have lengths {len(x)} and {len(y)}; they must match")
    total = 0.0
    for i in range(len(x)):
        total += x[i] * y[i]
    return float(total)


def dot_vectorized(x, y) -> float:
    """The same sum in one call; numpy loops in compiled code."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise ValueError(f"expected two 1-D vectors of one length, got {x.shape} and {y.shape}")
    return float(np.dot(x, y))
# --8<-- [end:dot]
