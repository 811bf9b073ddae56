'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { bisectLeft, bisectRight, indexOf, insertSorted, countInRange } = require('./bisect');

const byKey = (a, b) => a.key - b.key;

test('bisectLeft and bisectRight on distinct values', () => {
  const a = [10, 20, 30, 40];
  assert.equal(bisectLeft(a, 5), 0);
  assert.equal(bisectLeft(a, 10), 0);
  assert.equal(bisectLeft(a, 25), 2);
  assert.equal(bisectLeft(a, 40), 3);
  assert.equal(bisectLeft(a, 45), 4);
  assert.equal(bisectRight(a, 5), 0);
  assert.equal(bisectRight(a, 10), 1);
  assert.equal(bisectRight(a, 25), 2);
  assert.equal(bisectRight(a, 40), 4);
  assert.equal(bisectRight(a, 45), 4);
});

test('duplicates: left goes before, right goes after', () => {
  const a = [1, 2, 2, 2, 3];
  assert.equal(bisectLeft(a, 2), 1);
  assert.equal(bisectRight(a, 2), 4);
  const same = [7, 7, 7];
  assert.equal(bisectLeft(same, 7), 0);
  assert.equal(bisectRight(same, 7), 3);
});

test('empty array', () => {
  assert.equal(bisectLeft([], 1), 0);
  assert.equal(bisectRight([], 1), 0);
  assert.equal(indexOf([], 1), -1);
  assert.equal(countInRange([], 0, 10), 0);
});

test('strings with the default comparison', () => {
  const a = ['apple', 'banana', 'cherry'];
  assert.equal(bisectLeft(a, 'banana'), 1);
  assert.equal(bisectRight(a, 'banana'), 2);
  assert.equal(bisectLeft(a, 'blueberry'), 2);
});

test('custom comparator, including descending order', () => {
  const desc = (a, b) => b - a;
  const a = [9, 7, 7, 3];
  assert.equal(bisectLeft(a, 7, desc), 1);
  assert.equal(bisectRight(a, 7, desc), 3);
  assert.equal(bisectLeft(a, 10, desc), 0);
  const objs = [{ key: 1 }, { key: 2 }, { key: 2 }, { key: 5 }];
  assert.equal(bisectLeft(objs, { key: 2 }, byKey), 1);
  assert.equal(bisectRight(objs, { key: 2 }, byKey), 3);
});

test('lo and hi restrict the search', () => {
  const a = [1, 2, 3, 4, 5, 6];
  assert.equal(bisectLeft(a, 6, undefined, 0, 3), 3);
  assert.equal(bisectLeft(a, 0, undefined, 2, 5), 2);
  assert.equal(bisectRight(a, 6, undefined, 1, 4), 4);
  assert.equal(bisectRight(a, 0, undefined, 2, 4), 2);
  assert.equal(bisectLeft(a, 4, undefined, 3, 3), 3);
  assert.equal(bisectLeft(a, 3, undefined, 0, 6), 2);
});

test('invalid ranges throw RangeError', () => {
  const a = [1, 2, 3];
  for (const fn of [bisectLeft, bisectRight]) {
    assert.throws(() => fn(a, 2, undefined, -1, 3), RangeError);
    assert.throws(() => fn(a, 2, undefined, 0, 4), RangeError);
    assert.throws(() => fn(a, 2, undefined, 2, 1), RangeError);
    assert.throws(() => fn(a, 2, undefined, 0.5, 2), RangeError);
    assert.throws(() => fn(a, 2, undefined, 0, 2.5), RangeError);
  }
  assert.equal(bisectLeft(a, 2, undefined, 3, 3), 3);
});

test('indexOf finds the first equal element', () => {
  const a = [1, 3, 3, 3, 8];
  assert.equal(indexOf(a, 3), 1);
  assert.equal(indexOf(a, 1), 0);
  assert.equal(indexOf(a, 8), 4);
  assert.equal(indexOf(a, 2), -1);
  assert.equal(indexOf(a, 0), -1);
  assert.equal(indexOf(a, 9), -1);
  assert.equal(indexOf([{ key: 4 }], { key: 4 }, byKey), 0);
});

test('insertSorted keeps order and returns the index', () => {
  const a = [1, 3, 5];
  assert.equal(insertSorted(a, 4), 2);
  assert.deepEqual(a, [1, 3, 4, 5]);
  assert.equal(insertSorted(a, 0), 0);
  assert.equal(insertSorted(a, 9), 5);
  assert.deepEqual(a, [0, 1, 3, 4, 5, 9]);
  const empty = [];
  assert.equal(insertSorted(empty, 'x'), 0);
  assert.deepEqual(empty, ['x']);
});

test('insertSorted is stable: new element goes after equal ones', () => {
  const a = [{ key: 1, id: 'a' }, { key: 2, id: 'b' }, { key: 2, id: 'c' }, { key: 3, id: 'd' }];
  assert.equal(insertSorted(a, { key: 2, id: 'new' }, byKey), 3);
  assert.deepEqual(a.map((o) => o.id), ['a', 'b', 'c', 'new', 'd']);
  const nums = [5, 5];
  assert.equal(insertSorted(nums, 5), 2);
});

test('countInRange is inclusive at both ends', () => {
  const a = [1, 2, 2, 3, 5, 5, 8];
  assert.equal(countInRange(a, 2, 5), 5);
  assert.equal(countInRange(a, 2, 2), 2);
  assert.equal(countInRange(a, 4, 4), 0);
  assert.equal(countInRange(a, 0, 100), 7);
  assert.equal(countInRange(a, 6, 7), 0);
  assert.equal(countInRange(a, 8, 8), 1);
});

test('countInRange returns 0 when low > high', () => {
  assert.equal(countInRange([1, 2, 3, 4], 3, 2), 0);
  assert.equal(countInRange([1, 2, 3, 4], 4, 1), 0);
});

test('large array agrees with a linear scan', () => {
  const a = [];
  for (let i = 0; i < 500; i++) a.push(Math.floor(i / 3));
  for (let x = -1; x <= 170; x += 1) {
    const left = a.findIndex((v) => v >= x);
    const right = a.findIndex((v) => v > x);
    assert.equal(bisectLeft(a, x), left === -1 ? a.length : left);
    assert.equal(bisectRight(a, x), right === -1 ? a.length : right);
  }
});
