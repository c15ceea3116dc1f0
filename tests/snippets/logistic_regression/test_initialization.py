import numpy as np
import pytest

from snippets.logistic_regression.initialization import initialize_with_zeros


def test_w_is_a_float_column_of_zeros_and_b_is_zero():
    w, b = initialize_with_zeros(12288)  # 64 · 64 · 3, the course's cat images
    assert w.shape == (12288, 1)
    assert w.dtype == np.float64
    assert not w.any()
    assert b == 0.0 and type(b) is float


def test_dim_must_be_positive():
    with pytest.raises(ValueError, match="dim .* must be >= 1, got 0"):
        initialize_with_zeros(0)
