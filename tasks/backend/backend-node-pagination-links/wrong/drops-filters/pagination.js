"use strict";

const DIGITS = /^[0-9]+$/;

function decodeFormComponent(text) {
  // URLSearchParams applies the application/x-www-form-urlencoded rules.
  const params = new URLSearchParams("x=" + text.replace(/&/g, "%26").replace(/=/g, "%3D"));
  return params.get("x");
}

function parseQuery(rawQuery) {
  return rawQuery.split("&").filter((pair) => pair !== "").map((raw) => {
    const eq = raw.indexOf("=");
    const name = eq === -1 ? raw : raw.slice(0, eq);
    const value = eq === -1 ? "" : raw.slice(eq + 1);
    return { raw, name: decodeFormComponent(name), value: decodeFormComponent(value) };
  });
}

function readInt(pairs, name, fallback, max) {
  const found = pairs.filter((p) => p.name === name);
  if (found.length === 0) return fallback;
  if (found.length > 1 || !DIGITS.test(found[0].value)) return null;
  const n = Number(found[0].value);
  if (!Number.isSafeInteger(n) || n < 1 || n > max) return null;
  return n;
}

function sendJson(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function createListHandler(getItems, { defaultPerPage = 10, maxPerPage = 100 } = {}) {
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return sendJson(res, 405, { error: "method_not_allowed" }, { Allow: "GET, HEAD" });
    }
    const url = req.url || "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const pairs = parseQuery(q === -1 ? "" : url.slice(q + 1));

    const page = readInt(pairs, "page", 1, Number.MAX_SAFE_INTEGER);
    if (page === null) return sendJson(res, 400, { error: "invalid_query", param: "page" });
    const perPage = readInt(pairs, "per_page", defaultPerPage, maxPerPage);
    if (perPage === null) return sendJson(res, 400, { error: "invalid_query", param: "per_page" });

    const items = getItems();
    const total = items.length;
    const lastPage = Math.max(1, Math.ceil(total / perPage));
    const slice = items.slice((page - 1) * perPage, page * perPage);

    const link = (n, rel) => `<${path}?page=${n}&per_page=${perPage}>; rel="${rel}"`;
    const links = [link(1, "first")];
    if (page > 1 && page <= lastPage) links.push(link(page - 1, "prev"));
    if (page < lastPage) links.push(link(page + 1, "next"));
    links.push(link(lastPage, "last"));

    return sendJson(res, 200, slice, { "X-Total-Count": String(total), Link: links.join(", ") });
  };
}

module.exports = { createListHandler };
