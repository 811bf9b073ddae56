"use strict";
// Test helper (not a test file): a jsdom window as the global browser
// environment, React 18 client rendering inside act(), and event helpers.
require("./jsx-hook.js");
const path = require("path");
const { JSDOM } = require("jsdom");

const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
global.window = dom.window;
global.document = dom.window.document;
global.navigator = dom.window.navigator;
global.HTMLElement = dom.window.HTMLElement;
global.IS_REACT_ACT_ENVIRONMENT = true;

const React = require("react");
const { createRoot } = require("react-dom/client");
const { act } = require("react-dom/test-utils");
const { renderToStaticMarkup } = require("react-dom/server");

// Loads the answer file from the workspace root and returns its default export
// (or the named export `name`, or module.exports itself).
function loadComponent(file, name) {
  const mod = require(path.join(__dirname, "..", file));
  if (mod && typeof mod.default === "function") return mod.default;
  if (mod && name && typeof mod[name] === "function") return mod[name];
  if (typeof mod === "function") return mod;
  throw new Error(`${file} has no default export ${name || ""}`);
}

let mounted = null;

function cleanup() {
  if (!mounted) return;
  const { root, container } = mounted;
  mounted = null;
  act(() => root.unmount());
  container.remove();
}

function render(element) {
  cleanup();
  const container = document.createElement("div");
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(element));
  mounted = { root, container };
  return {
    container,
    rerender(next) { act(() => root.render(next)); },
    unmount: cleanup,
  };
}

function fire(el, event) {
  act(() => { el.dispatchEvent(event); });
  return event;
}

function click(el) {
  return fire(el, new window.MouseEvent("click", { bubbles: true, cancelable: true, button: 0 }));
}

function keyDown(el, key, init = {}) {
  return fire(el, new window.KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init }));
}

function focus(el) { act(() => { el.focus(); }); }
function blur(el) { act(() => { el.blur(); }); }

// Sets a text field's value the way a user would and fires the input event React listens to.
function type(el, value) {
  const proto = el.tagName === "TEXTAREA" ? window.HTMLTextAreaElement.prototype : window.HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, "value").set;
  act(() => {
    setter.call(el, value);
    el.dispatchEvent(new window.Event("input", { bubbles: true }));
  });
}

// Types into a field and leaves it, like a user tabbing away.
function fill(el, value) {
  focus(el);
  type(el, value);
  blur(el);
}

function submit(form) {
  return fire(form, new window.Event("submit", { bubbles: true, cancelable: true }));
}

module.exports = {
  dom, window: dom.window, document: dom.window.document, React, act, render, cleanup,
  renderToStaticMarkup, loadComponent, click, keyDown, focus, blur, type, fill, submit, fire,
};
