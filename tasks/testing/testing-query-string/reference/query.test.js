'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { buildQuery, parseQuery } = require('./query');

test('buildQuery joins pairs in key order', () => {
  assert.equal(buildQuery({ a: '1', b: '2' }), 'a=1&b=2');
  assert.equal(buildQuery({ b: '2', a: '1' }), 'b=2&a=1');
});

test('buildQuery returns an empty string when nothing is left', () => {
  assert.equal(buildQuery({}), '');
  assert.equal(buildQuery({ a: null, b: undefined, c: [] }), '');
});

test('buildQuery converts numbers and booleans, keeps falsy ones', () => {
  assert.equal(buildQuery({ n: 0, f: false, t: true, x: 1.5 }), 'n=0&f=false&t=true&x=1.5');
  assert.equal(buildQuery({ e: '' }), 'e=');
});

test('buildQuery skips null and undefined', () => {
  assert.equal(buildQuery({ a: null, b: '1', c: undefined }), 'b=1');
});

test('buildQuery repeats keys for arrays and skips null elements', () => {
  assert.equal(buildQuery({ t: ['a', 'b'], z: 1 }), 't=a&t=b&z=1');
  assert.equal(buildQuery({ t: ['a', null, undefined, 0, ''] }), 't=a&t=0&t=');
});

test('buildQuery encodes reserved characters, spaces as plus', () => {
  assert.equal(buildQuery({ q: 'a b' }), 'q=a+b');
  assert.equal(buildQuery({ q: 'x&y=z' }), 'q=x%26y%3Dz');
  assert.equal(buildQuery({ q: '1+1' }), 'q=1%2B1');
  assert.equal(buildQuery({ 'a b&c': 'v' }), 'a+b%26c=v');
  assert.equal(buildQuery({ p: '/path?x#y' }), 'p=%2Fpath%3Fx%23y');
  assert.equal(buildQuery({ u: 'é€' }), 'u=%C3%A9%E2%82%AC');
  assert.equal(buildQuery({ s: "-_.!~*'()" }), "s=-_.!~*'()");
});

test('parseQuery reads simple pairs', () => {
  assert.deepEqual(parseQuery('a=1&b=2'), { a: '1', b: '2' });
  assert.deepEqual(parseQuery('?a=1'), { a: '1' });
  assert.deepEqual(parseQuery(''), {});
  assert.deepEqual(parseQuery('?'), {});
});

test('parseQuery skips empty pairs and handles missing values', () => {
  assert.deepEqual(parseQuery('a=1&&b=2&'), { a: '1', b: '2' });
  assert.deepEqual(parseQuery('flag&x='), { flag: '', x: '' });
  assert.deepEqual(parseQuery('=v'), { '': 'v' });
});

test('parseQuery splits only at the first equals sign', () => {
  assert.deepEqual(parseQuery('a=b=c'), { a: 'b=c' });
  assert.deepEqual(parseQuery('expr=x%3Dy=z'), { expr: 'x=y=z' });
});

test('parseQuery decodes plus and percent escapes', () => {
  assert.deepEqual(parseQuery('q=a+b'), { q: 'a b' });
  assert.deepEqual(parseQuery('q=1%2B1'), { q: '1+1' });
  assert.deepEqual(parseQuery('q=a%20b'), { q: 'a b' });
  assert.deepEqual(parseQuery('a+b%26c=%C3%A9'), { 'a b&c': 'é' });
});

test('parseQuery rejects malformed escapes', () => {
  assert.throws(() => parseQuery('a=%zz'), URIError);
  assert.throws(() => parseQuery('%E0%A4%A=1'), URIError);
});

test('parseQuery collects repeated keys into arrays', () => {
  assert.deepEqual(parseQuery('t=a&t=b'), { t: ['a', 'b'] });
  assert.deepEqual(parseQuery('t=a&x=1&t=b&t=c'), { t: ['a', 'b', 'c'], x: '1' });
  assert.deepEqual(parseQuery('t&t='), { t: ['', ''] });
});

test('parseQuery keeps __proto__ and constructor as plain keys', () => {
  const result = parseQuery('__proto__=x&constructor=y');
  assert.equal(Object.getPrototypeOf(result), Object.prototype);
  assert.deepEqual(Object.keys(result), ['__proto__', 'constructor']);
  assert.equal(Object.getOwnPropertyDescriptor(result, '__proto__').value, 'x');
  assert.equal(result.constructor, 'y');
  const twice = parseQuery('__proto__=a&__proto__=b');
  assert.deepEqual(Object.getOwnPropertyDescriptor(twice, '__proto__').value, ['a', 'b']);
  assert.equal(Object.getPrototypeOf(twice), Object.prototype);
});

test('round trip', () => {
  const params = { q: 'a b+c', list: ['x', 'y=z', '&'], empty: '', 'k é': 'v%' };
  assert.deepEqual(parseQuery(buildQuery(params)), params);
});
