'use strict';

// Binary search helpers for arrays sorted in ascending order by `compare`.
// `compare(a, b)` returns a negative number, zero or a positive number; the
// default orders numbers and strings with < and >.

function defaultCompare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function checkBounds(array, lo, hi) {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 0 || hi > array.length || lo > hi) {
    throw new RangeError(`invalid search range [${lo}, ${hi}) for length ${array.length}`);
  }
}

/**
 * Insertion point for x that goes before any elements equal to x: the
 * smallest i in [lo, hi] with compare(array[i], x) >= 0, or hi if there is
 * none. Only array[lo..hi) is examined. RangeError if lo/hi are not integers
 * with 0 <= lo <= hi <= array.length.
 */
function bisectLeft(array, x, compare = defaultCompare, lo = 0, hi = array.length) {
  checkBounds(array, lo, hi);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(array[mid], x) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Like bisectLeft, but the insertion point comes after any elements equal to x. */
function bisectRight(array, x, compare = defaultCompare, lo = 0, hi = array.length) {
  checkBounds(array, lo, hi);
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(x, array[mid]) < 0) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first element equal to x (compare === 0), or -1. */
function indexOf(array, x, compare = defaultCompare) {
  const i = bisectLeft(array, x, compare);
  return compare(array[i], x) === 0 ? i : -1;
}

/**
 * Insert x into the sorted array in place, after any equal elements (so
 * insertion is stable), and return the index where it was put.
 */
function insertSorted(array, x, compare = defaultCompare) {
  const i = bisectRight(array, x, compare);
  array.splice(i, 0, x);
  return i;
}

/** Number of elements e with low <= e <= high (0 when low > high). */
function countInRange(array, low, high, compare = defaultCompare) {
  if (compare(low, high) > 0) return 0;
  return bisectRight(array, high, compare) - bisectLeft(array, low, compare);
}

module.exports = { bisectLeft, bisectRight, indexOf, insertSorted, countInRange };
