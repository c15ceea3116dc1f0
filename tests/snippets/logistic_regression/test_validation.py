import numpy as np
import pytest

from snippets.logistic_regression.validation import check_examples, check_labels, check_parameters

X = np.zeros((3, 5))


def test_valid_inputs_come_back_as_float_arrays():
    assert check_examples([[1, 2], [3, 4]]).dtype == np.float64
    assert check_labels([[0, 1, 1, 0, 1]], X).dtype == np.float64
    w, b = check_parameters(np.zeros((3, 1)), np.float64(2), X)
    assert w.shape == (3, 1) and type(b) is float


def test_rank_one_examples_are_rejected():
    with pytest.raises(ValueError, match=r"X must be 2-D with shape \(n_x, m\).*got shape \(5,\)"):
        check_examples(np.zeros(5))


def test_labels_with_a_different_m_name_both_shapes():
    with pytest.raises(ValueError, match=r"Y must have shape \(1, m\) = \(1, 5\) to match X of shape \(3, 5\); got shape \(1, 4\)"):
        check_labels(np.zeros((1, 4)), X)


def test_rank_one_labels_are_rejected():
    with pytest.raises(ValueError, match=r"got shape \(5,\)"):
        check_labels(np.zeros(5), X)


def test_labels_other_than_0_and_1_are_rejected():
    with pytest.raises(ValueError, match="only the labels 0 and 1"):
        check_labels([[0, 1, 2, 0, 1]], X)


def test_w_with_the_wrong_n_x_is_rejected():
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\) = \(3, 1\).*got shape \(4, 1\)"):
        check_parameters(np.zeros((4, 1)), 0.0, X)


def test_a_row_w_is_rejected():
    with pytest.raises(ValueError, match=r"got shape \(1, 3\)"):
        check_parameters(np.zeros((1, 3)), 0.0, X)


def test_b_must_be_a_scalar():
    with pytest.raises(ValueError, match="b must be a scalar"):
        check_parameters(np.zeros((3, 1)), np.zeros((1, 1)), X)
