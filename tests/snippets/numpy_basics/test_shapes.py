import numpy as np

from snippets.numpy_basics.shapes import rank_one_versus_column


def test_both_returned_arrays_are_columns():
    np.random.seed(0)
    a, b = rank_one_versus_column(5)
    assert a.shape == b.shape == (5, 1)


def test_randn_with_one_argument_gives_a_rank_one_array():
    assert np.random.randn(5).shape == (5,)
    assert np.random.randn(5, 1).shape == (5, 1)


def test_other_lengths_work_too():
    a, b = rank_one_versus_column(3)
    assert a.shape == b.shape == (3, 1)
