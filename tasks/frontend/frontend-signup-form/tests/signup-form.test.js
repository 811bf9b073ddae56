"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./dom.js");

const { React, document } = h;
const SignupForm = h.loadComponent("SignupForm.tsx", "SignupForm");

const IDS = ["signup-name", "signup-email", "signup-password", "signup-confirm"];

function setup() {
  const calls = [];
  const view = h.render(React.createElement(SignupForm, { onSubmit: (v) => calls.push(v) }));
  const get = (id) => document.getElementById(id);
  const [name, email, password, confirm] = IDS.map(get);
  const button = view.container.querySelector('button[type="submit"]');
  return { view, calls, name, email, password, confirm, button, get };
}

function errorText(id) {
  const el = document.getElementById(`${id}-error`);
  return el ? el.textContent : null;
}

function assertShown(input, message) {
  const err = document.getElementById(`${input.id}-error`);
  assert.ok(err, `${input.id} shows an error paragraph`);
  assert.equal(err.tagName, "P");
  assert.ok(err.classList.contains("error"), "error paragraph has class error");
  assert.equal(err.textContent, message);
  assert.equal(input.getAttribute("aria-invalid"), "true", `${input.id} aria-invalid`);
  const described = (input.getAttribute("aria-describedby") || "").split(" ");
  assert.ok(described.includes(err.id), `${input.id} aria-describedby references ${err.id}`);
}

function assertNotShown(input) {
  assert.equal(document.getElementById(`${input.id}-error`), null, `${input.id} has no error paragraph`);
  const invalid = input.getAttribute("aria-invalid");
  assert.ok(invalid === null || invalid === "false", `${input.id} aria-invalid is absent or false, got ${invalid}`);
  const described = input.getAttribute("aria-describedby") || "";
  assert.ok(!described.includes(`${input.id}-error`), `${input.id} does not reference a missing error`);
}

test.afterEach(() => h.cleanup());

test("renders labelled, required inputs in order", () => {
  const { view, name, email, password, confirm, button } = setup();
  const form = view.container.querySelector("form");
  assert.ok(form, "renders a form");
  assert.equal(form.noValidate, true, "form has noValidate");
  const inputs = [...form.querySelectorAll("input")];
  assert.deepEqual(inputs.map((i) => i.id), IDS);
  assert.deepEqual([name, email, password, confirm].map((i) => i.type), ["text", "email", "password", "password"]);
  assert.deepEqual(inputs.map((i) => i.name), ["name", "email", "password", "confirm"]);
  const labels = IDS.map((id) => form.querySelector(`label[for="${id}"]`));
  assert.deepEqual(labels.map((l) => l && l.textContent), ["Name", "Email", "Password", "Confirm password"]);
  for (const input of inputs) {
    assert.equal(input.getAttribute("aria-required"), "true");
    assert.equal(input.value, "");
    assert.ok(input.parentElement.classList.contains("field"), "input sits in a .field block");
  }
  assert.equal(form.querySelectorAll("div.field").length, 4);
  assert.equal(button.textContent, "Create account");
  assert.equal(button.parentElement, form);
});

test("password hint is always referenced by the password input", () => {
  const { password, name } = setup();
  const hint = document.getElementById("signup-password-hint");
  assert.ok(hint, "hint exists");
  assert.equal(hint.textContent, "At least 8 characters, including a number.");
  assert.equal(hint.parentElement, password.parentElement, "hint is in the password field block");
  assert.equal(password.getAttribute("aria-describedby"), "signup-password-hint");
  assert.equal(name.hasAttribute("aria-describedby"), false);
});

test("no errors are shown before a field is touched", () => {
  const { name, email, password, confirm } = setup();
  h.type(name, "");
  h.type(email, "nope");
  for (const input of [name, email, password, confirm]) assertNotShown(input);
  assert.equal(document.querySelectorAll(".error").length, 0);
});

test("blurring an invalid field shows its error", () => {
  const { name, email } = setup();
  h.focus(name);
  h.blur(name);
  assertShown(name, "Enter your name.");
  assertNotShown(email);
  h.fill(email, "someone@example");
  assertShown(email, "Enter a valid email address.");
  assert.equal(email.getAttribute("aria-describedby"), "signup-email-error");
});

test("a whitespace-only name is invalid", () => {
  const { name } = setup();
  h.fill(name, "   ");
  assertShown(name, "Enter your name.");
});

test("shown errors update live and disappear when fixed", () => {
  const { email } = setup();
  h.fill(email, "  ");
  assertShown(email, "Enter your email address.");
  h.type(email, "a@b");
  assertShown(email, "Enter a valid email address.");
  h.type(email, "a b@c.de");
  assertShown(email, "Enter a valid email address.");
  h.type(email, "  ann@example.org ");
  assertNotShown(email);
  assert.equal(email.hasAttribute("aria-describedby"), false);
});

test("password rules and the describedby list keep the hint first", () => {
  const { password } = setup();
  h.fill(password, "short1");
  assertShown(password, "Password must be at least 8 characters.");
  assert.equal(password.getAttribute("aria-describedby"), "signup-password-hint signup-password-error");
  h.type(password, "longenough");
  assertShown(password, "Password must contain a number.");
  assert.equal(password.getAttribute("aria-describedby"), "signup-password-hint signup-password-error");
  h.type(password, "longenough7");
  assertNotShown(password);
  assert.equal(password.getAttribute("aria-describedby"), "signup-password-hint");
});

test("confirm must match, also when the password changes afterwards", () => {
  const { password, confirm } = setup();
  h.fill(confirm, "");
  assertShown(confirm, "Confirm your password.");
  h.fill(password, "secret123");
  h.type(confirm, "secret12");
  assertShown(confirm, "Passwords do not match.");
  h.type(confirm, "secret123");
  assertNotShown(confirm);
  h.type(password, "secret1234");
  assertShown(confirm, "Passwords do not match.");
});

test("submitting an empty form shows every error and focuses the first field", () => {
  const { name, email, password, confirm, button, calls } = setup();
  h.click(button);
  assert.deepEqual(calls, []);
  assertShown(name, "Enter your name.");
  assertShown(email, "Enter your email address.");
  assertShown(password, "Password must be at least 8 characters.");
  assertShown(confirm, "Confirm your password.");
  assert.equal(document.activeElement, name);
});

test("submit focuses the first invalid field in order", () => {
  const { name, email, password, confirm, button, calls } = setup();
  h.type(name, "Ann");
  h.type(email, "ann@example.org");
  h.type(password, "password1");
  h.type(confirm, "password2");
  h.click(button);
  assert.deepEqual(calls, []);
  assert.equal(document.activeElement, confirm);
  assertNotShown(name);
  assertShown(confirm, "Passwords do not match.");
  h.type(confirm, "password1");
  h.type(email, "ann@");
  h.click(button);
  assert.equal(document.activeElement, email);
  assert.deepEqual(calls, []);
});

test("the submit event is prevented", () => {
  const { view } = setup();
  const ev = h.submit(view.container.querySelector("form"));
  assert.equal(ev.defaultPrevented, true);
});

test("a valid submit calls onSubmit once with trimmed name and email", () => {
  const { name, email, password, confirm, button, calls } = setup();
  h.fill(name, "  Ann Lee ");
  h.fill(email, " ann@example.org  ");
  h.fill(password, " pass word 9");
  h.fill(confirm, " pass word 9");
  h.click(button);
  assert.deepEqual(calls, [{ name: "Ann Lee", email: "ann@example.org", password: " pass word 9" }]);
  for (const input of [name, email, password, confirm]) assertNotShown(input);
  assert.equal(name.value, "  Ann Lee ", "values stay in the inputs");
});
