import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from snippets.numpy_basics.broadcasting import EXAMPLES, broadcast_shape, dot_shape, result_shape


@pytest.mark.parametrize(("operation", "left", "right", "expected"), EXAMPLES)
def test_the_pages_examples_hold_in_numpy(operation, left, right, expected):
    if expected is None:
        with pytest.raises(ValueError):
            result_shape(operation, left, right)
    else:
        assert result_shape(operation, left, right) == expected


@pytest.mark.parametrize(("operation", "left", "right", "expected"), EXAMPLES)
def test_the_stated_rules_predict_the_examples(operation, left, right, expected):
    rule = dot_shape if operation is np.dot else broadcast_shape
    if expected is None:
        with pytest.raises(ValueError):
            rule(left, right)
    else:
        assert rule(left, right) == expected


def test_star_is_np_multiply():
    rng = np.random.default_rng(3)
    a, b = rng.normal(size=(4, 3)), rng.normal(size=(4, 1))
    assert np.array_equal(a * b, np.multiply(a, b))
    assert np.array_equal(a * b, a * np.tile(b, (1, 3)))  # the column is repeated


def test_first_dimensions_need_not_match():
    # The seed said the first dimension must match; a (3,) row broadcasts over (4, 3).
    assert result_shape(np.multiply, (4, 3), (3,)) == (4, 3)
    assert result_shape(np.multiply, (4, 3), (1, 3)) == (4, 3)


@given(hnp.mutually_broadcastable_shapes(num_shapes=2, min_side=0, max_side=4))
def test_the_rule_agrees_with_numpy_on_broadcastable_shapes(shapes):
    left, right = shapes.input_shapes
    assert broadcast_shape(left, right) == np.broadcast_shapes(left, right)


@given(
    st.lists(st.integers(0, 4), max_size=3).map(tuple),
    st.lists(st.integers(0, 4), max_size=3).map(tuple),
)
def test_the_rule_raises_exactly_when_numpy_does(left, right):
    try:
        expected = np.broadcast_shapes(left, right)
    except ValueError:
        with pytest.raises(ValueError):
            broadcast_shape(left, right)
    else:
        assert broadcast_shape(left, right) == expected
