'use strict';

// Semantic Versioning 2.0.0: parse, compare and bump version strings.

const VERSION =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;
const NUMERIC = /^\d+$/;

/**
 * Parse "MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]" into
 * { major, minor, patch, prerelease: string[], build: string[] }.
 * No "v" prefix, no surrounding spaces, no leading zeros in numbers or in
 * numeric pre-release identifiers, no empty identifiers. Throws TypeError for
 * a non-string and Error for an invalid version.
 */
function parse(version) {
  if (typeof version !== 'string') throw new TypeError('version must be a string');
  const m = VERSION.exec(version);
  if (!m) throw new Error(`invalid version: ${JSON.stringify(version)}`);
  const prerelease = m[4] === undefined ? [] : m[4].split('.');
  for (const id of prerelease) {
    if (NUMERIC.test(id) && id.length > 1 && id[0] === '0') {
      throw new Error(`invalid version: ${JSON.stringify(version)}`);
    }
  }
  return {
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    prerelease,
    build: m[5] === undefined ? [] : m[5].split('.'),
  };
}

function compareIdentifiers(a, b) {
  const aNumeric = NUMERIC.test(a);
  const bNumeric = NUMERIC.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric) return -1; // numeric identifiers sort before alphanumeric ones
  if (bNumeric) return 1;
  return a < b ? -1 : a > b ? 1 : 0; // ASCII order
}

/**
 * Compare two version strings by SemVer precedence: -1, 0 or 1.
 * A pre-release sorts before its release (1.0.0-rc.1 < 1.0.0); pre-release
 * identifiers are compared left to right, numerically when both are numeric,
 * and a shorter list that is a prefix of a longer one sorts first. Build
 * metadata is ignored (1.0.0+a and 1.0.0+b compare equal).
 */
function compare(a, b) {
  const x = parse(a);
  const y = parse(b);
  for (const key of ['major', 'minor', 'patch']) {
    if (x[key] !== y[key]) return x[key] < y[key] ? -1 : 1;
  }
  if (x.prerelease.length === 0 || y.prerelease.length === 0) {
    return Math.sign(y.prerelease.length - x.prerelease.length);
  }
  const shared = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < shared; i++) {
    const c = compareIdentifiers(x.prerelease[i], y.prerelease[i]);
    if (c !== 0) return c;
  }
  return Math.sign(x.prerelease.length - y.prerelease.length);
}

/** Return a new array of the versions sorted from lowest to highest precedence (stable). */
function sortVersions(versions) {
  return [...versions].sort(compare);
}

/**
 * Return the next version for release type 'major', 'minor' or 'patch'.
 * Lower parts reset to 0; pre-release and build are dropped. Bumping the patch
 * of a pre-release only drops the pre-release: 1.2.3-rc.1 -> 1.2.3.
 * Throws RangeError for an unknown release type.
 */
function bump(version, release) {
  const v = parse(version);
  switch (release) {
    case 'major':
      return `${v.major + 1}.0.0`;
    case 'minor':
      return `${v.major}.${v.minor + 1}.0`;
    case 'patch':
      return `${v.major}.${v.minor}.${v.patch + 1}`;
    default:
      throw new RangeError(`unknown release type: ${release}`);
  }
}

module.exports = { parse, compare, sortVersions, bump };
