'use strict';

// Build and parse URL query strings (application/x-www-form-urlencoded style).

function encode(text) {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

function decode(text) {
  return decodeURIComponent(text);
}

/**
 * Turn a plain object into a query string without the leading "?".
 *
 * - Keys keep the object's own enumerable order.
 * - Values may be strings, numbers or booleans (converted with String), or
 *   arrays of those, which repeat the key once per element: {t: ['a', 'b']}
 *   gives "t=a&t=b".
 * - null and undefined values, and null/undefined array elements, are left
 *   out; an empty array adds nothing; an empty string gives "key=".
 * - Keys and values are percent-encoded like encodeURIComponent, except that
 *   a space becomes "+".
 * - Returns "" when nothing is left.
 */
function buildQuery(params) {
  const pairs = [];
  for (const [key, value] of Object.entries(params)) {
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) {
      if (item === null || item === undefined) continue;
      pairs.push(`${encode(key)}=${encode(String(item))}`);
    }
  }
  return pairs.join('&');
}

/**
 * Parse a query string (an optional leading "?" is skipped) into a plain object.
 *
 * - Pairs are separated by "&"; empty pairs are skipped ("a=1&&b=2").
 * - Only the first "=" splits key from value ("a=b=c" -> {a: 'b=c'}); a pair
 *   without "=" has the value "".
 * - "+" means a space and percent escapes are decoded ("%2B" is a literal
 *   "+"); a malformed escape such as "%zz" throws URIError.
 * - A key seen once maps to a string; a key seen several times maps to an
 *   array of its values in order.
 * - Every key becomes an own property, "__proto__" and "constructor" included,
 *   so hostile input cannot change the result's prototype.
 */
function parseQuery(query) {
  const text = query.startsWith('?') ? query.slice(1) : query;
  const result = {};
  for (const part of text.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq === -1 ? part : part.slice(0, eq));
    const value = eq === -1 ? '' : decode(part.slice(eq + 1));
    if (Object.prototype.hasOwnProperty.call(result, key)) {
      const current = result[key];
      if (Array.isArray(current)) current.push(value);
      else result[key] = [current, value];
    } else {
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return result;
}

module.exports = { buildQuery, parseQuery };
