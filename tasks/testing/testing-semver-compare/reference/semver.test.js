'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { parse, compare, sortVersions, bump } = require('./semver');

test('parse splits all parts', () => {
  assert.deepEqual(parse('1.2.3'), { major: 1, minor: 2, patch: 3, prerelease: [], build: [] });
  assert.deepEqual(parse('10.20.30-rc.1+build.5'), {
    major: 10,
    minor: 20,
    patch: 30,
    prerelease: ['rc', '1'],
    build: ['build', '5'],
  });
  assert.deepEqual(parse('0.0.0-alpha-beta.0+001').prerelease, ['alpha-beta', '0']);
  assert.deepEqual(parse('0.0.0-alpha-beta.0+001').build, ['001']);
});

test('parse rejects invalid versions', () => {
  for (const bad of [
    '', '1', '1.2', '1.2.3.4', 'v1.2.3', ' 1.2.3', '1.2.3 ', '01.2.3', '1.02.3', '1.2.03',
    '1.2.3-', '1.2.3-rc..1', '1.2.3-01', '1.2.3+', '1.2.3-rc_1', 'a.b.c', '-1.2.3',
  ]) {
    assert.throws(() => parse(bad), Error, bad);
  }
});

test('parse accepts zero and alphanumeric identifiers with leading zeros', () => {
  assert.equal(parse('0.0.0').major, 0);
  assert.deepEqual(parse('1.0.0-0').prerelease, ['0']);
  assert.deepEqual(parse('1.0.0-0a').prerelease, ['0a']);
});

test('parse rejects non-strings with TypeError', () => {
  assert.throws(() => parse(1), TypeError);
  assert.throws(() => parse(null), TypeError);
  assert.throws(() => compare('1.0.0', undefined), TypeError);
});

test('major, minor and patch are compared numerically in order', () => {
  assert.equal(compare('1.0.0', '2.0.0'), -1);
  assert.equal(compare('2.0.0', '1.9.9'), 1);
  assert.equal(compare('1.2.0', '1.10.0'), -1);
  assert.equal(compare('1.2.3', '1.2.4'), -1);
  assert.equal(compare('1.2.10', '1.2.9'), 1);
  assert.equal(compare('1.2.3', '1.2.3'), 0);
});

test('pre-release sorts before its release', () => {
  assert.equal(compare('1.0.0-rc.1', '1.0.0'), -1);
  assert.equal(compare('1.0.0', '1.0.0-alpha'), 1);
  assert.equal(compare('1.0.0-alpha', '0.9.9'), 1);
});

test('pre-release identifiers follow SemVer precedence', () => {
  const ordered = [
    '1.0.0-alpha',
    '1.0.0-alpha.1',
    '1.0.0-alpha.beta',
    '1.0.0-beta',
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
  ];
  for (let i = 0; i < ordered.length - 1; i++) {
    assert.equal(compare(ordered[i], ordered[i + 1]), -1, `${ordered[i]} < ${ordered[i + 1]}`);
    assert.equal(compare(ordered[i + 1], ordered[i]), 1, `${ordered[i + 1]} > ${ordered[i]}`);
  }
});

test('numeric identifiers compare as numbers and before text', () => {
  assert.equal(compare('1.0.0-rc.10', '1.0.0-rc.9'), 1);
  assert.equal(compare('1.0.0-2', '1.0.0-10'), -1);
  assert.equal(compare('1.0.0-1', '1.0.0-alpha'), -1);
  assert.equal(compare('1.0.0-alpha', '1.0.0-1'), 1);
  assert.equal(compare('1.0.0-Beta', '1.0.0-alpha'), -1);
});

test('a longer pre-release sorts after its prefix', () => {
  assert.equal(compare('1.0.0-alpha', '1.0.0-alpha.0'), -1);
  assert.equal(compare('1.0.0-alpha.0.1', '1.0.0-alpha.0'), 1);
});

test('build metadata is ignored', () => {
  assert.equal(compare('1.0.0+a', '1.0.0+b'), 0);
  assert.equal(compare('1.0.0-rc.1+x', '1.0.0-rc.1'), 0);
  assert.equal(compare('1.0.0+zzz', '1.0.1'), -1);
});

test('sortVersions returns a new sorted array', () => {
  const input = ['1.10.0', '1.2.0', '1.0.0', '1.0.0-rc.1', '0.9.0+b'];
  const sorted = sortVersions(input);
  assert.deepEqual(sorted, ['0.9.0+b', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']);
  assert.deepEqual(input, ['1.10.0', '1.2.0', '1.0.0', '1.0.0-rc.1', '0.9.0+b']);
});

test('sortVersions is stable for equal precedence', () => {
  assert.deepEqual(sortVersions(['1.0.0+b', '1.0.0+a', '0.1.0']), ['0.1.0', '1.0.0+b', '1.0.0+a']);
});

test('bump major, minor and patch', () => {
  assert.equal(bump('1.2.3', 'major'), '2.0.0');
  assert.equal(bump('1.2.3', 'minor'), '1.3.0');
  assert.equal(bump('1.2.3', 'patch'), '1.2.4');
  assert.equal(bump('0.9.9', 'patch'), '0.9.10');
});

test('bump drops pre-release and build', () => {
  assert.equal(bump('1.2.3-rc.1', 'patch'), '1.2.3');
  assert.equal(bump('1.2.3-rc.1', 'minor'), '1.3.0');
  assert.equal(bump('1.2.3-rc.1+b7', 'major'), '2.0.0');
  assert.equal(bump('1.2.3+b7', 'patch'), '1.2.4');
});

test('bump rejects unknown release types and bad versions', () => {
  assert.throws(() => bump('1.2.3', 'prerelease'), RangeError);
  assert.throws(() => bump('1.2.3', 'Major'), RangeError);
  assert.throws(() => bump('1.2', 'patch'), Error);
});
