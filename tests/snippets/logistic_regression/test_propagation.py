import warnings

import numpy as np
import pytest

from snippets.logistic_regression.propagation import propagate


def random_problem(seed: int, n_x: int = 4, m: int = 7):
    rng = np.random.default_rng(seed)
    w = rng.normal(size=(n_x, 1))
    b = float(rng.normal())
    X = rng.normal(size=(n_x, m))
    Y = rng.integers(0, 2, size=(1, m)).astype(float)
    return w, b, X, Y


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b)))


@pytest.mark.parametrize("seed", range(5))
def test_gradients_match_central_finite_differences(seed):
    w, b, X, Y = random_problem(seed)
    grads, _ = propagate(w, b, X, Y)
    eps = 1e-6

    def cost(w_, b_):
        return propagate(w_, b_, X, Y)[1]

    numeric_dw = np.zeros_like(w)
    for i in range(w.shape[0]):
        step = np.zeros_like(w)
        step[i] = eps
        numeric_dw[i] = (cost(w + step, b) - cost(w - step, b)) / (2 * eps)
    numeric_db = (cost(w, b + eps) - cost(w, b - eps)) / (2 * eps)

    assert relative_error(grads["dw"], numeric_dw) < 1e-7
    assert relative_error(np.array([grads["db"]]), np.array([numeric_db])) < 1e-7


def test_cost_equals_the_textbook_cross_entropy_when_nothing_saturates():
    w, b, X, Y = random_problem(10)
    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))
    textbook = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    assert propagate(w, b, X, Y)[1] == pytest.approx(textbook, rel=1e-12)


def test_matches_the_expected_output_of_the_course_assignment():
    w, b = np.array([[1.0], [2.0]]), 2.0
    X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1, 0, 1]])
    grads, cost = propagate(w, b, X, Y)
    assert np.allclose(grads["dw"], [[0.99845601], [2.39507239]])
    assert grads["db"] == pytest.approx(0.00145557813678)
    assert cost == pytest.approx(5.801545319394553)


def test_shapes_and_types_of_the_results():
    w, b, X, Y = random_problem(11, n_x=3, m=9)
    grads, cost = propagate(w, b, X, Y)
    assert grads["dw"].shape == w.shape
    assert type(grads["db"]) is float
    assert type(cost) is float


def test_cost_stays_finite_for_saturated_predictions(separable_split):
    s = separable_split
    huge_w, huge_b = 1e4 * s.w_true, 1e4 * s.b_true
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grads, right_cost = propagate(huge_w, huge_b, s.X_train, s.Y_train)
        _, wrong_cost = propagate(huge_w, huge_b, s.X_train, 1 - s.Y_train)
    assert right_cost == pytest.approx(0.0, abs=1e-12)
    assert np.isfinite(wrong_cost) and wrong_cost > 100
    assert np.isfinite(grads["dw"]).all() and np.isfinite(grads["db"])


def test_the_naive_log_would_give_nan_for_the_same_parameters(separable_split):
    # Documents the comment in propagate: A rounds to exactly 0 or 1, and log(0) breaks.
    s = separable_split
    Z = np.dot((1e4 * s.w_true).T, s.X_train) + 1e4 * s.b_true
    A = 1 / (1 + np.exp(-np.clip(Z, -700, 700)))
    with np.errstate(divide="ignore", invalid="ignore"):
        naive = -np.mean(s.Y_train * np.log(A) + (1 - s.Y_train) * np.log(1 - A))
    assert not np.isfinite(naive)


def test_different_m_in_X_and_Y_is_a_clear_error():
    w, b, X, _ = random_problem(12, n_x=3, m=5)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\) = \(1, 5\)"):
        propagate(w, b, X, np.zeros((1, 4)))
