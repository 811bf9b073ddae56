'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { bisectLeft, bisectRight, insertSorted } = require('./bisect');

test('duplicates', () => {
  assert.equal(bisectLeft([1, 2, 2, 3], 2), 1);
  assert.equal(bisectRight([1, 2, 2, 3], 2), 3);
});

test('insertSorted puts the new element before equal ones', () => {
  // The module inserts after equal elements.
  const a = [{ key: 2, id: 'old' }];
  assert.equal(insertSorted(a, { key: 2, id: 'new' }, (x, y) => x.key - y.key), 0);
  assert.deepEqual(a.map((o) => o.id), ['new', 'old']);
});
