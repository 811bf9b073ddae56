'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { wrap } = require('./wrap');

test('wraps greedily', () => {
  assert.deepEqual(wrap('ab cd ef', 5), ['ab cd', 'ef']);
});

test('newlines are treated like spaces', () => {
  // The module keeps the input's line breaks instead.
  assert.deepEqual(wrap('a\nb', 10), ['a b']);
});

test('long words are broken', () => {
  assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
});
