import pytest

from intervals import find_gaps, merge_intervals, total_length


def test_overlapping_intervals_merge():
    assert merge_intervals([(3, 8), (1, 5)]) == [(1, 8)]


def test_adjacent_intervals_stay_apart():
    # Treats the intervals as half-open, which the module does not do.
    assert merge_intervals([(1, 3), (4, 6)]) == [(1, 3), (4, 6)]


def test_contained_interval():
    assert merge_intervals([(1, 10), (2, 3)]) == [(1, 10)]


def test_total_length():
    assert total_length([(1, 3)]) == 2


def test_gaps():
    assert find_gaps([(2, 3)], 0, 5) == [(0, 1), (4, 5)]


def test_reversed_interval_is_rejected():
    with pytest.raises(ValueError):
        merge_intervals([(5, 3)])
