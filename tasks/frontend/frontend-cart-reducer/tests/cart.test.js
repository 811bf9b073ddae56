"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const cart = require("../cart.js");

const { initialCartState, cartReducer, selectItemCount, selectSubtotal, selectDiscount, selectTotal } = cart;

const PEN = { sku: "pen", name: "Gel pen", unitPrice: 199 };
const BOOK = { sku: "book", name: "Notebook", unitPrice: 1250 };
const MUG = { sku: "mug", name: "Mug", unitPrice: 899 };

// Runs the reducer and checks that neither the state nor the action changed.
function run(state, action) {
  const stateBefore = state === undefined ? undefined : structuredClone(state);
  const actionBefore = structuredClone(action);
  const next = cartReducer(state, action);
  assert.deepEqual(state, stateBefore, `state was modified by ${JSON.stringify(action)}`);
  assert.deepEqual(action, actionBefore, `action was modified by ${JSON.stringify(action)}`);
  return next;
}

function reduce(actions, start = initialCartState) {
  return actions.reduce((s, a) => run(s, a), start);
}

const line = (item, quantity) => ({ ...item, quantity });

test("exports the documented API", () => {
  for (const name of ["cartReducer", "selectItemCount", "selectSubtotal", "selectDiscount", "selectTotal"]) {
    assert.equal(typeof cart[name], "function", `${name} is exported`);
  }
  assert.deepEqual(initialCartState, { items: [], coupon: null });
});

test("undefined state starts from the initial state", () => {
  assert.deepEqual(cartReducer(undefined, { type: "@@init" }), { items: [], coupon: null });
  const s = cartReducer(undefined, { type: "add", item: PEN });
  assert.deepEqual(s, { items: [line(PEN, 1)], coupon: null });
});

test("add appends new lines in order with default quantity 1", () => {
  const s = reduce([
    { type: "add", item: PEN },
    { type: "add", item: BOOK, quantity: 3 },
  ]);
  assert.deepEqual(s, { items: [line(PEN, 1), line(BOOK, 3)], coupon: null });
});

test("add merges into an existing line and keeps its position, name and price", () => {
  const s1 = reduce([{ type: "add", item: PEN }, { type: "add", item: BOOK }]);
  const s2 = run(s1, { type: "add", item: { sku: "pen", name: "Renamed", unitPrice: 1 }, quantity: 4 });
  assert.deepEqual(s2.items, [line(PEN, 5), line(BOOK, 1)]);
  assert.notEqual(s2, s1);
  assert.equal(s2.items[1], s1.items[1], "untouched lines may be shared");
});

test("add keeps only the four line keys", () => {
  const s = run(initialCartState, { type: "add", item: { ...MUG, color: "red", stock: 3 }, quantity: 2 });
  assert.deepEqual(s.items, [line(MUG, 2)]);
  assert.deepEqual(Object.keys(s.items[0]).sort(), ["name", "quantity", "sku", "unitPrice"]);
});

test("the new line is a copy of the action item", () => {
  const item = { ...MUG };
  const s = run(initialCartState, { type: "add", item });
  item.unitPrice = 1;
  item.name = "changed";
  assert.deepEqual(s.items, [line(MUG, 1)]);
});

test("quantities are capped at 99", () => {
  const s1 = run(initialCartState, { type: "add", item: PEN, quantity: 150 });
  assert.equal(s1.items[0].quantity, 99);
  const s2 = reduce([{ type: "add", item: BOOK, quantity: 60 }, { type: "add", item: BOOK, quantity: 60 }]);
  assert.equal(s2.items[0].quantity, 99);
});

test("add ignores invalid quantities and returns the same state", () => {
  const s = run(initialCartState, { type: "add", item: PEN });
  for (const quantity of [0, -2, 1.5, "2", NaN]) {
    assert.equal(run(s, { type: "add", item: BOOK, quantity }), s, `quantity ${String(quantity)} is ignored`);
  }
});

test("state objects are never modified, even when merging lines", () => {
  const s1 = reduce([{ type: "add", item: PEN, quantity: 2 }, { type: "add", item: BOOK }]);
  const frozenCopy = structuredClone(s1);
  const s2 = run(s1, { type: "add", item: PEN, quantity: 3 });
  const s3 = run(s2, { type: "setQuantity", sku: "book", quantity: 7 });
  run(s3, { type: "remove", sku: "pen" });
  assert.deepEqual(s1, frozenCopy);
  assert.equal(s1.items[0].quantity, 2);
  assert.equal(s2.items[0].quantity, 5);
  assert.equal(s2.items[1].quantity, 1);
  assert.equal(s3.items[1].quantity, 7);
});

test("remove drops the line; unknown sku returns the same state", () => {
  const s1 = reduce([{ type: "add", item: PEN }, { type: "add", item: BOOK }, { type: "add", item: MUG }]);
  const s2 = run(s1, { type: "remove", sku: "book" });
  assert.deepEqual(s2.items, [line(PEN, 1), line(MUG, 1)]);
  assert.equal(run(s2, { type: "remove", sku: "book" }), s2);
});

test("setQuantity sets, caps, removes and ignores", () => {
  const s1 = reduce([{ type: "add", item: PEN }, { type: "add", item: BOOK }]);
  assert.deepEqual(run(s1, { type: "setQuantity", sku: "pen", quantity: 12 }).items, [line(PEN, 12), line(BOOK, 1)]);
  assert.deepEqual(run(s1, { type: "setQuantity", sku: "book", quantity: 500 }).items, [line(PEN, 1), line(BOOK, 99)]);
  assert.deepEqual(run(s1, { type: "setQuantity", sku: "pen", quantity: 0 }).items, [line(BOOK, 1)]);
  assert.deepEqual(run(s1, { type: "setQuantity", sku: "pen", quantity: -4 }).items, [line(BOOK, 1)]);
  assert.equal(run(s1, { type: "setQuantity", sku: "nope", quantity: 3 }), s1);
  assert.equal(run(s1, { type: "setQuantity", sku: "pen", quantity: 2.5 }), s1);
  assert.equal(run(s1, { type: "setQuantity", sku: "pen", quantity: "3" }), s1);
});

test("applyCoupon stores a copy of a valid coupon and replaces the old one", () => {
  const coupon = { code: "SAVE10", kind: "percent", value: 10, extra: true };
  const s1 = run(initialCartState, { type: "applyCoupon", coupon });
  assert.deepEqual(s1.coupon, { code: "SAVE10", kind: "percent", value: 10 });
  assert.notEqual(s1.coupon, coupon);
  coupon.value = 90;
  assert.equal(s1.coupon.value, 10);
  const s2 = run(s1, { type: "applyCoupon", coupon: { code: "FIVE", kind: "fixed", value: 500 } });
  assert.deepEqual(s2.coupon, { code: "FIVE", kind: "fixed", value: 500 });
});

test("invalid coupons are ignored", () => {
  const s = run(initialCartState, { type: "add", item: PEN });
  const bad = [
    { code: "X", kind: "percent", value: 0 },
    { code: "X", kind: "percent", value: 101 },
    { code: "X", kind: "percent", value: 12.5 },
    { code: "X", kind: "fixed", value: 0 },
    { code: "X", kind: "fixed", value: -100 },
    { code: "X", kind: "fixed", value: "500" },
    { code: "X", kind: "bogus", value: 10 },
  ];
  for (const coupon of bad) assert.equal(run(s, { type: "applyCoupon", coupon }), s, JSON.stringify(coupon));
  assert.equal(run(s, { type: "applyCoupon" }), s);
});

test("removeCoupon clears the coupon, or returns the same state without one", () => {
  const s1 = reduce([{ type: "add", item: PEN }, { type: "applyCoupon", coupon: { code: "A", kind: "fixed", value: 50 } }]);
  const s2 = run(s1, { type: "removeCoupon" });
  assert.equal(s2.coupon, null);
  assert.deepEqual(s2.items, s1.items);
  assert.equal(run(s2, { type: "removeCoupon" }), s2);
});

test("clear empties items and coupon", () => {
  const s1 = reduce([{ type: "add", item: PEN }, { type: "applyCoupon", coupon: { code: "A", kind: "percent", value: 5 } }]);
  const s2 = run(s1, { type: "clear" });
  assert.deepEqual(s2, { items: [], coupon: null });
  assert.notEqual(s2, s1);
});

test("unknown actions return the same state", () => {
  const s = run(initialCartState, { type: "add", item: PEN });
  assert.equal(run(s, { type: "checkout" }), s);
  assert.equal(run(s, { type: "ADD", item: BOOK }), s);
});

test("count, subtotal and total without a coupon", () => {
  const s = reduce([{ type: "add", item: PEN, quantity: 3 }, { type: "add", item: BOOK, quantity: 2 }]);
  assert.equal(selectItemCount(s), 5);
  assert.equal(selectSubtotal(s), 3 * 199 + 2 * 1250);
  assert.equal(selectDiscount(s), 0);
  assert.equal(selectTotal(s), 3097);
  assert.equal(selectItemCount(initialCartState), 0);
  assert.equal(selectTotal(initialCartState), 0);
});

test("percent coupons round halves up", () => {
  const base = reduce([{ type: "add", item: { sku: "x", name: "X", unitPrice: 1005 } }]);
  const s = run(base, { type: "applyCoupon", coupon: { code: "TEN", kind: "percent", value: 10 } });
  assert.equal(selectDiscount(s), 101);
  assert.equal(selectTotal(s), 904);
  const s2 = reduce([{ type: "add", item: { sku: "y", name: "Y", unitPrice: 1999 } }, { type: "applyCoupon", coupon: { code: "Q", kind: "percent", value: 15 } }]);
  assert.equal(selectDiscount(s2), 300);
  const s3 = reduce([{ type: "add", item: PEN }, { type: "applyCoupon", coupon: { code: "F", kind: "percent", value: 100 } }]);
  assert.equal(selectTotal(s3), 0);
});

test("fixed coupons never exceed the subtotal", () => {
  const s = reduce([{ type: "add", item: PEN, quantity: 2 }, { type: "applyCoupon", coupon: { code: "F", kind: "fixed", value: 250 } }]);
  assert.equal(selectDiscount(s), 250);
  assert.equal(selectTotal(s), 148);
  const big = run(s, { type: "applyCoupon", coupon: { code: "BIG", kind: "fixed", value: 5000 } });
  assert.equal(selectDiscount(big), 398);
  assert.equal(selectTotal(big), 0);
  const empty = run(big, { type: "remove", sku: "pen" });
  assert.equal(selectDiscount(empty), 0);
  assert.equal(selectTotal(empty), 0);
});
