import numpy as np
import pytest

from snippets.logistic_regression.prediction import predict


def test_predictions_are_a_float_row_of_zeros_and_ones():
    rng = np.random.default_rng(5)
    prediction = predict(rng.normal(size=(4, 1)), 0.1, rng.normal(size=(4, 30)))
    assert prediction.shape == (1, 30)
    assert prediction.dtype == np.float64
    assert set(np.unique(prediction)) <= {0.0, 1.0}


def test_matches_the_expected_output_of_the_course_assignment():
    w, b = np.array([[0.1124579], [0.23106775]]), -0.3
    X = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    assert predict(w, b, X).tolist() == [[1.0, 1.0, 0.0]]


def test_uses_w_transpose_x_plus_b():
    # Only wᵀX + b gives (1, m); here each column's score is x₁ - x₂ + b.
    w, b = np.array([[1.0], [-1.0]]), 0.5
    X = np.array([[0.0, 0.0, 3.0], [0.0, 1.0, 1.0]])
    assert predict(w, b, X).tolist() == [[1.0, 0.0, 1.0]]


def test_probability_of_exactly_one_half_is_predicted_as_0():
    w, b = np.zeros((3, 1)), 0.0
    assert predict(w, b, np.ones((3, 4))).tolist() == [[0.0] * 4]


def test_w_of_the_wrong_shape_is_a_clear_error():
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\) = \(3, 1\)"):
        predict(np.zeros((2, 1)), 0.0, np.zeros((3, 4)))
