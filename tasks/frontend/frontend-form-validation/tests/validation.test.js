"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
require("./jsx-hook.js");

const mod = require(path.join(__dirname, "..", "validation.ts"));
const { validate, validateField, hasErrors } = mod;

// deepEqual plus key order.
function same(actual, expected) {
  assert.deepEqual(actual, expected);
  assert.deepEqual(Object.keys(actual), Object.keys(expected), "key order");
}

test("exports the three functions", () => {
  assert.equal(typeof validate, "function");
  assert.equal(typeof validateField, "function");
  assert.equal(typeof hasErrors, "function");
});

test("matches the prompt example", () => {
  const errors = validate(
    { email: "ann@", age: "17", website: "" },
    {
      email: [{ type: "required" }, { type: "email" }],
      age: [{ type: "min", value: 18, message: "You must be {value} or older." }],
      website: [{ type: "pattern", value: /^https:\/\// }],
    },
  );
  same(errors, { email: "Enter a valid email address.", age: "You must be 18 or older." });
});

test("required treats undefined, null, blank strings and empty arrays as empty", () => {
  const schema = { f: [{ type: "required" }] };
  for (const value of [undefined, null, "", "   ", "\t\n", []]) {
    same(validate({ f: value }, schema), { f: "This field is required." });
  }
  same(validate({}, schema), { f: "This field is required." });
  for (const value of [0, false, "x", ["a"], " a "]) {
    same(validate({ f: value }, schema), {});
  }
});

test("only the first failing rule of a field is reported, in schema order", () => {
  const schema = {
    username: [{ type: "required" }, { type: "minLength", value: 3 }, { type: "pattern", value: /^[a-z]+$/ }],
    email: [{ type: "required", message: "Email, please." }, { type: "email" }],
    bio: [{ type: "maxLength", value: 5 }],
  };
  same(validate({ bio: "too long", username: "A", email: "" }, schema), {
    username: "Must be at least 3 characters.",
    email: "Email, please.",
    bio: "Must be at most 5 characters.",
  });
  same(validate({ username: "Abcd", email: "a@b.co", bio: "ok" }, schema), { username: "Invalid format." });
});

test("later rules are not run after a failure", () => {
  let calls = 0;
  const schema = { f: [{ type: "minLength", value: 5 }, { type: "custom", test: () => { calls += 1; return true; } }] };
  same(validate({ f: "abc" }, schema), { f: "Must be at least 5 characters." });
  assert.equal(calls, 0);
  same(validate({ f: "abcdef" }, schema), {});
  assert.equal(calls, 1);
});

test("non-required rules are skipped for empty values", () => {
  let called = false;
  const schema = {
    website: [{ type: "pattern", value: /^https:\/\// }],
    nickname: [{ type: "minLength", value: 3 }],
    email: [{ type: "email" }],
    age: [{ type: "min", value: 18 }, { type: "max", value: 99 }],
    confirm: [{ type: "matches", field: "password" }],
    tags: [{ type: "minLength", value: 2 }],
    extra: [{ type: "custom", test: () => { called = true; return false; } }],
  };
  same(validate({ website: "", nickname: "  ", email: null, age: "", confirm: "", password: "secret", tags: [] }, schema), {});
  assert.equal(called, false, "custom test is not called for an empty value");
});

test("length counts raw string characters and array elements", () => {
  const schema = { f: [{ type: "minLength", value: 4 }, { type: "maxLength", value: 6 }] };
  same(validate({ f: " ab " }, schema), {});
  same(validate({ f: "abc" }, schema), { f: "Must be at least 4 characters." });
  same(validate({ f: "abcdefg" }, schema), { f: "Must be at most 6 characters." });
  same(validate({ f: 12345 }, schema), {});
  same(validate({ f: ["a", "b", "c"] }, schema), { f: "Must be at least 4 characters." });
  same(validate({ f: [1, 2, 3, 4, 5, 6, 7] }, schema), { f: "Must be at most 6 characters." });
});

test("pattern is a search on String(value)", () => {
  const schema = { f: [{ type: "pattern", value: /\d{3}/ }] };
  same(validate({ f: "ab123cd" }, schema), {});
  same(validate({ f: 9876 }, schema), {});
  same(validate({ f: "12" }, schema), { f: "Invalid format." });
});

test("global and sticky regexes give the same answer every time", () => {
  const g = /^[A-Z]{2}\d+/g;
  const y = /[a-z]+/y;
  const schema = { code: [{ type: "pattern", value: g }], word: [{ type: "pattern", value: y }] };
  for (let i = 0; i < 4; i += 1) {
    same(validate({ code: "AB12", word: "abc" }, schema), {});
  }
  assert.equal(validateField("code", { code: "AB1" }, schema), null);
  assert.equal(validateField("code", { code: "AB1" }, schema), null);
  assert.equal(validateField("code", { code: "ab1" }, schema), "Invalid format.");
});

test("email rule trims and checks the shape", () => {
  const schema = { e: [{ type: "email" }] };
  for (const ok of ["a@b.co", "  first.last+tag@sub.example.org ", "x@y.z"]) same(validate({ e: ok }, schema), {});
  for (const bad of ["ann@", "ann@example", "a b@c.de", "@c.de", "a@@b.cd", "plain"]) {
    same(validate({ e: bad }, schema), { e: "Enter a valid email address." });
  }
});

test("min and max compare numbers and reject non-numbers", () => {
  const schema = { n: [{ type: "min", value: 1 }, { type: "max", value: 10 }] };
  same(validate({ n: 5 }, schema), {});
  same(validate({ n: " 10 " }, schema), {});
  same(validate({ n: "1" }, schema), {});
  same(validate({ n: 0 }, schema), { n: "Must be at least 1." });
  same(validate({ n: "10.5" }, schema), { n: "Must be at most 10." });
  same(validate({ n: "12abc" }, schema), { n: "Must be a number." });
  same(validate({ n: NaN }, schema), { n: "Must be a number." });
  same(validate({ n: "3" }, { n: [{ type: "max", value: 2, message: "Pick at most {value}." }] }), { n: "Pick at most 2." });
  same(validate({ n: "x" }, { n: [{ type: "max", value: 2, message: "Pick at most {value}." }] }), { n: "Pick at most 2." });
});

test("matches compares with another field strictly", () => {
  const schema = { confirm: [{ type: "matches", field: "password" }] };
  same(validate({ password: "hunter22", confirm: "hunter22" }, schema), {});
  same(validate({ password: "hunter22", confirm: "hunter2" }, schema), { confirm: "Must match password." });
  same(validate({ pin: 1234, confirm: "1234" }, { confirm: [{ type: "matches", field: "pin", message: "{field} differs" }] }),
    { confirm: "pin differs" });
});

test("custom rules: true passes, false uses the message, strings are messages", () => {
  const even = { type: "custom", test: (v) => Number(v) % 2 === 0 };
  same(validate({ n: "4" }, { n: [even] }), {});
  same(validate({ n: "3" }, { n: [even] }), { n: "Invalid value." });
  same(validate({ n: "3" }, { n: [{ ...even, message: "Must be even." }] }), { n: "Must be even." });
  const seen = [];
  const cross = {
    type: "custom",
    message: "ignored",
    test: (value, values) => { seen.push([value, values]); return values.start < value ? true : "End must be after {value} start."; },
  };
  const values = { start: 5, end: 3 };
  same(validate(values, { end: [cross] }), { end: "End must be after {value} start." });
  assert.deepEqual(seen, [[3, values]]);
  assert.equal(seen[0][1], values, "custom test receives the values object");
});

test("message placeholders are replaced everywhere they occur", () => {
  same(validate({ p: "abc" }, { p: [{ type: "minLength", value: 8, message: "{value}+ chars ({value})" }] }), { p: "8+ chars (8)" });
  same(validate({ p: "abc" }, { p: [{ type: "minLength", value: 8 }] }), { p: "Must be at least 8 characters." });
});

test("validateField returns one message or null", () => {
  const schema = { a: [{ type: "required" }], b: [{ type: "minLength", value: 2 }] };
  assert.equal(validateField("a", {}, schema), "This field is required.");
  assert.equal(validateField("b", { b: "x" }, schema), "Must be at least 2 characters.");
  assert.equal(validateField("b", { b: "xy" }, schema), null);
  assert.equal(validateField("zzz", { zzz: "" }, schema), null);
});

test("hasErrors", () => {
  assert.equal(hasErrors({}), false);
  assert.equal(hasErrors({ a: "x" }), true);
});

test("unknown rule types throw TypeError", () => {
  assert.throws(() => validate({ f: "x" }, { f: [{ type: "minimum", value: 1 }] }), TypeError);
  assert.throws(() => validateField("f", { f: "x" }, { f: [{ type: "nope" }] }), TypeError);
});

test("inputs are not modified and extra values are ignored", () => {
  const values = { a: "  ", b: "x", other: "y" };
  const schema = { a: [{ type: "required" }], b: [{ type: "minLength", value: 3 }] };
  const valuesCopy = { ...values };
  const schemaJson = JSON.stringify(schema);
  same(validate(values, schema), { a: "This field is required.", b: "Must be at least 3 characters." });
  assert.deepEqual(values, valuesCopy);
  assert.equal(JSON.stringify(schema), schemaJson);
});
