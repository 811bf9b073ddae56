import pytest

from intervals import find_gaps, merge_intervals, total_length


def test_empty_input():
    assert merge_intervals([]) == []
    assert total_length([]) == 0
    assert find_gaps([], 1, 5) == [(1, 5)]


def test_disjoint_intervals_are_sorted():
    assert merge_intervals([(10, 12), (1, 2), (5, 7)]) == [(1, 2), (5, 7), (10, 12)]


def test_overlapping_intervals_merge():
    assert merge_intervals([(3, 8), (1, 5)]) == [(1, 8)]


def test_shared_endpoint_merges_in_both_modes():
    assert merge_intervals([(1, 3), (3, 6)]) == [(1, 6)]
    assert merge_intervals([(1, 3), (3, 6)], touching=False) == [(1, 6)]


def test_adjacent_intervals_merge_by_default_only():
    assert merge_intervals([(4, 6), (1, 3)]) == [(1, 6)]
    assert merge_intervals([(4, 6), (1, 3)], touching=False) == [(1, 3), (4, 6)]


def test_gap_of_one_is_not_bridged():
    assert merge_intervals([(1, 3), (5, 6)]) == [(1, 3), (5, 6)]


def test_contained_interval_does_not_shrink_the_union():
    assert merge_intervals([(1, 10), (2, 3)]) == [(1, 10)]
    assert merge_intervals([(2, 3), (1, 10), (4, 4)]) == [(1, 10)]


def test_long_interval_starting_first_absorbs_later_ones():
    assert merge_intervals([(1, 10), (2, 3), (12, 14)]) == [(1, 10), (12, 14)]


def test_point_intervals_are_valid():
    assert merge_intervals([(4, 4)]) == [(4, 4)]
    assert merge_intervals([(4, 4), (5, 5)]) == [(4, 5)]
    assert total_length([(4, 4)]) == 1


def test_negative_coordinates():
    assert merge_intervals([(-5, -1), (0, 2)]) == [(-5, 2)]


def test_input_is_not_modified():
    data = [(5, 6), (1, 2)]
    merge_intervals(data)
    assert data == [(5, 6), (1, 2)]


def test_reversed_interval_is_rejected():
    with pytest.raises(ValueError):
        merge_intervals([(1, 2), (5, 3)])
    with pytest.raises(ValueError):
        total_length([(2, 1)])


def test_total_length_counts_integers_once():
    assert total_length([(1, 3)]) == 3
    assert total_length([(1, 5), (3, 7)]) == 7
    assert total_length([(1, 3), (4, 6)]) == 6
    assert total_length([(1, 2), (10, 10)]) == 3


def test_gaps_between_intervals():
    assert find_gaps([(2, 3), (6, 7)], 0, 10) == [(0, 1), (4, 5), (8, 10)]


def test_no_gaps_when_fully_covered():
    assert find_gaps([(0, 4), (5, 10)], 0, 10) == []
    assert find_gaps([(-3, 20)], 0, 10) == []


def test_intervals_outside_range_are_ignored():
    assert find_gaps([(-10, -2), (20, 30)], 0, 10) == [(0, 10)]


def test_interval_ending_exactly_at_lo():
    assert find_gaps([(0, 3)], 3, 6) == [(4, 6)]


def test_interval_starting_exactly_at_hi():
    assert find_gaps([(5, 5)], 0, 5) == [(0, 4)]
    assert find_gaps([(5, 9)], 0, 5) == [(0, 4)]


def test_single_point_range():
    assert find_gaps([], 3, 3) == [(3, 3)]
    assert find_gaps([(3, 3)], 3, 3) == []


def test_gaps_rejects_empty_range():
    with pytest.raises(ValueError):
        find_gaps([], 5, 4)
