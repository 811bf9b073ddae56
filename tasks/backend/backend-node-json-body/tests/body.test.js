"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const { HttpError, readJsonBody, withJsonBody } = require("../body.js");

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

// body: string | Buffer | array of chunks (sent chunked, without Content-Length).
function send(port, { method = "POST", path = "/", contentType = "application/json", body, headers = {} } = {}) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (contentType !== null) h["Content-Type"] = contentType;
    const chunked = Array.isArray(body);
    if (!chunked && body !== undefined && h["Content-Length"] === undefined) {
      h["Content-Length"] = Buffer.byteLength(body);
    }
    let done = false;
    const req = http.request({ host: "127.0.0.1", port, method, path, headers: h, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        done = true;
        const text = Buffer.concat(chunks).toString("utf8");
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.setTimeout(2000, () => req.destroy(new Error("no response within 2 s")));
    req.on("error", (err) => { if (!done) reject(err); });
    if (chunked) for (const chunk of body) req.write(chunk);
    else if (body !== undefined) req.write(body);
    req.end();
  });
}

// A server echoing what the handler received.
function echoServer(options) {
  const calls = [];
  const listener = withJsonBody(async (req, res, body) => {
    calls.push(body);
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ received: body === undefined ? "<undefined>" : body }));
  }, options);
  return { listener, calls };
}

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
  assert.deepEqual(r.json, { error: code });
}

test("HttpError carries status and code", () => {
  const err = new HttpError(422, "name_required", "name is required");
  assert.ok(err instanceof Error);
  assert.equal(err.status, 422);
  assert.equal(err.code, "name_required");
  assert.equal(err.message, "name is required");
  assert.equal(new HttpError(409, "conflict").message, "conflict");
});

test("parses JSON bodies for POST, PUT and PATCH", async () => {
  const { listener } = echoServer();
  await withServer(listener, async (port) => {
    for (const method of ["POST", "PUT", "PATCH"]) {
      const r = await send(port, { method, body: JSON.stringify({ name: "Zoë", n: [1, 2] }) });
      assert.equal(r.status, 200);
      assert.deepEqual(r.json, { received: { name: "Zoë", n: [1, 2] } });
    }
    for (const value of [[1, "a"], "text", 0, null, true]) {
      const r = await send(port, { body: JSON.stringify(value) });
      assert.deepEqual(r.json, { received: value });
    }
  });
});

test("accepts application/json with utf-8 charset variants", async () => {
  const { listener } = echoServer();
  await withServer(listener, async (port) => {
    for (const contentType of ["application/json", "Application/JSON; charset=UTF-8", 'application/json;charset="utf-8"', "application/json ; foo=bar"]) {
      const r = await send(port, { contentType, body: "{\"ok\":1}" });
      assert.equal(r.status, 200, contentType);
    }
  });
});

test("other content types are 415 and the handler is not called", async () => {
  const { listener, calls } = echoServer();
  await withServer(listener, async (port) => {
    for (const contentType of [null, "text/plain", "application/jsonp", "application/x-www-form-urlencoded", "application/json; charset=latin1", "text/json"]) {
      const r = await send(port, { contentType, body: "{\"ok\":1}" });
      assertError(r, 415, "unsupported_media_type");
    }
    assert.deepEqual(calls, []);
  });
});

test("other methods get an undefined body without validation", async () => {
  const { listener, calls } = echoServer({ limit: 2 });
  await withServer(listener, async (port) => {
    const r = await send(port, { method: "GET", contentType: "text/plain" });
    assert.deepEqual(r.json, { received: "<undefined>" });
    const d = await send(port, { method: "DELETE", contentType: null, body: "not json at all" });
    assert.equal(d.status, 200);
    assert.deepEqual(calls, [undefined, undefined]);
  });
});

test("Content-Length above the limit is 413 with Connection: close; exactly the limit is fine", async () => {
  const { listener, calls } = echoServer({ limit: 16 });
  await withServer(listener, async (port) => {
    const exact = JSON.stringify({ a: "12345678" }); // 16 bytes
    assert.equal(Buffer.byteLength(exact), 16);
    assert.equal((await send(port, { body: exact })).status, 200);
    const over = JSON.stringify({ a: "123456789" }); // 17 bytes
    const r = await send(port, { body: over });
    assertError(r, 413, "payload_too_large");
    assert.equal(r.headers.connection, "close");
    assert.equal(calls.length, 1);
  });
});

test("chunked bodies are counted while they arrive", async () => {
  const { listener, calls } = echoServer({ limit: 20 });
  await withServer(listener, async (port) => {
    const ok = await send(port, { body: ["[1,", "2,3", "]"] });
    assert.deepEqual(ok.json, { received: [1, 2, 3] });
    const r = await send(port, { body: ["[", "1111111111,", "2222222222,", "3333333333", "]"] });
    assertError(r, 413, "payload_too_large");
    assert.equal(calls.length, 1);
    const after = await send(port, { body: "{}" });
    assert.equal(after.status, 200);
  });
});

test("the limit counts bytes, not characters", async () => {
  const { listener } = echoServer({ limit: 10 });
  await withServer(listener, async (port) => {
    const fits = JSON.stringify("éééé"); // 6 characters, 10 bytes
    assert.equal(Buffer.byteLength(fits), 10);
    assert.deepEqual((await send(port, { body: [fits] })).json, { received: "éééé" });
    const tooBig = JSON.stringify("ééééé"); // 7 characters, 12 bytes
    assertError(await send(port, { body: [tooBig] }), 413, "payload_too_large");
    assertError(await send(port, { body: tooBig }), 413, "payload_too_large");
  });
});

test("empty bodies are 400 empty_body", async () => {
  const { listener, calls } = echoServer();
  await withServer(listener, async (port) => {
    assertError(await send(port, { body: "" }), 400, "empty_body");
    assertError(await send(port, { body: [] }), 400, "empty_body");
    assert.deepEqual(calls, []);
  });
});

test("invalid JSON or UTF-8 is 400 invalid_json", async () => {
  const { listener, calls } = echoServer();
  await withServer(listener, async (port) => {
    const bodies = [
      "{",
      "{'a': 1}",
      "undefined",
      "{\"a\":1} trailing",
      Buffer.from([0x22, 0xff, 0xfe, 0x22]),                      // "\xff\xfe" is not UTF-8
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("{}")]), // BOM
    ];
    for (const body of bodies) {
      assertError(await send(port, { body }), 400, "invalid_json");
    }
    assert.deepEqual(calls, []);
  });
});

test("a zero limit rejects any content", async () => {
  const { listener } = echoServer({ limit: 0 });
  await withServer(listener, async (port) => {
    assertError(await send(port, { body: "1" }), 413, "payload_too_large");
    assertError(await send(port, { body: ["1"] }), 413, "payload_too_large");
    assertError(await send(port, { body: "" }), 400, "empty_body");
  });
});

test("handler errors are mapped to JSON responses", async () => {
  const listener = withJsonBody(async (req, res, body) => {
    if (body.kind === "http") throw new HttpError(422, "name_required", "a name is required");
    if (body.kind === "sync") throw new TypeError("internal detail: token=abc");
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error("internal detail: password=hunter2");
  });
  await withServer(listener, async (port) => {
    assertError(await send(port, { body: "{\"kind\":\"http\"}" }), 422, "name_required");
    const sync = await send(port, { body: "{\"kind\":\"sync\"}" });
    assertError(sync, 500, "internal_error");
    assert.ok(!sync.text.includes("token"));
    const rejected = await send(port, { body: "{\"kind\":\"async\"}" });
    assertError(rejected, 500, "internal_error");
    assert.ok(!rejected.text.includes("hunter2"));
  });
});

test("readJsonBody can be used directly and rejects with HttpError", async () => {
  const seen = [];
  const listener = (req, res) => {
    readJsonBody(req, { limit: 8 }).then(
      (value) => { seen.push(["ok", value]); res.end("ok"); },
      (err) => { seen.push([err instanceof HttpError, err.status, err.code]); res.end("err"); },
    );
  };
  await withServer(listener, async (port) => {
    await send(port, { body: "[true]" });
    await send(port, { body: ["[1,2,3,4,5]"] });
    await send(port, { contentType: "text/plain", body: "1" });
    await send(port, { body: "nope" });
  });
  assert.deepEqual(seen, [
    ["ok", [true]],
    [true, 413, "payload_too_large"],
    [true, 415, "unsupported_media_type"],
    [true, 400, "invalid_json"],
  ]);
});
