"""Start the parameters at zero."""
from __future__ import annotations

import numpy as np


# --8<-- [start:initialize]
def initialize_with_zeros(dim: int) -> tuple[np.ndarray, float]:
    """w = zeros of shape (dim, 1) and b = 0.0.

    Zeros are fine for logistic regression: its cost is convex and there is only one
    unit, so there is no symmetry between hidden units that zeros would fail to break.
    """
    if dim < 1:
        raise ValueError(f"dim (the number of features n_x) must be >= 1, got {dim}")
    return np.zeros((dim, 1)), 0.0
# --8<-- [end:initialize]
