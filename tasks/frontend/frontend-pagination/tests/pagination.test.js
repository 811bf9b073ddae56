"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");
const h = require("./dom.js");

const { React } = h;
const Pagination = h.loadComponent("Pagination.tsx", "Pagination");
const { getPageItems } = require(path.join(__dirname, "..", "Pagination.tsx"));
const E = "ellipsis";

function setup(props) {
  const calls = [];
  const all = { onPageChange: (p) => calls.push(p), ...props };
  const view = h.render(React.createElement(Pagination, all));
  const c = view.container;
  return {
    c,
    calls,
    rerender: (next) => view.rerender(React.createElement(Pagination, { ...all, ...next })),
    items: () => [...c.querySelectorAll("nav > ul > li")].map((li) => {
      const el = li.firstElementChild;
      if (el.tagName === "SPAN") {
        assert.equal(el.getAttribute("aria-hidden"), "true");
        assert.equal(el.textContent, "\u2026");
        return E;
      }
      return el.textContent;
    }),
    button: (label) => c.querySelector(`button[aria-label="${label}"]`),
    current: () => [...c.querySelectorAll("[aria-current]")].map((b) => [b.textContent, b.getAttribute("aria-current")]),
  };
}

test.afterEach(() => h.cleanup());

test("getPageItems is exported as a function", () => {
  assert.equal(typeof getPageItems, "function");
});

test("getPageItems lists every page when they fit", () => {
  assert.deepEqual(getPageItems(1, 1), [1]);
  assert.deepEqual(getPageItems(3, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(getPageItems(4, 7), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(getPageItems(2, 9, 2), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(getPageItems(1, 0), []);
  assert.deepEqual(getPageItems(1, -3), []);
});

test("getPageItems near the start", () => {
  assert.deepEqual(getPageItems(1, 10), [1, 2, 3, 4, 5, E, 10]);
  assert.deepEqual(getPageItems(3, 10), [1, 2, 3, 4, 5, E, 10]);
  assert.deepEqual(getPageItems(4, 10), [1, 2, 3, 4, 5, E, 10]);
  assert.deepEqual(getPageItems(4, 8), [1, 2, 3, 4, 5, E, 8]);
});

test("getPageItems near the end", () => {
  assert.deepEqual(getPageItems(10, 10), [1, E, 6, 7, 8, 9, 10]);
  assert.deepEqual(getPageItems(7, 10), [1, E, 6, 7, 8, 9, 10]);
  assert.deepEqual(getPageItems(5, 8), [1, E, 4, 5, 6, 7, 8]);
});

test("getPageItems in the middle", () => {
  assert.deepEqual(getPageItems(5, 10), [1, E, 4, 5, 6, E, 10]);
  assert.deepEqual(getPageItems(6, 10), [1, E, 5, 6, 7, E, 10]);
  assert.deepEqual(getPageItems(50, 100), [1, E, 49, 50, 51, E, 100]);
});

test("getPageItems honours siblingCount", () => {
  assert.deepEqual(getPageItems(10, 20, 2), [1, E, 8, 9, 10, 11, 12, E, 20]);
  assert.deepEqual(getPageItems(5, 20, 2), [1, 2, 3, 4, 5, 6, 7, E, 20]);
  assert.deepEqual(getPageItems(6, 20, 2), [1, E, 4, 5, 6, 7, 8, E, 20]);
  assert.deepEqual(getPageItems(16, 20, 2), [1, E, 14, 15, 16, 17, 18, 19, 20]);
  assert.deepEqual(getPageItems(3, 6, 0), [1, 2, 3, E, 6]);
  assert.deepEqual(getPageItems(5, 9, 0), [1, E, 5, E, 9]);
});

test("getPageItems clamps the page", () => {
  assert.deepEqual(getPageItems(0, 10), [1, 2, 3, 4, 5, E, 10]);
  assert.deepEqual(getPageItems(99, 10), [1, E, 6, 7, 8, 9, 10]);
});

test("renders a labelled nav with previous, pages and next", () => {
  const t = setup({ page: 5, totalPages: 10 });
  const nav = t.c.firstElementChild;
  assert.equal(nav.tagName, "NAV");
  assert.equal(nav.getAttribute("aria-label"), "Pagination");
  assert.deepEqual(t.items(), ["Previous", "1", E, "4", "5", "6", E, "10", "Next"]);
  for (const b of t.c.querySelectorAll("button")) assert.equal(b.getAttribute("type"), "button");
  assert.ok(t.button("Previous page"));
  assert.ok(t.button("Next page"));
  for (const n of [1, 4, 5, 6, 10]) assert.equal(t.button(`Page ${n}`).textContent, String(n));
});

test("custom label and siblingCount", () => {
  const t = setup({ page: 10, totalPages: 20, siblingCount: 2, label: "Search results pages" });
  assert.equal(t.c.querySelector("nav").getAttribute("aria-label"), "Search results pages");
  assert.deepEqual(t.items(), ["Previous", "1", E, "8", "9", "10", "11", "12", E, "20", "Next"]);
});

test("only the current page has aria-current=page", () => {
  const t = setup({ page: 4, totalPages: 10 });
  assert.deepEqual(t.items(), ["Previous", "1", "2", "3", "4", "5", E, "10", "Next"]);
  assert.deepEqual(t.current(), [["4", "page"]]);
});

test("previous is disabled on the first page and next on the last", () => {
  const first = setup({ page: 1, totalPages: 3 });
  assert.equal(first.button("Previous page").disabled, true);
  assert.equal(first.button("Next page").disabled, false);
  h.click(first.button("Previous page"));
  assert.deepEqual(first.calls, []);
  const last = setup({ page: 3, totalPages: 3 });
  assert.equal(last.button("Previous page").disabled, false);
  assert.equal(last.button("Next page").disabled, true);
  h.click(last.button("Next page"));
  assert.deepEqual(last.calls, []);
  const only = setup({ page: 1, totalPages: 1 });
  assert.equal(only.button("Previous page").disabled, true);
  assert.equal(only.button("Next page").disabled, true);
});

test("clicks report the requested page", () => {
  const t = setup({ page: 5, totalPages: 10 });
  h.click(t.button("Page 6"));
  h.click(t.button("Page 10"));
  h.click(t.button("Previous page"));
  h.click(t.button("Next page"));
  h.click(t.button("Page 1"));
  assert.deepEqual(t.calls, [6, 10, 4, 6, 1]);
});

test("clicking the current page does nothing", () => {
  const t = setup({ page: 5, totalPages: 10 });
  h.click(t.button("Page 5"));
  assert.deepEqual(t.calls, []);
});

test("is controlled: markup follows the page prop", () => {
  const t = setup({ page: 1, totalPages: 10 });
  h.click(t.button("Page 5"));
  assert.deepEqual(t.calls, [5]);
  assert.deepEqual(t.current(), [["1", "page"]], "no internal page state");
  t.rerender({ page: 5 });
  assert.deepEqual(t.items(), ["Previous", "1", E, "4", "5", "6", E, "10", "Next"]);
  assert.deepEqual(t.current(), [["5", "page"]]);
  t.rerender({ page: 10 });
  assert.equal(t.button("Next page").disabled, true);
  assert.deepEqual(t.items(), ["Previous", "1", E, "6", "7", "8", "9", "10", "Next"]);
});

test("out-of-range pages are clamped", () => {
  const t = setup({ page: 40, totalPages: 10 });
  assert.deepEqual(t.current(), [["10", "page"]]);
  assert.equal(t.button("Next page").disabled, true);
  h.click(t.button("Previous page"));
  assert.deepEqual(t.calls, [9]);
});

test("renders nothing without pages", () => {
  const t = setup({ page: 1, totalPages: 0 });
  assert.equal(t.c.innerHTML, "");
});
