"""Fibonacci numbers two ways: a loop, and Binet's closed form."""
from __future__ import annotations

import math


# --8<-- [start:iterative]
def fibonacci(n: int) -> int:
    """Return F(n), with F(0) = 0 and F(1) = 1, using exact integer arithmetic."""
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    current, following = 0, 1
    for _ in range(n):
        current, following = following, current + following
    return current
# --8<-- [end:iterative]


# --8<-- [start:binet]
GOLDEN_RATIO = (1 + math.sqrt(5)) / 2
CONJUGATE = (1 - math.sqrt(5)) / 2


def fibonacci_binet(n: int) -> int:
    """Return F(n) from Binet's formula; floats make it exact only up to n = 70."""
    return round((GOLDEN_RATIO**n - CONJUGATE**n) / math.sqrt(5))
# --8<-- [end:binet]
