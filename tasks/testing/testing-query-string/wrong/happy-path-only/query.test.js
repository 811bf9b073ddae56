'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildQuery, parseQuery } = require('./query');

test('build a query', () => {
  assert.equal(buildQuery({ a: '1', b: 'two' }), 'a=1&b=two');
});

test('build with a space', () => {
  assert.equal(buildQuery({ q: 'hello world' }), 'q=hello+world');
});

test('parse a query', () => {
  assert.deepEqual(parseQuery('?a=1&b=two'), { a: '1', b: 'two' });
});

test('parse a space', () => {
  assert.deepEqual(parseQuery('q=hello+world'), { q: 'hello world' });
});
