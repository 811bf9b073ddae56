"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const { createListHandler } = require("../pagination.js");

const range = (n) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

async function withServer(listener, fn) {
  const server = http.createServer(listener);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await fn(server.address().port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function get(port, path, method = "GET") {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.setTimeout(2000, () => req.destroy(new Error("no response within 2 s")));
    req.on("error", reject);
    req.end();
  });
}

// Parses a Link header into {rel: url}, asserting the documented shape and order.
function links(header) {
  assert.equal(typeof header, "string");
  const entries = header.split(", ").map((part) => {
    const m = /^<([^>]*)>; rel="([a-z]+)"$/.exec(part);
    assert.ok(m, `malformed link entry: ${part}`);
    return [m[2], m[1]];
  });
  const order = entries.map(([rel]) => rel);
  const expected = ["first", "prev", "next", "last"].filter((rel) => order.includes(rel));
  assert.deepEqual(order, expected, "link order");
  return Object.fromEntries(entries);
}

const serve = (items, options) => (fn) => withServer(createListHandler(() => items, options), fn);

test("prompt example", async () => {
  await serve(range(23))(async (port) => {
    const r = await get(port, "/products?q=red+shoe&page=2&sort=-price&per_page=5");
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
    assert.equal(r.headers["x-total-count"], "23");
    assert.deepEqual(r.json, range(23).slice(5, 10));
    assert.equal(r.headers.link,
      '</products?q=red+shoe&sort=-price&page=1&per_page=5>; rel="first", ' +
      '</products?q=red+shoe&sort=-price&page=1&per_page=5>; rel="prev", ' +
      '</products?q=red+shoe&sort=-price&page=3&per_page=5>; rel="next", ' +
      '</products?q=red+shoe&sort=-price&page=5&per_page=5>; rel="last"');
  });
});

test("defaults: page 1 with the default page size", async () => {
  await serve(range(25))(async (port) => {
    const r = await get(port, "/items");
    assert.deepEqual(r.json, range(10));
    assert.deepEqual(links(r.headers.link), {
      first: "/items?page=1&per_page=10",
      next: "/items?page=2&per_page=10",
      last: "/items?page=3&per_page=10",
    });
  });
  await serve(range(7), { defaultPerPage: 3 })(async (port) => {
    const r = await get(port, "/x?page=3");
    assert.deepEqual(r.json, [{ id: 7 }]);
    assert.deepEqual(links(r.headers.link), {
      first: "/x?page=1&per_page=3",
      prev: "/x?page=2&per_page=3",
      last: "/x?page=3&per_page=3",
    });
  });
});

test("last page when the total is an exact multiple of the page size", async () => {
  await serve(range(30))(async (port) => {
    const r = await get(port, "/items?page=3&per_page=10");
    assert.deepEqual(r.json, range(30).slice(20));
    assert.deepEqual(links(r.headers.link), {
      first: "/items?page=1&per_page=10",
      prev: "/items?page=2&per_page=10",
      last: "/items?page=3&per_page=10",
    });
    const second = await get(port, "/items?page=2&per_page=10");
    assert.equal(links(second.headers.link).next, "/items?page=3&per_page=10");
    const beyond = await get(port, "/items?page=4&per_page=10");
    assert.deepEqual(beyond.json, []);
  });
});

test("single and empty collections", async () => {
  await serve([])(async (port) => {
    const r = await get(port, "/empty");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, []);
    assert.equal(r.headers["x-total-count"], "0");
    assert.equal(r.headers.link, '</empty?page=1&per_page=10>; rel="first", </empty?page=1&per_page=10>; rel="last"');
  });
  await serve(range(1))(async (port) => {
    const r = await get(port, "/one?per_page=1");
    assert.deepEqual(links(r.headers.link), { first: "/one?page=1&per_page=1", last: "/one?page=1&per_page=1" });
  });
});

test("pages beyond the last return [] with only first and last", async () => {
  await serve(range(12))(async (port) => {
    const r = await get(port, "/items?page=9&per_page=5");
    assert.equal(r.status, 200);
    assert.deepEqual(r.json, []);
    assert.equal(r.headers["x-total-count"], "12");
    assert.deepEqual(links(r.headers.link), {
      first: "/items?page=1&per_page=5",
      last: "/items?page=3&per_page=5",
    });
  });
});

test("other query parameters are kept verbatim and in order", async () => {
  await serve(range(50))(async (port) => {
    const r = await get(port, "/search?per_page=20&tag=a%20b&flag&&tag=c&page=2&name=J%C3%BCrgen+X");
    assert.deepEqual(r.json, range(50).slice(20, 40));
    assert.deepEqual(links(r.headers.link), {
      first: "/search?tag=a%20b&flag&tag=c&name=J%C3%BCrgen+X&page=1&per_page=20",
      prev: "/search?tag=a%20b&flag&tag=c&name=J%C3%BCrgen+X&page=1&per_page=20",
      next: "/search?tag=a%20b&flag&tag=c&name=J%C3%BCrgen+X&page=3&per_page=20",
      last: "/search?tag=a%20b&flag&tag=c&name=J%C3%BCrgen+X&page=3&per_page=20",
    });
  });
});

test("encoded parameter names are recognised", async () => {
  await serve(range(9))(async (port) => {
    const r = await get(port, "/v?per%5Fpage=2&%70age=3&z=1");
    assert.deepEqual(r.json, [{ id: 5 }, { id: 6 }]);
    assert.equal(links(r.headers.link).next, "/v?z=1&page=4&per_page=2");
  });
});

test("leading zeros are accepted and normalised in links", async () => {
  await serve(range(9))(async (port) => {
    const r = await get(port, "/v?page=02&per_page=003");
    assert.deepEqual(r.json, [{ id: 4 }, { id: 5 }, { id: 6 }]);
    assert.equal(links(r.headers.link).next, "/v?page=3&per_page=3");
  });
});

test("invalid page and per_page are 400", async () => {
  await serve(range(5), { maxPerPage: 50 })(async (port) => {
    const cases = [
      ["page=0", "page"], ["page=-1", "page"], ["page=abc", "page"], ["page=1.5", "page"],
      ["page=", "page"], ["page", "page"], ["page=1&page=2", "page"], ["page=+1", "page"],
      ["per_page=0", "per_page"], ["per_page=51", "per_page"], ["per_page=ten", "per_page"],
      ["per_page=5&per_page=5", "per_page"], ["page=x&per_page=0", "page"],
    ];
    for (const [query, param] of cases) {
      const r = await get(port, "/items?" + query);
      assert.equal(r.status, 400, query);
      assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
      assert.deepEqual(r.json, { error: "invalid_query", param }, query);
    }
    const max = await get(port, "/items?per_page=50");
    assert.equal(max.status, 200);
  });
});

test("HEAD has the same headers and no body; other methods are 405", async () => {
  await serve(range(15))(async (port) => {
    const head = await get(port, "/items?page=2", "HEAD");
    assert.equal(head.status, 200);
    assert.equal(head.text, "");
    assert.equal(head.headers["x-total-count"], "15");
    assert.deepEqual(links(head.headers.link).prev, "/items?page=1&per_page=10");
    for (const method of ["POST", "DELETE", "PUT"]) {
      const r = await get(port, "/items", method);
      assert.equal(r.status, 405);
      assert.equal(r.headers.allow, "GET, HEAD");
      assert.deepEqual(r.json, { error: "method_not_allowed" });
    }
  });
});

test("getItems is called per request", async () => {
  const items = range(3);
  let calls = 0;
  const handler = createListHandler(() => { calls += 1; return items; }, { defaultPerPage: 2 });
  await withServer(handler, async (port) => {
    assert.equal((await get(port, "/l")).headers["x-total-count"], "3");
    items.push({ id: 4 }, { id: 5 });
    const r = await get(port, "/l?page=3");
    assert.deepEqual(r.json, [{ id: 5 }]);
    assert.equal(r.headers["x-total-count"], "5");
  });
  assert.equal(calls, 2);
});
