import math
import warnings

import numpy as np
import pytest

from snippets.numpy_basics.activations import basic_sigmoid, sigmoid, softmax


def test_basic_sigmoid_of_zero_is_one_half():
    assert basic_sigmoid(0) == 0.5


def test_basic_sigmoid_rejects_an_array_which_is_why_the_course_moves_to_numpy():
    with pytest.raises(TypeError):
        basic_sigmoid([1, 2, 3])


def test_sigmoid_matches_the_textbook_formula_on_scalars_and_arrays():
    x = np.linspace(-30, 30, 121).reshape(11, 11)
    assert np.allclose(sigmoid(x), 1 / (1 + np.exp(-x)), rtol=1e-14, atol=0)
    assert sigmoid(x).shape == (11, 11)
    assert math.isclose(float(sigmoid(2.0)), basic_sigmoid(2.0), rel_tol=1e-15)


def test_sigmoid_saturates_quietly_for_large_inputs():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values = sigmoid(np.array([-1000.0, 1000.0]))
    assert values.tolist() == [0.0, 1.0]


def test_sigmoid_is_symmetric():
    x = np.random.default_rng(0).normal(scale=5, size=50)
    assert np.allclose(sigmoid(-x), 1 - sigmoid(x))


def test_softmax_rows_are_positive_and_sum_to_one():
    x = np.random.default_rng(1).normal(scale=3, size=(4, 6))
    s = softmax(x)
    assert s.shape == (4, 6)
    assert (s > 0).all()
    assert np.allclose(s.sum(axis=1), 1)


def test_softmax_stays_finite_for_inputs_of_plus_and_minus_1000():
    x = np.array([[1000.0, 1000.0, 999.0], [-1000.0, -1000.0, -1001.0], [1000.0, -1000.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = softmax(x)
    assert np.isfinite(s).all()
    assert np.allclose(s.sum(axis=1), 1)
    assert np.allclose(s[0], s[1])  # shifting a row by a constant changes nothing
    assert s[2].tolist() == [1.0, 0.0, 0.0]


def test_softmax_without_the_shift_gives_nan_as_the_page_says():
    x = np.array([[1000.0, 1000.0]])
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(x) / np.sum(np.exp(x), axis=1, keepdims=True)
    assert np.isnan(naive).all()
    assert softmax(x).tolist() == [[0.5, 0.5]]


def test_softmax_matches_the_definition_on_small_inputs():
    x = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])
    expected = np.exp(x) / np.exp(x).sum(axis=1, keepdims=True)
    assert np.allclose(softmax(x), expected)
