"use strict";

const ESCAPES = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(value) {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

function isMissing(value) {
  return value === null || value === undefined;
}

function compareValues(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  if (sa < sb) return -1;
  if (sa > sb) return 1;
  return 0;
}

function sortRows(rows, key, direction) {
  const sorted = rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = x.row[key];
      const b = y.row[key];
      const missingA = isMissing(a);
      const missingB = isMissing(b);
      if (missingA || missingB) {
        if (missingA !== missingB) return missingA ? 1 : -1;
        return x.index - y.index;
      }
      return compareValues(a, b) || x.index - y.index;
    })
    .map((entry) => entry.row);
  return direction === "descending" ? sorted.reverse() : sorted;
}

function validateSort(columns, sort) {
  const column = columns.find((c) => c.key === sort.key);
  if (!column || !column.sortable) {
    throw new RangeError(`cannot sort by ${JSON.stringify(sort.key)}`);
  }
  if (sort.direction !== "ascending" && sort.direction !== "descending") {
    throw new RangeError(`invalid sort direction ${JSON.stringify(sort.direction)}`);
  }
}

function renderHeader(column, sort) {
  const key = escapeHtml(column.key);
  const label = escapeHtml(column.label);
  if (!column.sortable) {
    return `<th scope="col" data-key="${key}">${label}</th>`;
  }
  const state = sort && sort.key === column.key ? sort.direction : "none";
  return (
    `<th scope="col" data-key="${key}" aria-sort="${state}">` +
    `<button type="button">${label}</button></th>`
  );
}

function renderRow(row, columns) {
  const open = isMissing(row.id) ? "<tr>" : `<tr data-row-id="${escapeHtml(row.id)}">`;
  const cells = columns.map((c) => `<td>${escapeHtml(row[c.key])}</td>`).join("");
  return `${open}${cells}</tr>`;
}

function renderTable({ columns, rows = [], sort, caption, emptyText = "No data" } = {}) {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new TypeError("columns must be a non-empty array");
  }
  const hasSort = !isMissing(sort);
  if (hasSort) validateSort(columns, sort);

  const ordered = hasSort ? sortRows(rows, sort.key, sort.direction) : rows;
  const head = columns.map((c) => renderHeader(c, hasSort ? sort : null)).join("");
  const body =
    ordered.length === 0
      ? `<tr><td colspan="${columns.length}">${escapeHtml(emptyText)}</td></tr>`
      : ordered.map((row) => renderRow(row, columns)).join("");
  const captionHtml = isMissing(caption) ? "" : `<caption>${escapeHtml(caption)}</caption>`;

  return (
    `<table>${captionHtml}<thead><tr>${head}</tr></thead>` +
    `<tbody>${body}</tbody></table>`
  );
}

module.exports = { escapeHtml, renderTable };
