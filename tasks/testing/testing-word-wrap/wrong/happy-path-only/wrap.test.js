'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { wrap } = require('./wrap');

test('wraps a sentence', () => {
  assert.deepEqual(wrap('the quick brown fox jumps over the lazy dog', 15), [
    'the quick brown',
    'fox jumps over',
    'the lazy dog',
  ]);
});

test('short text is unchanged', () => {
  assert.deepEqual(wrap('hello world', 40), ['hello world']);
});

test('rejects zero width', () => {
  assert.throws(() => wrap('text', 0), RangeError);
});
