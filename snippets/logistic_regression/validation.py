"""Shape checks shared by every step, so a wrong shape fails early with a readable message."""
from __future__ import annotations

import numpy as np


def check_examples(X) -> np.ndarray:
    """X as a float (n_x, m) array: one example per column."""
    X = np.asarray(X, dtype=float)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D with shape (n_x, m), one example per column; got shape {X.shape}")
    return X


def check_labels(Y, X: np.ndarray) -> np.ndarray:
    """Y as a float (1, m) array of 0s and 1s, with the same m as X."""
    Y = np.asarray(Y, dtype=float)
    m = X.shape[1]
    if Y.shape != (1, m):
        raise ValueError(
            f"Y must have shape (1, m) = (1, {m}) to match X of shape {X.shape}; got shape {Y.shape}"
        )
    if not np.isin(Y, (0.0, 1.0)).all():
        raise ValueError("Y must hold only the labels 0 and 1")
    return Y


def check_parameters(w, b, X: np.ndarray) -> tuple[np.ndarray, float]:
    """w as a float (n_x, 1) column matching X's n_x, and b as a Python float."""
    w = np.asarray(w, dtype=float)
    n_x = X.shape[0]
    if w.shape != (n_x, 1):
        raise ValueError(
            f"w must have shape (n_x, 1) = ({n_x}, 1) to match X of shape {X.shape}; got shape {w.shape}"
        )
    if np.ndim(b) != 0:
        raise ValueError(f"b must be a scalar; got shape {np.shape(b)}")
    return w, float(b)
