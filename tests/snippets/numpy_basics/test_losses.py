import numpy as np
import pytest

from snippets.numpy_basics.losses import l1_loss, l2_loss

YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
Y = np.array([1, 0, 0, 1, 1])


def test_l1_matches_the_hand_value():
    # |0.1| + |0.2| + |0.1| + |0.6| + |0.1|
    assert l1_loss(YHAT, Y) == pytest.approx(1.1)


def test_l2_is_the_sum_of_squares():
    # 0.01 + 0.04 + 0.01 + 0.36 + 0.01
    assert l2_loss(YHAT, Y) == pytest.approx(0.43)
    assert l2_loss(YHAT, Y) == pytest.approx(np.sum((Y - YHAT) ** 2))


def test_l2_is_the_sum_of_squares_for_matrices_too():
    yhat = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert l2_loss(yhat, np.zeros((2, 2))) == pytest.approx(30.0)


def test_losses_are_python_floats_and_zero_for_perfect_predictions():
    assert type(l1_loss(Y, Y)) is float and l1_loss(Y, Y) == 0.0
    assert type(l2_loss(Y, Y)) is float and l2_loss(Y, Y) == 0.0


def test_mismatched_shapes_are_rejected():
    with pytest.raises(ValueError, match=r"yhat has shape \(5,\) but y has shape \(4,\)"):
        l2_loss(YHAT, Y[:4])
