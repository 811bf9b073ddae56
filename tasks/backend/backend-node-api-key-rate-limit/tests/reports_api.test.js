"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const { createApp } = require("../reports_api.js");

const WINDOW = 60000;
const T0 = 1700000040000; // a multiple of 60000: a window starts here

const KEYS = {
  "k-live-123": { client: "acme", scopes: ["reports:read", "reports:write"] },
  "k-ro-456": { client: "globex", scopes: ["reports:read"] },
  "k-none-789": { client: "initech", scopes: [] },
};

async function withApp(options, fn) {
  const clock = { t: T0 + 1500 };
  const app = createApp({ keys: KEYS, limit: 3, windowMs: WINDOW, now: () => clock.t, ...options });
  const server = http.createServer(app);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await fn(server.address().port, clock);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function call(port, method, path, key, { authorization, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (authorization !== undefined) headers.Authorization = authorization;
    else if (key !== undefined) headers.Authorization = `Bearer ${key}`;
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode, headers: res.headers, json: JSON.parse(text) });
      });
    });
    req.setTimeout(2000, () => req.destroy(new Error("no response within 2 s")));
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function assertNoRateHeaders(r) {
  for (const h of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"]) {
    assert.equal(r.headers[h], undefined, h);
  }
}

test("authorised reads and writes succeed with rate-limit headers", async () => {
  await withApp({}, async (port) => {
    let r = await call(port, "GET", "/v1/reports?from=2024", "k-live-123");
    assert.equal(r.status, 200);
    assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
    assert.deepEqual(r.json, { client: "acme", reports: [] });
    assert.equal(r.headers["x-ratelimit-limit"], "3");
    assert.equal(r.headers["x-ratelimit-remaining"], "2");
    assert.equal(r.headers["x-ratelimit-reset"], "1700000100");
    r = await call(port, "POST", "/v1/reports", "k-live-123", { body: "{\"title\":\"q3\"}" });
    assert.equal(r.status, 201);
    assert.deepEqual(r.json, { client: "acme", created: true });
    assert.equal(r.headers["x-ratelimit-remaining"], "1");
  });
});

test("health is public and never rate limited", async () => {
  await withApp({ limit: 1 }, async (port) => {
    for (let i = 0; i < 4; i++) {
      const r = await call(port, "GET", "/health");
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { status: "ok" });
      assertNoRateHeaders(r);
    }
  });
});

test("unknown paths are 404 and wrong methods 405, before authentication", async () => {
  await withApp({}, async (port) => {
    for (const path of ["/", "/v1/reports/", "/v1/report", "/V1/reports", "/health/x"]) {
      const r = await call(port, "GET", path);
      assert.equal(r.status, 404, path);
      assert.deepEqual(r.json, { error: "not_found" });
    }
    let r = await call(port, "DELETE", "/v1/reports");
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "GET, POST");
    assert.deepEqual(r.json, { error: "method_not_allowed" });
    r = await call(port, "POST", "/health");
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "GET");
  });
});

test("missing or malformed Authorization is 401 unauthorized", async () => {
  await withApp({}, async (port) => {
    const headers = [undefined, "", "Bearer", "Bearer ", "Basic azpw", "k-live-123", "Bearer k-live-123 extra", "Token k-live-123"];
    for (const authorization of headers) {
      const r = await call(port, "GET", "/v1/reports", undefined, { authorization });
      assert.equal(r.status, 401, String(authorization));
      assert.deepEqual(r.json, { error: "unauthorized" });
      assert.equal(r.headers["www-authenticate"], 'Bearer realm="reports"');
      assertNoRateHeaders(r);
    }
    const ok = await call(port, "GET", "/v1/reports", undefined, { authorization: "bearer   k-ro-456" });
    assert.equal(ok.status, 200);
  });
});

test("unknown keys are 401 invalid_api_key, including inherited property names", async () => {
  await withApp({}, async (port) => {
    for (const key of ["nope", "K-LIVE-123", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const r = await call(port, "GET", "/v1/reports", key);
      assert.equal(r.status, 401, key);
      assert.deepEqual(r.json, { error: "invalid_api_key" });
      assert.equal(r.headers["www-authenticate"], 'Bearer realm="reports", error="invalid_token"');
      assertNoRateHeaders(r);
    }
  });
});

test("missing scope is 403 and still counts against the limit", async () => {
  await withApp({}, async (port) => {
    let r = await call(port, "POST", "/v1/reports", "k-ro-456");
    assert.equal(r.status, 403);
    assert.deepEqual(r.json, { error: "forbidden", required_scope: "reports:write" });
    assert.equal(r.headers["x-ratelimit-remaining"], "2");
    r = await call(port, "GET", "/v1/reports", "k-none-789");
    assert.deepEqual(r.json, { error: "forbidden", required_scope: "reports:read" });
    await call(port, "POST", "/v1/reports", "k-ro-456");
    await call(port, "POST", "/v1/reports", "k-ro-456");
    r = await call(port, "GET", "/v1/reports", "k-ro-456");
    assert.equal(r.status, 429);
  });
});

test("the limit is enforced per key with Retry-After rounded up", async () => {
  await withApp({}, async (port, clock) => {
    for (let i = 0; i < 3; i++) assert.equal((await call(port, "GET", "/v1/reports", "k-live-123")).status, 200);
    clock.t = T0 + 1500;
    let r = await call(port, "GET", "/v1/reports", "k-live-123");
    assert.equal(r.status, 429);
    assert.deepEqual(r.json, { error: "rate_limited" });
    assert.equal(r.headers["retry-after"], "59");
    assert.equal(r.headers["x-ratelimit-remaining"], "0");
    assert.equal(r.headers["x-ratelimit-limit"], "3");
    assert.equal(r.headers["x-ratelimit-reset"], "1700000100");
    clock.t = T0 + 59999;
    r = await call(port, "POST", "/v1/reports", "k-live-123");
    assert.equal(r.status, 429);
    assert.equal(r.headers["retry-after"], "1");
    // other keys are unaffected
    assert.equal((await call(port, "GET", "/v1/reports", "k-ro-456")).status, 200);
  });
});

test("a new aligned window resets the count", async () => {
  await withApp({ limit: 2 }, async (port, clock) => {
    clock.t = T0 + 59000;
    assert.equal((await call(port, "GET", "/v1/reports", "k-live-123")).status, 200);
    assert.equal((await call(port, "GET", "/v1/reports", "k-live-123")).status, 200);
    assert.equal((await call(port, "GET", "/v1/reports", "k-live-123")).status, 429);
    clock.t = T0 + WINDOW; // exactly the next window's start
    const r = await call(port, "GET", "/v1/reports", "k-live-123");
    assert.equal(r.status, 200);
    assert.equal(r.headers["x-ratelimit-remaining"], "1");
    assert.equal(r.headers["x-ratelimit-reset"], "1700000160");
  });
});

test("rejected 429 requests are not counted", async () => {
  await withApp({ limit: 1, windowMs: 1000 }, async (port, clock) => {
    clock.t = 5000250;
    assert.equal((await call(port, "GET", "/v1/reports", "k-live-123")).status, 200);
    for (let i = 0; i < 3; i++) {
      const r = await call(port, "GET", "/v1/reports", "k-live-123");
      assert.equal(r.status, 429);
      assert.equal(r.headers["retry-after"], "1");
      assert.equal(r.headers["x-ratelimit-reset"], "5001");
    }
    clock.t = 5001000;
    const r = await call(port, "GET", "/v1/reports", "k-live-123");
    assert.equal(r.status, 200);
    assert.equal(r.headers["x-ratelimit-remaining"], "0");
  });
});

test("invalid keys do not consume anybody's quota", async () => {
  await withApp({ limit: 1 }, async (port) => {
    for (let i = 0; i < 3; i++) {
      await call(port, "GET", "/v1/reports", "wrong-key");
      await call(port, "GET", "/v1/reports", undefined, { authorization: "Basic x" });
    }
    assert.equal((await call(port, "GET", "/v1/reports", "k-ro-456")).status, 200);
  });
});

test("apps have independent counters", async () => {
  await withApp({ limit: 1 }, async (port) => {
    assert.equal((await call(port, "GET", "/v1/reports", "k-ro-456")).status, 200);
  });
  await withApp({ limit: 1 }, async (port) => {
    assert.equal((await call(port, "GET", "/v1/reports", "k-ro-456")).status, 200);
  });
});
