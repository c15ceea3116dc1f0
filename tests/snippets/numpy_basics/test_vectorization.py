import numpy as np
import pytest

from snippets.numpy_basics.vectorization import dot_vectorized, dot_with_loop


def test_loop_and_np_dot_agree_on_random_vectors():
    rng = np.random.default_rng(4)
    x, y = rng.normal(size=10_000), rng.normal(size=10_000)
    assert dot_with_loop(x, y) == pytest.approx(dot_vectorized(x, y), rel=1e-9)


def test_both_agree_with_a_hand_value():
    x, y = [9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0], [9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0]
    assert dot_with_loop(x, y) == dot_vectorized(x, y) == 278.0


def test_mismatched_lengths_are_rejected():
    with pytest.raises(ValueError):
        dot_with_loop([1, 2], [1])
    with pytest.raises(ValueError):
        dot_vectorized([1, 2], [1])
