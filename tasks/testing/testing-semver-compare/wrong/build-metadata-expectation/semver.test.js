'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { compare, bump } = require('./semver');

test('precedence', () => {
  assert.equal(compare('1.0.0-rc.10', '1.0.0-rc.9'), 1);
  assert.equal(compare('1.0.0-alpha', '1.0.0'), -1);
});

test('build metadata breaks ties', () => {
  // SemVer (and this module) ignore build metadata for precedence.
  assert.equal(compare('1.0.0+a', '1.0.0+b'), -1);
});

test('bump', () => {
  assert.equal(bump('1.2.3-rc.1', 'patch'), '1.2.3');
});
