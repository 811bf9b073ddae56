"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { escapeHtml, renderTable } = require("../table.js");

const COLUMNS = [
  { key: "name", label: "Name", sortable: true },
  { key: "qty", label: "Qty", sortable: true },
  { key: "note", label: "Note" },
];

function bodyOf(html) {
  const match = /<tbody>(.*)<\/tbody>/.exec(html);
  assert.ok(match, "output has a <tbody>");
  return match[1];
}

function firstCells(html) {
  return [...bodyOf(html).matchAll(/<tr[^>]*><td>([^<]*)<\/td>/g)].map((m) => m[1]);
}

test("escapeHtml escapes the five special characters", () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`),
    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  assert.equal(escapeHtml("&lt;"), "&amp;lt;");
  assert.equal(escapeHtml("plain text é"), "plain text é");
});

test("escapeHtml converts non-strings", () => {
  assert.equal(escapeHtml(null), "");
  assert.equal(escapeHtml(undefined), "");
  assert.equal(escapeHtml(0), "0");
  assert.equal(escapeHtml(false), "false");
});

test("renders the exact documented structure", () => {
  const html = renderTable({
    columns: [{ key: "a", label: "A" }, { key: "b", label: "B" }],
    rows: [{ a: 1, b: "x" }, { a: 2, b: "y" }],
  });
  assert.equal(html,
    '<table><thead><tr><th scope="col" data-key="a">A</th><th scope="col" data-key="b">B</th></tr></thead>' +
    "<tbody><tr><td>1</td><td>x</td></tr><tr><td>2</td><td>y</td></tr></tbody></table>");
});

test("matches the prompt example", () => {
  const html = renderTable({
    columns: [{ key: "name", label: "Name", sortable: true }, { key: "qty", label: "Qty" }],
    rows: [{ id: 7, name: "<b>Bolt</b>", qty: 3 }],
    sort: { key: "name", direction: "ascending" },
  });
  assert.equal(html,
    '<table><thead><tr><th scope="col" data-key="name" aria-sort="ascending"><button type="button">Name</button></th>' +
    '<th scope="col" data-key="qty">Qty</th></tr></thead>' +
    '<tbody><tr data-row-id="7"><td>&lt;b&gt;Bolt&lt;/b&gt;</td><td>3</td></tr></tbody></table>');
});

test("escapes untrusted cell text, labels and caption", () => {
  const html = renderTable({
    columns: [{ key: "v", label: "<i>V</i>", sortable: true }],
    rows: [{ v: "<script>alert('x')</script>" }],
    caption: "Q&A <2024>",
  });
  assert.ok(html.startsWith("<table><caption>Q&amp;A &lt;2024&gt;</caption><thead>"));
  assert.ok(html.includes('<button type="button">&lt;i&gt;V&lt;/i&gt;</button>'));
  assert.ok(html.includes("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"));
  assert.ok(!html.includes("<script>"));
});

test("escapes attribute values so they cannot break out", () => {
  const html = renderTable({
    columns: [{ key: 'k" onclick="evil()', label: "K" }],
    rows: [{ id: `1" onmouseover='x'`, 'k" onclick="evil()': "v" }],
  });
  assert.ok(html.includes('data-key="k&quot; onclick=&quot;evil()"'));
  assert.ok(html.includes('<tr data-row-id="1&quot; onmouseover=&#39;x&#39;"><td>v</td></tr>'));
  assert.ok(!html.includes('onclick="'));
});

test("renders missing values as empty cells but keeps 0 and false", () => {
  const html = renderTable({
    columns: [{ key: "a", label: "A" }, { key: "b", label: "B" }, { key: "c", label: "C" }],
    rows: [{ a: null, b: 0, c: false }, { id: null, b: undefined }, { id: 0, a: "" }],
  });
  assert.equal(bodyOf(html),
    "<tr><td></td><td>0</td><td>false</td></tr><tr><td></td><td></td><td></td></tr>" +
    '<tr data-row-id="0"><td></td><td></td><td></td></tr>');
});

test("sortable headers carry aria-sort and a button", () => {
  const html = renderTable({ columns: COLUMNS, rows: [], sort: { key: "qty", direction: "descending" } });
  assert.ok(html.includes(
    '<th scope="col" data-key="name" aria-sort="none"><button type="button">Name</button></th>' +
    '<th scope="col" data-key="qty" aria-sort="descending"><button type="button">Qty</button></th>' +
    '<th scope="col" data-key="note">Note</th>'));
  const unsorted = renderTable({ columns: COLUMNS, rows: [] });
  assert.equal((unsorted.match(/aria-sort="none"/g) || []).length, 2);
});

test("sorts numbers numerically and strings by code unit", () => {
  const rows = [{ name: "b", qty: 10 }, { name: "B", qty: 9 }, { name: "a", qty: 100 }];
  const byQty = renderTable({ columns: COLUMNS, rows, sort: { key: "qty", direction: "ascending" } });
  assert.deepEqual(firstCells(byQty), ["B", "b", "a"]);
  const byName = renderTable({ columns: COLUMNS, rows, sort: { key: "name", direction: "ascending" } });
  assert.deepEqual(firstCells(byName), ["B", "a", "b"]);
});

test("descending keeps missing values last and is stable", () => {
  const rows = [
    { name: "n1", qty: null }, { name: "x", qty: 2 }, { name: "y", qty: 5 },
    { name: "n2" }, { name: "z", qty: 2 },
  ];
  const desc = renderTable({ columns: COLUMNS, rows, sort: { key: "qty", direction: "descending" } });
  assert.deepEqual(firstCells(desc), ["y", "x", "z", "n1", "n2"]);
  const asc = renderTable({ columns: COLUMNS, rows, sort: { key: "qty", direction: "ascending" } });
  assert.deepEqual(firstCells(asc), ["x", "z", "y", "n1", "n2"]);
});

test("does not modify the caller's rows", () => {
  const rows = [{ name: "b" }, { name: "a" }];
  const copy = JSON.parse(JSON.stringify(rows));
  renderTable({ columns: COLUMNS, rows, sort: { key: "name", direction: "ascending" } });
  assert.deepEqual(rows, copy);
});

test("empty rows render a single colspan row", () => {
  const html = renderTable({ columns: COLUMNS, rows: [] });
  assert.equal(bodyOf(html), '<tr><td colspan="3">No data</td></tr>');
  const custom = renderTable({ columns: COLUMNS, rows: [], emptyText: "<none>" });
  assert.equal(bodyOf(custom), '<tr><td colspan="3">&lt;none&gt;</td></tr>');
});

test("rejects invalid columns and sort options", () => {
  assert.throws(() => renderTable({ columns: [], rows: [] }), TypeError);
  assert.throws(() => renderTable({ columns: "name", rows: [] }), TypeError);
  assert.throws(() => renderTable({ columns: COLUMNS, rows: [], sort: { key: "note", direction: "ascending" } }), RangeError);
  assert.throws(() => renderTable({ columns: COLUMNS, rows: [], sort: { key: "nope", direction: "ascending" } }), RangeError);
  assert.throws(() => renderTable({ columns: COLUMNS, rows: [], sort: { key: "qty", direction: "asc" } }), RangeError);
});
