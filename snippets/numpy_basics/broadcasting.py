"""numpy's broadcasting rule for element-wise operations, and the shape rule of np.dot."""
from __future__ import annotations

import itertools

import numpy as np


# --8<-- [start:rule]
def broadcast_shape(left: tuple[int, ...], right: tuple[int, ...]) -> tuple[int, ...]:
    """The result shape of left * right (or +, -, /), found the way numpy does.

    Shapes are compared from the trailing dimension backwards; two sizes are
    compatible when they are equal or one of them is 1, and a missing dimension
    counts as 1.
    """
    result = []
    for a, b in itertools.zip_longest(reversed(left), reversed(right), fillvalue=1):
        if a != b and 1 not in (a, b):
            raise ValueError(f"shapes {left} and {right} do not broadcast: sizes {a} and {b}")
        result.append(b if a == 1 else a)
    return tuple(reversed(result))


def dot_shape(left: tuple[int, int], right: tuple[int, int]) -> tuple[int, int]:
    """The result shape of np.dot for two matrices: the inner dimensions must agree."""
    (n, k), (k2, p) = left, right
    if k != k2:
        raise ValueError(f"np.dot{left, right}: inner dimensions {k} and {k2} differ")
    return (n, p)
# --8<-- [end:rule]


# --8<-- [start:examples]
# (operation, left shape, right shape, result shape); None: numpy raises ValueError.
# a * b is np.multiply(a, b) and a + b is np.add(a, b).
EXAMPLES = [
    (np.multiply, (4, 3), (4, 1), (4, 3)),  # 3 vs 1, then 4 vs 4: the column is repeated
    (np.multiply, (4, 3), (3, 1), None),    # 3 vs 1 is fine, but 4 vs 3: neither is 1
    (np.add, (3, 2), (3, 1), (3, 2)),
    (np.dot, (4, 3), (3, 1), (4, 1)),       # inner dimensions 3 and 3
    (np.dot, (4, 3), (4, 1), None),         # inner dimensions 3 and 4
]


def result_shape(operation, left: tuple[int, ...], right: tuple[int, ...]) -> tuple[int, ...]:
    """Run operation on arrays of ones with these shapes and return the result's shape."""
    return np.shape(operation(np.ones(left), np.ones(right)))
# --8<-- [end:examples]
