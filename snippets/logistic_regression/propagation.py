"""One forward and backward pass: the cost J and its gradients dw, db."""
from __future__ import annotations

import numpy as np

from snippets.logistic_regression.validation import check_examples, check_labels, check_parameters
from snippets.numpy_basics import sigmoid


# --8<-- [start:propagate]
def propagate(w, b, X, Y) -> tuple[dict[str, np.ndarray | float], float]:
    """Return ({"dw": ∂J/∂w, "db": ∂J/∂b}, J) for parameters w, b on examples X, labels Y."""
    X = check_examples(X)
    Y = check_labels(Y, X)
    w, b = check_parameters(w, b, X)
    m = X.shape[1]

    # Forward: Z = wᵀX + b is (1, m), and A = σ(Z).
    Z = np.dot(w.T, X) + b
    A = sigmoid(Z)

    # J = -(1/m) Σ [y log a + (1 - y) log(1 - a)]. With a = σ(z),
    # -log a = log(1 + e^{-z}) and -log(1 - a) = log(1 + e^{z}); np.logaddexp(0, ·)
    # computes these without forming a. Taking log(A) directly breaks for saturated
    # predictions: A rounds to exactly 1.0 or 0.0 and log(0) gives -inf and then nan.
    cost = np.sum(Y * np.logaddexp(0.0, -Z) + (1 - Y) * np.logaddexp(0.0, Z)) / m

    # Backward: dZ = A - Y, so dw = (1/m) X dZᵀ is (n_x, 1) and db = (1/m) Σ dZ.
    dZ = A - Y
    dw = np.dot(X, dZ.T) / m
    db = float(np.sum(dZ) / m)
    return {"dw": dw, "db": db}, float(cost)
# --8<-- [end:propagate]
