'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildQuery, parseQuery } = require('./query');

test('spaces are encoded as %20', () => {
  // The module writes "+" for a space.
  assert.equal(buildQuery({ q: 'a b' }), 'q=a%20b');
});

test('repeated keys', () => {
  assert.deepEqual(parseQuery('t=a&t=b'), { t: ['a', 'b'] });
});

test('first equals sign splits', () => {
  assert.deepEqual(parseQuery('a=b=c'), { a: 'b=c' });
});
