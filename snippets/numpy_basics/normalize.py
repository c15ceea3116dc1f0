"""Row normalisation: divide each row by its Euclidean length."""
from __future__ import annotations

import numpy as np


# --8<-- [start:normalize_rows]
def normalize_rows(x):
    """Return x with every row scaled to length 1; x is a 2-D array."""
    x = np.asarray(x, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"normalize_rows expects a 2-D array, got shape {x.shape}")
    # keepdims=True leaves the norms as an (n, 1) column, which broadcasts over each row.
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    zero_rows = np.flatnonzero(norms == 0)
    if zero_rows.size:
        raise ValueError(f"rows {zero_rows.tolist()} are all zeros and have no direction to keep")
    return x / norms
# --8<-- [end:normalize_rows]
