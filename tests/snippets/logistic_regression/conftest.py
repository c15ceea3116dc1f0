"""Seeded, linearly separable data in the course's shapes: X is (n_x, m), Y is (1, m)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest


@dataclass(frozen=True)
class Split:
    X_train: np.ndarray
    Y_train: np.ndarray
    X_test: np.ndarray
    Y_test: np.ndarray
    w_true: np.ndarray
    b_true: float


def separable_examples(rng: np.random.Generator, w_true: np.ndarray, b_true: float, m: int, margin: float):
    """m examples labelled by the side of wᵀx + b = 0 they fall on, none closer than margin."""
    columns = []
    while sum(c.shape[1] for c in columns) < m:
        X = rng.normal(size=(w_true.shape[0], 2 * m))
        distance = (np.dot(w_true.T, X) + b_true) / np.linalg.norm(w_true)
        columns.append(X[:, np.abs(distance[0]) > margin])
    X = np.concatenate(columns, axis=1)[:, :m]
    Y = (np.dot(w_true.T, X) + b_true > 0).astype(float)
    return X, Y


@pytest.fixture(scope="session")
def separable_split() -> Split:
    rng = np.random.default_rng(2017)
    w_true, b_true = rng.normal(size=(5, 1)), 0.3
    X_train, Y_train = separable_examples(rng, w_true, b_true, m=400, margin=0.2)
    X_test, Y_test = separable_examples(rng, w_true, b_true, m=200, margin=0.2)
    return Split(X_train, Y_train, X_test, Y_test, w_true, b_true)
