"""Gradient descent on w and b."""
from __future__ import annotations

import numpy as np

from snippets.logistic_regression.propagation import propagate


# --8<-- [start:optimize]
def optimize(w, b, X, Y, num_iterations: int, learning_rate: float, record_every: int = 100):
    """Run num_iterations steps of gradient descent from (w, b).

    Returns (params, grads, costs): params = {"w", "b"} after the last step; grads =
    {"dw", "db"} from the last step; costs holds J at iterations 0, record_every,
    2·record_every, … (every 100 iterations by default), measured before that step.
    """
    if num_iterations < 1:
        raise ValueError(f"num_iterations must be >= 1, got {num_iterations}")
    if learning_rate <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate}")
    if record_every < 1:
        raise ValueError(f"record_every must be >= 1, got {record_every}")
    w = np.asarray(w, dtype=float)
    costs = []
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        # New arrays each step: the caller's w is never modified in place.
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % record_every == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs
# --8<-- [end:optimize]
