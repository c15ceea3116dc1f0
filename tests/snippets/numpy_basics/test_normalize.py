import numpy as np
import pytest

from snippets.numpy_basics.normalize import normalize_rows


def test_rows_become_unit_vectors_with_the_same_direction():
    x = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
    normalized = normalize_rows(x)
    assert np.allclose(np.linalg.norm(normalized, axis=1), 1)
    assert np.allclose(normalized[0], [0, 0.6, 0.8])
    assert np.allclose(normalized * np.linalg.norm(x, axis=1, keepdims=True), x)


def test_random_rows_have_unit_length():
    x = np.random.default_rng(2).normal(size=(20, 7))
    assert np.allclose(np.linalg.norm(normalize_rows(x), axis=1), 1)


def test_a_zero_row_is_reported_by_index():
    with pytest.raises(ValueError, match=r"rows \[1\] are all zeros"):
        normalize_rows([[1.0, 2.0], [0.0, 0.0]])


def test_a_rank_one_array_is_rejected():
    with pytest.raises(ValueError, match=r"2-D array, got shape \(3,\)"):
        normalize_rows([1.0, 2.0, 3.0])
