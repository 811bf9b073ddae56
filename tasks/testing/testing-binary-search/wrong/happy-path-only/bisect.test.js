'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { bisectLeft, bisectRight, indexOf, insertSorted, countInRange } = require('./bisect');

test('finds insertion points', () => {
  assert.equal(bisectLeft([10, 20, 30], 25), 2);
  assert.equal(bisectRight([10, 20, 30], 25), 2);
});

test('indexOf', () => {
  assert.equal(indexOf([1, 3, 5, 7], 5), 2);
  assert.equal(indexOf([1, 3, 5, 7], 4), -1);
});

test('insertSorted', () => {
  const a = [1, 3, 5];
  insertSorted(a, 4);
  assert.deepEqual(a, [1, 3, 4, 5]);
});

test('countInRange', () => {
  assert.equal(countInRange([1, 2, 3, 4, 5], 2, 4), 3);
});
