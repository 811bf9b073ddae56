"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./dom.js");

const { React, document } = h;
const Accordion = h.loadComponent("Accordion.jsx", "Accordion");

const ITEMS = [
  { title: "Shipping", content: "Ships in 2 days" },
  { title: "Returns", content: React.createElement("a", { href: "/returns" }, "Return policy") },
  { title: "Warranty", content: "Two years" },
];

function setup(props = {}) {
  const calls = [];
  const view = h.render(React.createElement(Accordion, {
    id: "faq", items: ITEMS, onToggle: (i, open) => calls.push([i, open]), ...props,
  }));
  const buttons = [...view.container.querySelectorAll("button")];
  const regions = [...view.container.querySelectorAll('[role="region"]')];
  return { view, buttons, regions, calls };
}

function openState(buttons, regions) {
  return buttons.map((b, i) => {
    const expanded = b.getAttribute("aria-expanded");
    assert.ok(expanded === "true" || expanded === "false", `button ${i} has aria-expanded "true" or "false", got ${expanded}`);
    assert.equal(regions[i].hasAttribute("hidden"), expanded === "false", `region ${i} hidden matches aria-expanded`);
    return expanded === "true";
  });
}

test.afterEach(() => h.cleanup());

test("renders headings, buttons and regions in order", () => {
  const { view, buttons, regions } = setup();
  const root = view.container.firstElementChild;
  assert.equal(root.tagName, "DIV");
  assert.equal(root.className, "accordion");
  assert.equal(buttons.length, 3);
  assert.equal(regions.length, 3);
  const children = [...root.children];
  assert.deepEqual(children.map((c) => c.tagName), ["H3", "DIV", "H3", "DIV", "H3", "DIV"]);
  buttons.forEach((b, i) => {
    assert.equal(b.parentElement, children[2 * i], "button sits inside its heading");
    assert.equal(b.getAttribute("type"), "button");
    assert.equal(b.textContent, ITEMS[i].title);
  });
  assert.equal(regions[1].querySelector("a").getAttribute("href"), "/returns");
});

test("ids, aria-controls and aria-labelledby connect buttons and regions", () => {
  const { buttons, regions } = setup();
  buttons.forEach((b, i) => {
    assert.equal(b.id, `faq-header-${i}`);
    assert.equal(b.getAttribute("aria-controls"), `faq-panel-${i}`);
  });
  regions.forEach((r, i) => {
    assert.equal(r.id, `faq-panel-${i}`);
    assert.equal(r.getAttribute("aria-labelledby"), `faq-header-${i}`);
  });
});

test("everything is collapsed by default with aria-expanded=false", () => {
  const { buttons, regions } = setup();
  assert.deepEqual(openState(buttons, regions), [false, false, false]);
});

test("headingLevel picks the heading element", () => {
  const { view } = setup({ headingLevel: 2 });
  assert.equal(view.container.querySelectorAll("h2").length, 3);
  assert.equal(view.container.querySelectorAll("h3").length, 0);
  const five = setup({ headingLevel: 5 });
  assert.equal(five.view.container.querySelectorAll("h5 > button").length, 3);
});

test("clicking toggles a section and reports it", () => {
  const { buttons, regions, calls } = setup();
  h.click(buttons[1]);
  assert.deepEqual(openState(buttons, regions), [false, true, false]);
  h.click(buttons[1]);
  assert.deepEqual(openState(buttons, regions), [false, false, false]);
  assert.deepEqual(calls, [[1, true], [1, false]]);
});

test("single mode: opening a section closes the other one", () => {
  const { buttons, regions, calls } = setup();
  h.click(buttons[0]);
  h.click(buttons[2]);
  assert.deepEqual(openState(buttons, regions), [false, false, true]);
  h.click(buttons[1]);
  assert.deepEqual(openState(buttons, regions), [false, true, false]);
  assert.deepEqual(calls, [[0, true], [2, true], [1, true]]);
});

test("multiple mode: sections open independently", () => {
  const { buttons, regions, calls } = setup({ allowMultiple: true });
  h.click(buttons[0]);
  h.click(buttons[2]);
  assert.deepEqual(openState(buttons, regions), [true, false, true]);
  h.click(buttons[0]);
  assert.deepEqual(openState(buttons, regions), [false, false, true]);
  assert.deepEqual(calls, [[0, true], [2, true], [0, false]]);
});

test("defaultOpen: all given indexes in multiple mode, only the first in single mode", () => {
  const multi = setup({ allowMultiple: true, defaultOpen: [2, 0] });
  assert.deepEqual(openState(multi.buttons, multi.regions), [true, false, true]);
  assert.deepEqual(multi.calls, []);
  const single = setup({ defaultOpen: [2, 0] });
  assert.deepEqual(openState(single.buttons, single.regions), [false, false, true]);
  h.click(single.buttons[0]);
  assert.deepEqual(openState(single.buttons, single.regions), [true, false, false]);
});

test("arrow keys move focus between headers and wrap, without toggling", () => {
  const { buttons, regions, calls } = setup();
  h.focus(buttons[0]);
  const ev = h.keyDown(buttons[0], "ArrowDown");
  assert.equal(ev.defaultPrevented, true);
  assert.equal(document.activeElement, buttons[1]);
  h.keyDown(buttons[1], "ArrowDown");
  h.keyDown(buttons[2], "ArrowDown");
  assert.equal(document.activeElement, buttons[0], "ArrowDown wraps to the first header");
  h.keyDown(buttons[0], "ArrowUp");
  assert.equal(document.activeElement, buttons[2], "ArrowUp wraps to the last header");
  h.keyDown(buttons[2], "ArrowUp");
  assert.equal(document.activeElement, buttons[1]);
  assert.deepEqual(openState(buttons, regions), [false, false, false]);
  assert.deepEqual(calls, []);
});

test("Home and End focus the first and last header", () => {
  const { buttons } = setup();
  h.focus(buttons[1]);
  assert.equal(h.keyDown(buttons[1], "End").defaultPrevented, true);
  assert.equal(document.activeElement, buttons[2]);
  assert.equal(h.keyDown(buttons[2], "Home").defaultPrevented, true);
  assert.equal(document.activeElement, buttons[0]);
});

test("other keys are not prevented and do not move focus", () => {
  const { buttons } = setup();
  h.focus(buttons[1]);
  for (const key of ["ArrowRight", "ArrowLeft", "Tab", "x"]) {
    assert.equal(h.keyDown(buttons[1], key).defaultPrevented, false, `${key} is not prevented`);
    assert.equal(document.activeElement, buttons[1]);
  }
});

test("works without onToggle", () => {
  const view = h.render(React.createElement(Accordion, { id: "n", items: ITEMS }));
  const buttons = [...view.container.querySelectorAll("button")];
  const regions = [...view.container.querySelectorAll('[role="region"]')];
  h.click(buttons[2]);
  assert.deepEqual(openState(buttons, regions), [false, false, true]);
});
