import numpy as np
import pytest

from snippets.logistic_regression.gradient_descent import optimize
from snippets.logistic_regression.initialization import initialize_with_zeros


def test_matches_the_expected_output_of_the_course_assignment():
    w, b = np.array([[1.0], [2.0]]), 2.0
    X, Y = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]), np.array([[1, 0, 1]])
    params, grads, costs = optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009)
    assert np.allclose(params["w"], [[0.19033591], [0.12259159]])
    assert params["b"] == pytest.approx(1.92535983008)
    assert np.allclose(grads["dw"], [[0.67752042], [1.41625495]])
    assert grads["db"] == pytest.approx(0.219194504541)
    assert costs == [pytest.approx(5.801545319394553)]


def test_cost_decreases_at_every_recorded_iteration(separable_split):
    s = separable_split
    w, b = initialize_with_zeros(s.X_train.shape[0])
    _, _, costs = optimize(w, b, s.X_train, s.Y_train, num_iterations=1000, learning_rate=0.1)
    assert costs[0] == pytest.approx(np.log(2))  # σ(0) = 0.5 for every example
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))


def test_costs_are_recorded_every_100_iterations_by_default(separable_split):
    s = separable_split
    w, b = initialize_with_zeros(s.X_train.shape[0])
    assert len(optimize(w, b, s.X_train, s.Y_train, 250, 0.1)[2]) == 3  # iterations 0, 100, 200
    assert len(optimize(w, b, s.X_train, s.Y_train, 250, 0.1, record_every=10)[2]) == 25


def test_the_callers_parameters_are_left_alone(separable_split):
    s = separable_split
    w, b = initialize_with_zeros(s.X_train.shape[0])
    params, _, _ = optimize(w, b, s.X_train, s.Y_train, 10, 0.1)
    assert not w.any() and b == 0.0
    assert params["w"].any()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [((0, 0.1), "num_iterations must be >= 1"), ((10, 0.0), "learning_rate must be > 0")],
)
def test_bad_settings_are_rejected(arguments, message):
    w, b = initialize_with_zeros(2)
    with pytest.raises(ValueError, match=message):
        optimize(w, b, np.zeros((2, 3)), np.zeros((1, 3)), *arguments)


def test_on_separable_data_the_cost_has_no_minimum_the_weights_keep_growing(separable_split):
    """The post's claim: J is convex, but on separable data it only approaches 0 as ‖w‖ grows."""
    w, b = initialize_with_zeros(separable_split.X_train.shape[0])
    costs, norms = [], []
    for _ in range(5):
        params, _, recorded = optimize(w, b, separable_split.X_train, separable_split.Y_train,
                                       num_iterations=1000, learning_rate=0.5)
        w, b = params["w"], params["b"]
        costs.append(recorded[-1])
        norms.append(float(np.linalg.norm(w)))
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))
    assert all(later > earlier for earlier, later in zip(norms, norms[1:]))
    assert 0 < costs[-1]
