'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { wrap } = require('./wrap');

test('greedy wrapping', () => {
  assert.deepEqual(wrap('the quick brown fox jumps', 10), ['the quick', 'brown fox', 'jumps']);
  assert.deepEqual(wrap('a b c d e', 3), ['a b', 'c d', 'e']);
});

test('a line may be exactly width long', () => {
  assert.deepEqual(wrap('ab cd', 5), ['ab cd']);
  assert.deepEqual(wrap('ab cd ef', 5), ['ab cd', 'ef']);
});

test('the joining space counts toward the width', () => {
  assert.deepEqual(wrap('ab cd', 4), ['ab', 'cd']);
  assert.deepEqual(wrap('abc de fg', 6), ['abc de', 'fg']);
});

test('text that fits stays on one line', () => {
  assert.deepEqual(wrap('hello', 80), ['hello']);
});

test('whitespace runs collapse and edges are trimmed', () => {
  assert.deepEqual(wrap('  lots   of \t space  ', 20), ['lots of space']);
  assert.deepEqual(wrap('a\tb', 5), ['a b']);
  assert.deepEqual(wrap('a\t\tb\tc', 3), ['a b', 'c']);
});

test('empty and blank input', () => {
  assert.deepEqual(wrap('', 5), ['']);
  assert.deepEqual(wrap('   ', 5), ['']);
});

test('line breaks are kept, blank lines too', () => {
  assert.deepEqual(wrap('a\nb', 10), ['a', 'b']);
  assert.deepEqual(wrap('a\n\nb', 10), ['a', '', 'b']);
  assert.deepEqual(wrap('one two\r\nthree', 7), ['one two', 'three']);
  assert.deepEqual(wrap('x\n', 4), ['x', '']);
  assert.deepEqual(wrap('aa bb cc\ndd', 5), ['aa bb', 'cc', 'dd']);
});

test('long words are broken into width-sized pieces by default', () => {
  assert.deepEqual(wrap('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrap('abcdefgh', 4), ['abcd', 'efgh']);
  assert.deepEqual(wrap('hi abcdefghij', 4), ['hi', 'abcd', 'efgh', 'ij']);
});

test('the last piece of a broken word shares its line with following words', () => {
  assert.deepEqual(wrap('abcdefghij kl', 5), ['abcde', 'fghij', 'kl']);
  assert.deepEqual(wrap('abcdefg h', 5), ['abcde', 'fg h']);
});

test('a word of exactly width is not broken', () => {
  assert.deepEqual(wrap('abcde', 5), ['abcde']);
  assert.deepEqual(wrap('xy abcde', 5), ['xy', 'abcde']);
  assert.deepEqual(wrap('abcde\nf', 5), ['abcde', 'f']);
});

test('breakLongWords: false keeps long words whole', () => {
  assert.deepEqual(wrap('abcdefghij', 4, { breakLongWords: false }), ['abcdefghij']);
  assert.deepEqual(wrap('a abcdefghij b', 4, { breakLongWords: false }), ['a', 'abcdefghij', 'b']);
  assert.deepEqual(wrap('ab cd', 5, { breakLongWords: false }), ['ab cd']);
});

test('explicit breakLongWords: true matches the default', () => {
  assert.deepEqual(wrap('abcdefghij', 4, { breakLongWords: true }), ['abcd', 'efgh', 'ij']);
});

test('width 1', () => {
  assert.deepEqual(wrap('ab c', 1), ['a', 'b', 'c']);
});

test('invalid arguments', () => {
  assert.throws(() => wrap('a', 0), RangeError);
  assert.throws(() => wrap('a', -3), RangeError);
  assert.throws(() => wrap('a', 2.5), RangeError);
  assert.throws(() => wrap('a', NaN), RangeError);
  assert.throws(() => wrap('a', '5'), RangeError);
  assert.throws(() => wrap(null, 5), TypeError);
  assert.throws(() => wrap(42, 5), TypeError);
});
