"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./dom.js");

const { React, document } = h;
const Tabs = h.loadComponent("Tabs.jsx", "Tabs");

const TABS = [
  { label: "Overview", content: "Overview text" },
  { label: "Specs", content: React.createElement("p", { className: "specs" }, "Spec sheet") },
  { label: "Reviews", content: "Review list" },
  { label: "Q&A", content: "Questions" },
];

function setup(props = {}) {
  const calls = [];
  const view = h.render(React.createElement(Tabs, {
    id: "prod", tabs: TABS, onChange: (i) => calls.push(i), ...props,
  }));
  const tabs = [...view.container.querySelectorAll('[role="tab"]')];
  const panels = [...view.container.querySelectorAll('[role="tabpanel"]')];
  return { view, tabs, panels, calls };
}

function selectedIndexes(tabs) {
  return tabs.map((t, i) => (t.getAttribute("aria-selected") === "true" ? i : -1)).filter((i) => i >= 0);
}

function assertSelected(tabs, panels, index) {
  assert.deepEqual(selectedIndexes(tabs), [index], "exactly one tab has aria-selected=true");
  tabs.forEach((t, i) => {
    assert.equal(t.getAttribute("aria-selected"), i === index ? "true" : "false", `aria-selected of tab ${i}`);
    assert.equal(t.getAttribute("tabindex"), i === index ? "0" : "-1", `tabindex of tab ${i}`);
  });
  panels.forEach((p, i) => {
    assert.equal(p.hasAttribute("hidden"), i !== index, `hidden of panel ${i}`);
  });
}

test.afterEach(() => h.cleanup());

test("renders the tablist, tabs and panels with their roles", () => {
  const { view, tabs, panels } = setup({ label: "Product details" });
  const root = view.container.firstElementChild;
  assert.equal(root.tagName, "DIV");
  assert.equal(root.className, "tabs");
  const list = view.container.querySelector('[role="tablist"]');
  assert.ok(list, "has a tablist");
  assert.equal(list.getAttribute("aria-label"), "Product details");
  assert.equal(tabs.length, 4);
  assert.equal(panels.length, 4);
  tabs.forEach((t) => {
    assert.equal(t.tagName, "BUTTON");
    assert.equal(t.getAttribute("type"), "button");
    assert.equal(t.parentElement, list, "tabs are direct children of the tablist");
  });
  assert.deepEqual(tabs.map((t) => t.textContent), ["Overview", "Specs", "Reviews", "Q&A"]);
  assert.ok(panels[1].querySelector("p.specs"), "panel content is rendered as React nodes");
});

test("links tabs and panels with ids, aria-controls and aria-labelledby", () => {
  const { tabs, panels } = setup();
  tabs.forEach((t, i) => {
    assert.equal(t.id, `prod-tab-${i}`);
    assert.equal(t.getAttribute("aria-controls"), `prod-panel-${i}`);
  });
  panels.forEach((p, i) => {
    assert.equal(p.id, `prod-panel-${i}`);
    assert.equal(p.getAttribute("aria-labelledby"), `prod-tab-${i}`);
    assert.equal(p.getAttribute("tabindex"), "0");
  });
});

test("first tab is selected by default, with a roving tabindex and hidden panels", () => {
  const { tabs, panels } = setup();
  assertSelected(tabs, panels, 0);
  assert.equal(panels[0].textContent, "Overview text");
});

test("defaultIndex picks the initially selected tab", () => {
  const { tabs, panels, calls } = setup({ defaultIndex: 2 });
  assertSelected(tabs, panels, 2);
  assert.deepEqual(calls, []);
});

test("tablist has no aria-label when no label is given", () => {
  const { view } = setup();
  assert.equal(view.container.querySelector('[role="tablist"]').hasAttribute("aria-label"), false);
});

test("clicking a tab selects it and calls onChange once", () => {
  const { tabs, panels, calls } = setup();
  h.click(tabs[2]);
  assertSelected(tabs, panels, 2);
  assert.deepEqual(calls, [2]);
  h.click(tabs[2]);
  assert.deepEqual(calls, [2], "clicking the selected tab does not call onChange");
  h.click(tabs[0]);
  assertSelected(tabs, panels, 0);
  assert.deepEqual(calls, [2, 0]);
});

test("ArrowRight moves selection and focus to the next tab and wraps", () => {
  const { tabs, panels, calls } = setup();
  h.focus(tabs[0]);
  const ev = h.keyDown(tabs[0], "ArrowRight");
  assert.equal(ev.defaultPrevented, true, "ArrowRight is prevented");
  assertSelected(tabs, panels, 1);
  assert.equal(document.activeElement, tabs[1], "focus follows the selection");
  h.keyDown(tabs[1], "ArrowRight");
  h.keyDown(tabs[2], "ArrowRight");
  assertSelected(tabs, panels, 3);
  h.keyDown(tabs[3], "ArrowRight");
  assertSelected(tabs, panels, 0);
  assert.equal(document.activeElement, tabs[0], "wraps from the last tab to the first");
  assert.deepEqual(calls, [1, 2, 3, 0]);
});

test("ArrowLeft wraps from the first tab to the last", () => {
  const { tabs, panels, calls } = setup();
  h.focus(tabs[0]);
  const ev = h.keyDown(tabs[0], "ArrowLeft");
  assert.equal(ev.defaultPrevented, true);
  assertSelected(tabs, panels, 3);
  assert.equal(document.activeElement, tabs[3]);
  h.keyDown(tabs[3], "ArrowLeft");
  assertSelected(tabs, panels, 2);
  assert.equal(document.activeElement, tabs[2]);
  assert.deepEqual(calls, [3, 2]);
});

test("Home and End jump to the first and last tab", () => {
  const { tabs, panels, calls } = setup({ defaultIndex: 1 });
  h.focus(tabs[1]);
  assert.equal(h.keyDown(tabs[1], "End").defaultPrevented, true);
  assertSelected(tabs, panels, 3);
  assert.equal(document.activeElement, tabs[3]);
  assert.equal(h.keyDown(tabs[3], "Home").defaultPrevented, true);
  assertSelected(tabs, panels, 0);
  assert.equal(document.activeElement, tabs[0]);
  h.keyDown(tabs[0], "Home");
  assert.deepEqual(calls, [3, 0], "Home on the selected first tab does not call onChange");
});

test("other keys are ignored and not prevented", () => {
  const { tabs, panels, calls } = setup();
  h.focus(tabs[0]);
  for (const key of ["ArrowDown", "ArrowUp", "Enter", "a", "Tab"]) {
    const ev = h.keyDown(tabs[0], key);
    assert.equal(ev.defaultPrevented, false, `${key} is not prevented`);
  }
  assertSelected(tabs, panels, 0);
  assert.deepEqual(calls, []);
});

test("disabled tabs get the disabled attribute and are skipped by the keyboard", () => {
  const tabsProp = [
    { label: "A", content: "a" },
    { label: "B", content: "b", disabled: true },
    { label: "C", content: "c" },
    { label: "D", content: "d", disabled: true },
  ];
  const { tabs, panels, calls } = setup({ tabs: tabsProp });
  assert.deepEqual(tabs.map((t) => t.disabled), [false, true, false, true]);
  h.focus(tabs[0]);
  h.keyDown(tabs[0], "ArrowRight");
  assertSelected(tabs, panels, 2);
  assert.equal(document.activeElement, tabs[2]);
  h.keyDown(tabs[2], "ArrowRight");
  assertSelected(tabs, panels, 0);
  assert.equal(document.activeElement, tabs[0], "wraps past a trailing disabled tab");
  h.keyDown(tabs[0], "ArrowLeft");
  assertSelected(tabs, panels, 2);
  h.keyDown(tabs[2], "End");
  assertSelected(tabs, panels, 2);
  h.keyDown(tabs[2], "Home");
  assertSelected(tabs, panels, 0);
  h.click(tabs[1]);
  assertSelected(tabs, panels, 0);
  assert.deepEqual(calls, [2, 0, 2, 0]);
});

test("works without onChange", () => {
  const view = h.render(React.createElement(Tabs, { id: "x", tabs: TABS.slice(0, 2) }));
  const tabs = [...view.container.querySelectorAll('[role="tab"]')];
  const panels = [...view.container.querySelectorAll('[role="tabpanel"]')];
  h.click(tabs[1]);
  h.focus(tabs[1]);
  h.keyDown(tabs[1], "ArrowRight");
  assertSelected(tabs, panels, 0);
});
