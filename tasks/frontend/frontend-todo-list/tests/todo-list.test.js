"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const h = require("./dom.js");

const { React, document } = h;
const TodoList = h.loadComponent("TodoList.jsx", "TodoList");

const SEED = [
  { id: 1, text: "Buy milk", done: false },
  { id: 2, text: "Walk dog", done: true },
  { id: 3, text: "Write tests", done: false },
];

function setup(initialTodos) {
  const props = initialTodos === undefined ? {} : { initialTodos };
  const view = h.render(React.createElement(TodoList, props));
  const c = view.container;
  const filterButton = (label) =>
    [...c.querySelectorAll('[role="group"] button')].find((b) => b.textContent === label);
  const clearButton = [...c.querySelectorAll("button")].find((b) => b.textContent === "Clear completed");
  return {
    c,
    input: c.querySelector("#new-todo"),
    addButton: c.querySelector('form button[type="submit"]'),
    filterButton,
    clearButton,
    items: () => [...c.querySelectorAll("ul > li")].map((li) => ({
      id: li.getAttribute("data-id"),
      text: li.querySelector("label").textContent,
      done: li.querySelector('input[type="checkbox"]').checked,
    })),
    checkbox: (id) => c.querySelector(`#todo-${id}`),
    deleteButton: (text) => c.querySelector(`button[aria-label="Delete ${text}"]`),
    count: () => c.querySelector("#todo-count").textContent.trim(),
    empty: () => c.querySelector("p.empty"),
  };
}

function add(t, text) {
  h.type(t.input, text);
  h.click(t.addButton);
}

test.afterEach(() => h.cleanup());

test("renders the documented structure", () => {
  const t = setup(SEED);
  const section = t.c.firstElementChild;
  assert.equal(section.tagName, "SECTION");
  assert.equal(section.className, "todo-app");
  assert.equal(section.querySelector("h2").textContent, "Todos");
  assert.equal(t.c.querySelector('label[for="new-todo"]').textContent, "New todo");
  assert.equal(t.input.type, "text");
  assert.equal(t.addButton.textContent, "Add");
  const ul = t.c.querySelector("ul");
  assert.equal(ul.getAttribute("aria-label"), "Todo items");
  const group = t.c.querySelector('[role="group"]');
  assert.equal(group.getAttribute("aria-label"), "Filter todos");
  assert.deepEqual([...group.querySelectorAll("button")].map((b) => b.textContent), ["All", "Active", "Completed"]);
  for (const b of t.c.querySelectorAll("button:not([type=submit])")) assert.equal(b.getAttribute("type"), "button");
  assert.equal(t.c.querySelector("#todo-count").getAttribute("aria-live"), "polite");
});

test("renders the initial todos with labelled checkboxes and delete buttons", () => {
  const t = setup(SEED);
  assert.deepEqual(t.items(), [
    { id: "1", text: "Buy milk", done: false },
    { id: "2", text: "Walk dog", done: true },
    { id: "3", text: "Write tests", done: false },
  ]);
  for (const todo of SEED) {
    const box = t.checkbox(todo.id);
    assert.equal(box.type, "checkbox");
    assert.equal(t.c.querySelector(`label[for="todo-${todo.id}"]`).textContent, todo.text);
    const del = t.deleteButton(todo.text);
    assert.ok(del, `delete button for ${todo.text}`);
    assert.equal(del.textContent, "Delete");
  }
  assert.equal(t.count(), "2 items left");
  assert.equal(t.empty(), null);
});

test("empty list shows the empty message and singular/plural counts", () => {
  const t = setup();
  assert.ok(t.c.querySelector("ul"), "ul is rendered even when empty");
  assert.equal(t.items().length, 0);
  assert.equal(t.empty().textContent, "Nothing to show");
  assert.equal(t.count(), "0 items left");
  add(t, "One");
  assert.equal(t.count(), "1 item left");
  assert.equal(t.empty(), null);
  add(t, "Two");
  assert.equal(t.count(), "2 items left");
});

test("adding trims the text, appends with the next id and clears the input", () => {
  const t = setup(SEED);
  add(t, "  Call mom  ");
  assert.deepEqual(t.items().at(-1), { id: "4", text: "Call mom", done: false });
  assert.equal(t.input.value, "");
  add(t, "Pay rent");
  assert.deepEqual(t.items().map((i) => i.id), ["1", "2", "3", "4", "5"]);
  assert.equal(t.count(), "4 items left");
});

test("blank input adds nothing and keeps the typed value", () => {
  const t = setup(SEED);
  add(t, "   ");
  assert.equal(t.items().length, 3);
  assert.equal(t.input.value, "   ");
});

test("submitting the form is prevented", () => {
  const t = setup();
  h.type(t.input, "x");
  const ev = h.submit(t.c.querySelector("form"));
  assert.equal(ev.defaultPrevented, true);
  assert.equal(t.items().length, 1);
});

test("first todo of an empty list gets id 1", () => {
  const t = setup([]);
  add(t, "First");
  assert.deepEqual(t.items(), [{ id: "1", text: "First", done: false }]);
  assert.ok(t.checkbox(1));
});

test("new ids stay unique after deleting", () => {
  const t = setup(SEED);
  h.click(t.deleteButton("Buy milk"));
  add(t, "New one");
  const ids = t.items().map((i) => i.id);
  assert.deepEqual(ids, ["2", "3", "4"]);
  assert.equal(t.c.querySelectorAll("#todo-4").length, 1);
  h.click(t.checkbox(4));
  assert.deepEqual(t.items().map((i) => i.done), [true, false, true]);
});

test("toggling several todos in a row keeps every change", () => {
  const t = setup(SEED);
  h.click(t.checkbox(1));
  h.click(t.checkbox(3));
  assert.deepEqual(t.items().map((i) => i.done), [true, true, true]);
  assert.equal(t.count(), "0 items left");
  h.click(t.checkbox(2));
  assert.deepEqual(t.items().map((i) => i.done), [true, false, true]);
  assert.equal(t.count(), "1 item left");
});

test("adding then toggling and deleting all act on the current list", () => {
  const t = setup([]);
  add(t, "a");
  add(t, "b");
  add(t, "c");
  h.click(t.checkbox(2));
  h.click(t.deleteButton("a"));
  h.click(t.checkbox(3));
  assert.deepEqual(t.items(), [
    { id: "2", text: "b", done: true },
    { id: "3", text: "c", done: true },
  ]);
});

test("delete removes the todo", () => {
  const t = setup(SEED);
  h.click(t.deleteButton("Walk dog"));
  assert.deepEqual(t.items().map((i) => i.text), ["Buy milk", "Write tests"]);
  assert.equal(t.deleteButton("Walk dog"), null);
  assert.equal(t.count(), "2 items left");
});

test("filters show the matching todos and set aria-pressed", () => {
  const t = setup(SEED);
  const pressed = () => ["All", "Active", "Completed"].map((l) => t.filterButton(l).getAttribute("aria-pressed"));
  assert.deepEqual(pressed(), ["true", "false", "false"]);
  h.click(t.filterButton("Active"));
  assert.deepEqual(pressed(), ["false", "true", "false"]);
  assert.deepEqual(t.items().map((i) => i.text), ["Buy milk", "Write tests"]);
  assert.equal(t.count(), "2 items left");
  h.click(t.filterButton("Completed"));
  assert.deepEqual(pressed(), ["false", "false", "true"]);
  assert.deepEqual(t.items().map((i) => i.text), ["Walk dog"]);
  assert.equal(t.count(), "2 items left", "count ignores the filter");
  h.click(t.filterButton("All"));
  assert.equal(t.items().length, 3);
});

test("the filter applies to later changes", () => {
  const t = setup(SEED);
  h.click(t.filterButton("Active"));
  h.click(t.checkbox(1));
  assert.deepEqual(t.items().map((i) => i.text), ["Write tests"]);
  add(t, "Fresh");
  assert.deepEqual(t.items().map((i) => i.text), ["Write tests", "Fresh"]);
  h.click(t.filterButton("Completed"));
  add(t, "Hidden");
  assert.deepEqual(t.items().map((i) => i.text), ["Buy milk", "Walk dog"]);
  h.click(t.checkbox(1));
  h.click(t.checkbox(2));
  assert.equal(t.items().length, 0);
  assert.equal(t.empty().textContent, "Nothing to show");
  assert.equal(t.count(), "5 items left");
});

test("clear completed removes done todos and is disabled when there are none", () => {
  const t = setup(SEED);
  assert.equal(t.clearButton.disabled, false);
  h.click(t.checkbox(3));
  h.click(t.clearButton);
  assert.deepEqual(t.items().map((i) => i.text), ["Buy milk"]);
  assert.equal(t.clearButton.disabled, true);
  h.click(t.checkbox(1));
  assert.equal(t.clearButton.disabled, false);
  h.click(t.clearButton);
  assert.equal(t.items().length, 0);
  assert.equal(t.count(), "0 items left");
});

test("does not modify the initialTodos prop", () => {
  const seed = SEED.map((todo) => ({ ...todo }));
  const t = setup(seed);
  h.click(t.checkbox(1));
  h.click(t.deleteButton("Walk dog"));
  assert.deepEqual(seed, SEED);
});
