"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { renderField } = require("../field.js");

function parse(html) {
  assert.equal(typeof html, "string");
  assert.ok(!/>\s+</.test(html), "no whitespace between tags");
  const frag = JSDOM.fragment(html);
  assert.equal(frag.children.length, 1, "exactly one root element");
  return frag.firstElementChild;
}

const attrNames = (el) => [...el.attributes].map((a) => a.name).sort();
const tags = (el) => [...el.children].map((c) => c.tagName.toLowerCase());
const allTags = (el) => [el, ...el.querySelectorAll("*")].map((c) => c.tagName.toLowerCase());

test("matches the prompt example", () => {
  const root = parse(renderField({
    type: "email", name: "email", label: "Email", hint: "We never share it.",
    error: "Enter a valid email address.", required: true, value: "ann@",
  }));
  assert.equal(root.tagName, "DIV");
  assert.equal(root.className, "field");
  assert.deepEqual(tags(root), ["label", "p", "input", "p"]);
  const [label, hint, input, error] = root.children;
  assert.equal(label.getAttribute("for"), "field-email");
  assert.equal(label.textContent, "Email");
  assert.deepEqual(attrNames(hint), ["class", "id"]);
  assert.equal(hint.className, "hint");
  assert.equal(hint.id, "field-email-hint");
  assert.equal(hint.textContent, "We never share it.");
  assert.deepEqual(attrNames(input), ["aria-describedby", "aria-invalid", "id", "name", "required", "type", "value"]);
  assert.equal(input.getAttribute("type"), "email");
  assert.equal(input.id, "field-email");
  assert.equal(input.getAttribute("name"), "email");
  assert.equal(input.getAttribute("value"), "ann@");
  assert.equal(input.getAttribute("aria-invalid"), "true");
  assert.equal(input.getAttribute("aria-describedby"), "field-email-hint field-email-error");
  assert.equal(error.className, "error");
  assert.equal(error.id, "field-email-error");
  assert.equal(error.textContent, "Enter a valid email address.");
});

test("a bare text field has only the essential attributes", () => {
  const root = parse(renderField({ type: "text", name: "city", label: "City" }));
  assert.deepEqual(tags(root), ["label", "input"]);
  const input = root.querySelector("input");
  assert.deepEqual(attrNames(input), ["id", "name", "type"]);
  assert.equal(input.id, "field-city");
  assert.equal(root.querySelector("label").getAttribute("for"), "field-city");
  assert.deepEqual(attrNames(root), ["class"]);
});

test("text-like types, explicit id, value 0 and placeholder", () => {
  for (const type of ["text", "email", "password", "number"]) {
    const input = parse(renderField({ type, name: "n", label: "N", id: "custom", value: 0, placeholder: "e.g. 5" })).querySelector("input");
    assert.equal(input.getAttribute("type"), type);
    assert.equal(input.id, "custom");
    assert.equal(input.getAttribute("value"), "0");
    assert.equal(input.getAttribute("placeholder"), "e.g. 5");
    assert.deepEqual(attrNames(input), ["id", "name", "placeholder", "type", "value"]);
  }
});

test("aria-describedby lists hint and error, hint first, and is absent otherwise", () => {
  const base = { type: "text", name: "u", label: "User" };
  const input = (extra) => parse(renderField({ ...base, ...extra })).querySelector("input");
  assert.equal(input({}).hasAttribute("aria-describedby"), false);
  assert.equal(input({ hint: "", error: "" }).hasAttribute("aria-describedby"), false, "empty strings are not present");
  assert.equal(input({ hint: null, error: undefined }).hasAttribute("aria-describedby"), false);
  assert.equal(input({ hint: "Letters only" }).getAttribute("aria-describedby"), "field-u-hint");
  assert.equal(input({ error: "Taken" }).getAttribute("aria-describedby"), "field-u-error");
  assert.equal(input({ error: "Taken", hint: "Letters only" }).getAttribute("aria-describedby"), "field-u-hint field-u-error");
});

test("aria-invalid and required appear only when needed", () => {
  const plain = parse(renderField({ type: "text", name: "a", label: "A", hint: "h", required: false })).querySelector("input");
  assert.equal(plain.hasAttribute("aria-invalid"), false);
  assert.equal(plain.hasAttribute("required"), false);
  const bad = parse(renderField({ type: "text", name: "a", label: "A", error: "Bad", required: true })).querySelector("input");
  assert.equal(bad.getAttribute("aria-invalid"), "true");
  assert.equal(bad.hasAttribute("required"), true);
  assert.equal(bad.required, true);
});

test("hint and error paragraphs are omitted when absent", () => {
  const root = parse(renderField({ type: "password", name: "pw", label: "Password", hint: "", error: null }));
  assert.equal(root.querySelector("p"), null);
});

test("text and attribute data are escaped and round-trip exactly", () => {
  const evil = `"><img src=x onerror=alert(1)> & 'q' <b>`;
  const root = parse(renderField({
    type: "text", name: `n" autofocus="`, label: `<script>alert("l")</script>`, id: `i"d`,
    value: evil, hint: "Q&amp;A <i>hint</i>", error: `</p><p class="error">fake`, placeholder: `' onfocus='x`,
  }));
  assert.deepEqual(allTags(root), ["div", "label", "p", "input", "p"], "no injected elements");
  const input = root.querySelector("input");
  assert.deepEqual(attrNames(input), ["aria-describedby", "aria-invalid", "id", "name", "placeholder", "type", "value"]);
  assert.equal(input.getAttribute("value"), evil);
  assert.equal(input.getAttribute("name"), `n" autofocus="`);
  assert.equal(input.getAttribute("placeholder"), `' onfocus='x`);
  assert.equal(input.id, `i"d`);
  assert.equal(input.getAttribute("aria-describedby"), `i"d-hint i"d-error`);
  assert.equal(root.querySelector("label").getAttribute("for"), `i"d`);
  assert.equal(root.querySelector("label").textContent, `<script>alert("l")</script>`);
  assert.equal(root.querySelector("p.hint").textContent, "Q&amp;A <i>hint</i>");
  assert.equal(root.querySelector("p.error").textContent, `</p><p class="error">fake`);
});

test("single quotes are escaped too", () => {
  const html = renderField({ type: "text", name: "q", label: "It's", value: "a'b" });
  assert.ok(!html.includes("'"), "no raw single quote in the output");
  assert.ok(html.includes("&#39;"));
});

test("textarea holds its escaped value as text", () => {
  const root = parse(renderField({ type: "textarea", name: "bio", label: "Bio", value: "</textarea><b>x</b> & more", placeholder: "Tell us", hint: "Short" }));
  assert.deepEqual(tags(root), ["label", "p", "textarea"]);
  const ta = root.querySelector("textarea");
  assert.deepEqual(attrNames(ta), ["aria-describedby", "id", "name", "placeholder"]);
  assert.equal(ta.value, "</textarea><b>x</b> & more");
  assert.equal(root.querySelector("b"), null);
  const empty = parse(renderField({ type: "textarea", name: "bio", label: "Bio" })).querySelector("textarea");
  assert.equal(empty.value, "");
});

test("select renders the placeholder option first and selects the matching value", () => {
  const root = parse(renderField({
    type: "select", name: "country", label: "Country", placeholder: "Choose…", value: 2, required: true, error: "Pick one",
    options: [{ value: 1, label: "France" }, { value: "2", label: "Germany & Co" }, { value: 3, label: "<Italy>" }],
  }));
  assert.deepEqual(tags(root), ["label", "select", "p"]);
  const select = root.querySelector("select");
  assert.deepEqual(attrNames(select), ["aria-describedby", "aria-invalid", "id", "name", "required"]);
  assert.equal(select.id, "field-country");
  const opts = [...select.querySelectorAll("option")];
  assert.deepEqual(opts.map((o) => o.getAttribute("value")), ["", "1", "2", "3"]);
  assert.deepEqual(opts.map((o) => o.textContent), ["Choose…", "France", "Germany & Co", "<Italy>"]);
  assert.deepEqual(opts.map((o) => o.hasAttribute("selected")), [false, false, true, false]);
  const none = parse(renderField({ type: "select", name: "c", label: "C", options: [{ value: "a", label: "A" }] }));
  assert.deepEqual([...none.querySelectorAll("option")].map((o) => o.hasAttribute("selected")), [false]);
  assert.equal(none.querySelectorAll("option").length, 1);
});

test("radio groups use a fieldset, legend and one labelled input per option", () => {
  const root = parse(renderField({
    type: "radio", name: "size", label: "Size", value: "m", hint: "Pick your size",
    options: [{ value: "s", label: "Small" }, { value: "m", label: "Medium" }, { value: "l", label: "Large" }],
  }));
  assert.equal(root.tagName, "FIELDSET");
  assert.equal(root.className, "field");
  assert.equal(root.getAttribute("aria-describedby"), "field-size-hint");
  assert.deepEqual(tags(root), ["legend", "p", "div", "div", "div"]);
  assert.equal(root.querySelector("legend").textContent, "Size");
  const options = [...root.querySelectorAll("div.option")];
  assert.equal(options.length, 3);
  options.forEach((div, i) => {
    assert.deepEqual(tags(div), ["input", "label"]);
    const [input, label] = div.children;
    assert.equal(input.getAttribute("type"), "radio");
    assert.equal(input.id, `field-size-${i}`);
    assert.equal(input.getAttribute("name"), "size");
    assert.equal(label.getAttribute("for"), `field-size-${i}`);
    assert.equal(input.hasAttribute("aria-describedby"), false, "describedby is on the fieldset");
    assert.equal(input.hasAttribute("aria-invalid"), false);
  });
  assert.deepEqual(options.map((d) => d.querySelector("input").getAttribute("value")), ["s", "m", "l"]);
  assert.deepEqual(options.map((d) => d.querySelector("label").textContent), ["Small", "Medium", "Large"]);
  assert.deepEqual(options.map((d) => d.querySelector("input").hasAttribute("checked")), [false, true, false]);
  assert.equal(root.querySelectorAll("label").length, 3, "no label other than the options' labels");
});

test("radio errors mark every input and come last", () => {
  const root = parse(renderField({
    type: "radio", name: "plan", label: "Plan", id: "p", required: true, error: "Choose a plan",
    options: [{ value: 1, label: "Free" }, { value: 2, label: "Pro" }],
  }));
  assert.equal(root.getAttribute("aria-describedby"), "p-error");
  assert.deepEqual(tags(root), ["legend", "div", "div", "p"]);
  for (const input of root.querySelectorAll("input")) {
    assert.equal(input.getAttribute("aria-invalid"), "true");
    assert.equal(input.hasAttribute("required"), true);
    assert.equal(input.hasAttribute("checked"), false);
  }
  assert.equal(root.querySelector("p.error").id, "p-error");
  const plain = parse(renderField({ type: "radio", name: "x", label: "X", options: [{ value: 0, label: "Zero" }], value: 0 }));
  assert.equal(plain.hasAttribute("aria-describedby"), false);
  assert.equal(plain.querySelector("input").hasAttribute("checked"), true);
});

test("checkbox puts the input before its label", () => {
  const root = parse(renderField({ type: "checkbox", name: "tos", label: "I accept", checked: true, hint: "Required to continue", error: "Please accept" }));
  assert.deepEqual(tags(root), ["input", "label", "p", "p"]);
  const input = root.querySelector("input");
  assert.equal(input.getAttribute("type"), "checkbox");
  assert.equal(input.id, "field-tos");
  assert.equal(input.hasAttribute("checked"), true);
  assert.equal(input.hasAttribute("value"), false);
  assert.equal(input.getAttribute("aria-describedby"), "field-tos-hint field-tos-error");
  assert.equal(root.querySelector("label").getAttribute("for"), "field-tos");
  assert.deepEqual([...root.querySelectorAll("p")].map((p) => p.className), ["hint", "error"]);
  const off = parse(renderField({ type: "checkbox", name: "news", label: "News", value: "yes", checked: false })).querySelector("input");
  assert.deepEqual(attrNames(off), ["id", "name", "type", "value"]);
  assert.equal(off.getAttribute("value"), "yes");
});

test("invalid descriptions throw TypeError", () => {
  assert.throws(() => renderField({ type: "date", name: "d", label: "D" }), TypeError);
  assert.throws(() => renderField({ type: "text", label: "No name" }), TypeError);
  assert.throws(() => renderField({ type: "text", name: "", label: "Empty" }), TypeError);
  assert.throws(() => renderField({ type: "select", name: "s", label: "S" }), TypeError);
  assert.throws(() => renderField({ type: "radio", name: "r", label: "R", options: [] }), TypeError);
});
