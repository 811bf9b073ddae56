'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parse, compare, bump } = require('./semver');

test('parse a plain version', () => {
  assert.equal(parse('1.2.3').major, 1);
  assert.equal(parse('1.2.3').minor, 2);
});

test('compare plain versions', () => {
  assert.equal(compare('1.0.0', '2.0.0'), -1);
  assert.equal(compare('1.3.0', '1.2.0'), 1);
  assert.equal(compare('1.2.3', '1.2.3'), 0);
});

test('pre-release is lower than release', () => {
  assert.equal(compare('1.0.0-alpha', '1.0.0'), -1);
});

test('bump', () => {
  assert.equal(bump('1.2.3', 'major'), '2.0.0');
  assert.equal(bump('1.2.3', 'patch'), '1.2.4');
});
