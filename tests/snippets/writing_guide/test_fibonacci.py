import pytest

from snippets.writing_guide.fibonacci import fibonacci, fibonacci_binet


def test_fibonacci_starts_with_the_textbook_values():
    assert [fibonacci(n) for n in range(10)] == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]


def test_fibonacci_satisfies_the_recurrence_for_large_n():
    for n in range(2, 300):
        assert fibonacci(n) == fibonacci(n - 1) + fibonacci(n - 2)


def test_fibonacci_rejects_negative_n():
    with pytest.raises(ValueError, match="n must be >= 0"):
        fibonacci(-1)


def test_binet_matches_the_loop_up_to_its_documented_limit():
    assert all(fibonacci_binet(n) == fibonacci(n) for n in range(71))


def test_binet_drifts_past_its_documented_limit():
    # Documents why the page says "exact only up to n = 70".
    assert any(fibonacci_binet(n) != fibonacci(n) for n in range(71, 80))
