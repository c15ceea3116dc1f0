"""Turn probabilities into 0/1 labels."""
from __future__ import annotations

import numpy as np

from snippets.logistic_regression.validation import check_examples, check_parameters
from snippets.numpy_basics import sigmoid


# --8<-- [start:predict]
def predict(w, b, X) -> np.ndarray:
    """A (1, m) float array: 1.0 where σ(wᵀX + b) > 0.5, else 0.0."""
    X = check_examples(X)
    w, b = check_parameters(w, b, X)
    A = sigmoid(np.dot(w.T, X) + b)  # wᵀX: (1, n_x)·(n_x, m) → (1, m)
    return (A > 0.5).astype(float)
# --8<-- [end:predict]
