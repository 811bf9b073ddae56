"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./dom.js");

const { React, document } = h;
const e = React.createElement;
const Dialog = h.loadComponent("Dialog.jsx", "Dialog");

const FORM_BODY = e("form", { id: "body-form" },
  e("p", { id: "body-text" }, "This cannot be undone."),
  e("label", { htmlFor: "confirm-name" }, "Type the file name"),
  e("input", { id: "confirm-name" }),
  e("button", { type: "button", id: "delete-btn" }, "Delete"));

// Props-driven harness: an opener button outside the dialog and the Dialog,
// both controlled by the test through rerender().
function Harness({ show = true, open = false, calls, ...rest }) {
  return e("div", null,
    e("button", { type: "button", id: "opener" }, "Open"),
    show ? e(Dialog, { id: "dlg", open, title: "Delete file", onClose: () => calls.push("close"), ...rest }) : null);
}

function setup(props = {}) {
  const calls = [];
  const view = h.render(e(Harness, { calls, ...props }));
  return {
    calls,
    c: view.container,
    set: (next) => view.rerender(e(Harness, { calls, ...props, ...next })),
    dialog: () => view.container.querySelector('[role="dialog"]'),
    opener: view.container.querySelector("#opener"),
    closeButton: () => view.container.querySelector("button.dialog-close"),
  };
}

// Stateful app: the parent closes the dialog when asked.
function App({ calls }) {
  const [open, setOpen] = React.useState(false);
  return e("div", null,
    e("button", { type: "button", id: "opener", onClick: () => setOpen(true) }, "Open"),
    e(Dialog, {
      id: "app", open, title: "Settings", description: "Change your settings.",
      onClose: () => { calls.push("close"); setOpen(false); },
    }, e("input", { id: "setting" })));
}

test.afterEach(() => h.cleanup());

test("renders nothing while closed", () => {
  const t = setup({ open: false });
  assert.equal(t.dialog(), null);
  assert.equal(t.c.querySelector(".dialog-backdrop"), null);
  assert.equal(t.c.firstElementChild.children.length, 1, "only the opener is rendered");
});

test("open dialog has the documented structure and aria attributes", () => {
  const t = setup({ open: true, description: "Are you sure?", children: FORM_BODY });
  const backdrop = t.c.querySelector(".dialog-backdrop");
  assert.ok(backdrop, "backdrop is rendered");
  assert.equal(backdrop.tagName, "DIV");
  assert.equal(backdrop.children.length, 1);
  const dialog = t.dialog();
  assert.equal(dialog.parentElement, backdrop);
  assert.equal(dialog.tagName, "DIV");
  assert.equal(dialog.getAttribute("aria-modal"), "true");
  assert.equal(dialog.getAttribute("tabindex"), "-1");
  assert.equal(dialog.getAttribute("aria-labelledby"), "dlg-title");
  const title = document.getElementById("dlg-title");
  assert.equal(title.tagName, "H2");
  assert.equal(title.textContent, "Delete file");
  assert.equal(dialog.getAttribute("aria-describedby"), "dlg-description");
  const desc = document.getElementById("dlg-description");
  assert.equal(desc.tagName, "P");
  assert.equal(desc.textContent, "Are you sure?");
  const close = t.closeButton();
  assert.equal(close.textContent, "Close");
  assert.equal(close.getAttribute("type"), "button");
  assert.equal(dialog.lastElementChild, close, "Close is the last child");
});

test("without a description there is no aria-describedby", () => {
  const t = setup({ open: true });
  assert.equal(t.dialog().hasAttribute("aria-describedby"), false);
  assert.equal(document.getElementById("dlg-description"), null);
});

test("children are rendered between the heading and the Close button", () => {
  const t = setup({ open: true, children: FORM_BODY });
  const kids = [...t.dialog().children];
  assert.deepEqual(kids.map((k) => k.tagName), ["H2", "FORM", "BUTTON"]);
  assert.ok(document.getElementById("confirm-name"));
});

test("opening moves focus to the first focusable element", () => {
  const t = setup({ open: false, children: FORM_BODY });
  h.focus(t.opener);
  t.set({ open: true });
  assert.equal(document.activeElement, document.getElementById("confirm-name"));
});

test("focus skips disabled and tabindex=-1 elements, falling back to Close", () => {
  const body = e("div", null,
    e("div", { tabIndex: -1, id: "skip-1" }, "not tabbable"),
    e("button", { type: "button", disabled: true }, "Disabled"),
    e("a", { id: "no-href" }, "plain anchor"));
  const t = setup({ open: true, children: body });
  assert.equal(document.activeElement, t.closeButton());
  const withLink = setup({ open: true, children: e("div", null, e("button", { disabled: true }, "x"), e("a", { href: "#help", id: "help" }, "Help")) });
  assert.equal(document.activeElement, document.getElementById("help"));
  assert.ok(withLink.dialog());
});

test("closing returns focus to the previously focused element", () => {
  const t = setup({ open: false, children: FORM_BODY });
  h.focus(t.opener);
  t.set({ open: true });
  assert.notEqual(document.activeElement, t.opener);
  t.set({ open: false });
  assert.equal(t.dialog(), null);
  assert.equal(document.activeElement, t.opener);
});

test("unmounting while open also returns focus", () => {
  const t = setup({ show: false, open: true });
  h.focus(t.opener);
  t.set({ show: true });
  assert.equal(document.activeElement, t.closeButton());
  t.set({ show: false });
  assert.equal(document.activeElement, t.opener);
});

test("Escape inside the dialog calls onClose; the dialog does not close itself", () => {
  const t = setup({ open: true, children: FORM_BODY });
  const input = document.getElementById("confirm-name");
  h.keyDown(input, "Escape");
  assert.deepEqual(t.calls, ["close"]);
  assert.ok(t.dialog(), "still open until the parent closes it");
  h.keyDown(input, "Enter");
  h.keyDown(input, "a");
  assert.deepEqual(t.calls, ["close"], "other keys do not close");
});

test("Close button calls onClose once", () => {
  const t = setup({ open: true });
  h.click(t.closeButton());
  assert.deepEqual(t.calls, ["close"]);
});

test("a backdrop click closes, clicks inside the dialog do not", () => {
  const t = setup({ open: true, children: FORM_BODY });
  h.click(document.getElementById("body-text"));
  h.click(document.getElementById("confirm-name"));
  h.click(document.getElementById("delete-btn"));
  h.click(document.getElementById("dlg-title"));
  h.click(t.dialog());
  assert.deepEqual(t.calls, [], "clicks inside the dialog never call onClose");
  h.click(t.c.querySelector(".dialog-backdrop"));
  assert.deepEqual(t.calls, ["close"]);
});

test("Tab on the last element wraps to the first", () => {
  const t = setup({ open: true, children: FORM_BODY });
  const first = document.getElementById("confirm-name");
  const close = t.closeButton();
  h.focus(close);
  const ev = h.keyDown(close, "Tab");
  assert.equal(ev.defaultPrevented, true);
  assert.equal(document.activeElement, first);
});

test("Shift+Tab on the first element wraps to the last", () => {
  const t = setup({ open: true, children: FORM_BODY });
  const first = document.getElementById("confirm-name");
  h.focus(first);
  const ev = h.keyDown(first, "Tab", { shiftKey: true });
  assert.equal(ev.defaultPrevented, true);
  assert.equal(document.activeElement, t.closeButton());
});

test("other Tab presses are left to the browser", () => {
  setup({ open: true, children: FORM_BODY });
  const first = document.getElementById("confirm-name");
  const middle = document.getElementById("delete-btn");
  h.focus(first);
  assert.equal(h.keyDown(first, "Tab").defaultPrevented, false);
  assert.equal(document.activeElement, first);
  h.focus(middle);
  assert.equal(h.keyDown(middle, "Tab", { shiftKey: true }).defaultPrevented, false);
  assert.equal(document.activeElement, middle);
});

test("full flow: open from a button, Escape closes, focus returns to the opener", () => {
  const calls = [];
  const view = h.render(e(App, { calls }));
  const opener = view.container.querySelector("#opener");
  h.focus(opener);
  h.click(opener);
  const dialog = view.container.querySelector('[role="dialog"]');
  assert.ok(dialog);
  assert.equal(dialog.getAttribute("aria-describedby"), "app-description");
  assert.equal(document.activeElement, document.getElementById("setting"));
  h.keyDown(document.activeElement, "Escape");
  assert.deepEqual(calls, ["close"]);
  assert.equal(view.container.querySelector('[role="dialog"]'), null);
  assert.equal(document.activeElement, opener);
  h.click(opener);
  assert.equal(document.activeElement, document.getElementById("setting"), "reopening focuses again");
  h.click(view.container.querySelector(".dialog-backdrop"));
  assert.deepEqual(calls, ["close", "close"]);
  assert.equal(document.activeElement, opener);
});
