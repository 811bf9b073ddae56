from intervals import find_gaps, merge_intervals, total_length


def test_merge_overlapping():
    assert merge_intervals([(1, 5), (3, 8)]) == [(1, 8)]


def test_merge_keeps_disjoint_intervals():
    assert merge_intervals([(10, 12), (1, 2)]) == [(1, 2), (10, 12)]


def test_total_length():
    assert total_length([(1, 5), (3, 7)]) == 7


def test_find_gaps():
    assert find_gaps([(2, 3), (6, 7)], 0, 10) == [(0, 1), (4, 5), (8, 10)]
