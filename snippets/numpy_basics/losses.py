"""L1 and L2 losses between predictions yhat and labels y."""
from __future__ import annotations

import numpy as np


def _difference(yhat, y) -> np.ndarray:
    yhat, y = np.asarray(yhat, dtype=float), np.asarray(y, dtype=float)
    if yhat.shape != y.shape:
        raise ValueError(f"yhat has shape {yhat.shape} but y has shape {y.shape}; they must match")
    return (y - yhat).ravel()


# --8<-- [start:losses]
def l1_loss(yhat, y) -> float:
    """L1 = Σ |y_i - ŷ_i|."""
    return float(np.sum(np.abs(_difference(yhat, y))))


def l2_loss(yhat, y) -> float:
    """L2 = Σ (y_i - ŷ_i)², the sum of squares, with no square root."""
    d = _difference(yhat, y)  # flattened to 1-D, so np.dot is the inner product d·d
    return float(np.dot(d, d))
# --8<-- [end:losses]
