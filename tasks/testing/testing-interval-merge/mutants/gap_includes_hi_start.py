"""Union, coverage and gaps of closed integer intervals."""


def merge_intervals(intervals, *, touching=True):
    """Return the union of ``intervals`` as a sorted list of disjoint tuples.

    - Each interval is a pair ``(start, end)`` of integers meaning every integer
      from ``start`` to ``end`` inclusive; ``start > end`` raises ``ValueError``.
      A single point such as ``(4, 4)`` is a valid interval.
    - Input order does not matter and the input is not modified.
    - Overlapping intervals, and intervals sharing an endpoint, are merged:
      ``(1, 5)`` and ``(3, 8)`` give ``(1, 8)``; ``(1, 3)`` and ``(3, 6)`` give ``(1, 6)``.
    - With ``touching=True`` (the default) adjacent intervals are merged too:
      ``(1, 3)`` and ``(4, 6)`` give ``(1, 6)``. With ``touching=False`` they stay apart.
    """
    gap = 1 if touching else 0
    result = []
    for start, end in sorted(_validated(intervals)):
        if result and start <= result[-1][1] + gap:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def total_length(intervals):
    """Return how many distinct integers the intervals cover together."""
    return sum(end - start + 1 for start, end in merge_intervals(intervals, touching=False))


def find_gaps(intervals, lo, hi):
    """Return the maximal closed intervals inside ``[lo, hi]`` covered by none of ``intervals``.

    Intervals may extend beyond ``[lo, hi]``; only the part inside counts.
    ``lo > hi`` raises ``ValueError``.
    """
    if lo > hi:
        raise ValueError("lo must not exceed hi")
    gaps = []
    cursor = lo
    for start, end in merge_intervals(intervals):
        if end < lo:
            continue
        if start >= hi:
            break
        if start > cursor:
            gaps.append((cursor, start - 1))
        cursor = max(cursor, end + 1)
    if cursor <= hi:
        gaps.append((cursor, hi))
    return gaps


def _validated(intervals):
    checked = []
    for start, end in intervals:
        if start > end:
            raise ValueError(f"interval start {start} is after its end {end}")
        checked.append((start, end))
    return checked
