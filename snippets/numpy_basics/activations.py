"""Activation functions: sigmoid (with math and with numpy) and a stable softmax."""
from __future__ import annotations

import math

import numpy as np


# --8<-- [start:sigmoid]
def basic_sigmoid(x: float) -> float:
    """σ(x) = 1 / (1 + e^{-x}) for one number; math.exp refuses lists and arrays."""
    return 1 / (1 + math.exp(-x))


def sigmoid(x):
    """σ(x) element-wise, for a scalar or a numpy array of any shape."""
    x = np.asarray(x, dtype=float)
    # Same value as 1 / (1 + np.exp(-x)), but e^{-x} overflows for x < -709;
    # np.logaddexp(0, -x) = log(1 + e^{-x}) does not, so large |x| gives 0 or 1 quietly.
    return np.exp(-np.logaddexp(0.0, -x))
# --8<-- [end:sigmoid]


# --8<-- [start:softmax]
def softmax(x):
    """Softmax of each row (the last axis): every row becomes positive and sums to 1."""
    x = np.asarray(x, dtype=float)
    # softmax(x) = softmax(x - c) for any constant c. Subtracting the row maximum makes
    # the largest exponent e^0 = 1, so np.exp cannot overflow to inf and give inf/inf = nan.
    shifted = x - np.max(x, axis=-1, keepdims=True)
    exp_x = np.exp(shifted)
    return exp_x / np.sum(exp_x, axis=-1, keepdims=True)
# --8<-- [end:softmax]
