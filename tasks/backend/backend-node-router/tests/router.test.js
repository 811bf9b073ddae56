"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const http = require("node:http");
const { createRouter } = require("../router.js");

async function withServer(router, fn) {
  const server = http.createServer(router.handle);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await fn(server.address().port);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

function request(port, method, path, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.setTimeout(2000, () => req.destroy(new Error(`no response for ${method} ${path} within 2 s`)));
    req.on("error", reject);
    req.end();
  });
}

function echo(name) {
  return (req, res, params) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ route: name, params, reqParams: req.params }));
  };
}

function sampleRouter() {
  return createRouter()
    .add("GET", "/", echo("root"))
    .add("GET", "/users/me", echo("me"))
    .add("GET", "/users/:id", echo("user"))
    .add("delete", "/users/:id", echo("delete-user"))
    .add("GET", "/users/:userId/posts/:postId", echo("post"))
    .add("POST", "/users", echo("create"))
    .add("PUT", "/files/:name", echo("put-file"));
}

test("add returns the router for chaining and validates its arguments", () => {
  const router = createRouter();
  assert.equal(router.add("GET", "/x", () => {}), router);
  const bad = [
    ["", "/x", () => {}],
    [42, "/x", () => {}],
    ["GET", "x", () => {}],
    ["GET", 7, () => {}],
    ["GET", "/x", "not a function"],
    ["GET", "/a/:", () => {}],
    ["GET", "/a/:1x", () => {}],
    ["GET", "/a/:id/b/:id", () => {}],
  ];
  for (const args of bad) assert.throws(() => router.add(...args), TypeError, JSON.stringify(args.slice(0, 2)));
});

test("dispatches literal and parameter routes in registration order", async () => {
  await withServer(sampleRouter(), async (port) => {
    let r = await request(port, "GET", "/users/me");
    assert.equal(r.status, 200);
    assert.deepEqual(JSON.parse(r.body), { route: "me", params: {}, reqParams: {} });
    r = await request(port, "GET", "/users/42?expand=1");
    assert.deepEqual(JSON.parse(r.body), { route: "user", params: { id: "42" }, reqParams: { id: "42" } });
    r = await request(port, "GET", "/users/7/posts/abc");
    assert.deepEqual(JSON.parse(r.body).params, { userId: "7", postId: "abc" });
    r = await request(port, "GET", "/");
    assert.equal(JSON.parse(r.body).route, "root");
    r = await request(port, "GET", "/?q=1");
    assert.equal(JSON.parse(r.body).route, "root");
  });
});

test("methods are case-insensitive at registration and trailing slash is ignored", async () => {
  await withServer(sampleRouter(), async (port) => {
    let r = await request(port, "DELETE", "/users/9/");
    assert.equal(JSON.parse(r.body).route, "delete-user");
    r = await request(port, "POST", "/users/");
    assert.equal(JSON.parse(r.body).route, "create");
  });
});

test("parameters are percent-decoded, literals are not", async () => {
  await withServer(sampleRouter(), async (port) => {
    let r = await request(port, "PUT", "/files/caf%C3%A9%20menu.txt");
    assert.deepEqual(JSON.parse(r.body).params, { name: "café menu.txt" });
    r = await request(port, "PUT", "/files/a%2Fb");
    assert.deepEqual(JSON.parse(r.body).params, { name: "a/b" });
    r = await request(port, "GET", "/%75sers/me");
    assert.equal(r.status, 404);
  });
});

test("malformed percent-encoding is a 400", async () => {
  await withServer(sampleRouter(), async (port) => {
    const r = await request(port, "PUT", "/files/%E0%A4%A");
    assert.equal(r.status, 400);
    assert.match(r.headers["content-type"], /^application\/json; charset=utf-8$/i);
    assert.deepEqual(JSON.parse(r.body), { error: "bad_request" });
  });
});

test("unknown paths are 404 with a JSON body", async () => {
  await withServer(sampleRouter(), async (port) => {
    for (const path of ["/nope", "/users/1/posts", "/users//posts/1", "/users/1/posts/2/x", "/Users/me"]) {
      const r = await request(port, "GET", path);
      assert.equal(r.status, 404, path);
      assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
      assert.deepEqual(JSON.parse(r.body), { error: "not_found" }, path);
    }
  });
});

test("known path with another method is 405 with a sorted Allow header", async () => {
  await withServer(sampleRouter(), async (port) => {
    let r = await request(port, "POST", "/users/5");
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "DELETE, GET, HEAD");
    assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
    assert.deepEqual(JSON.parse(r.body), { error: "method_not_allowed" });
    r = await request(port, "GET", "/users");
    assert.equal(r.status, 405);
    assert.equal(r.headers.allow, "POST");
    r = await request(port, "DELETE", "/files/x");
    assert.equal(r.headers.allow, "PUT");
  });
});

test("HEAD falls back to GET routes unless a HEAD route exists", async () => {
  const router = sampleRouter().add("HEAD", "/users/me", (req, res) => {
    res.writeHead(204, { "X-Head": "own" });
    res.end();
  });
  await withServer(router, async (port) => {
    let r = await request(port, "HEAD", "/users/12");
    assert.equal(r.status, 200);
    assert.equal(r.body, "");
    r = await request(port, "HEAD", "/users/me");
    assert.equal(r.status, 204);
    assert.equal(r.headers["x-head"], "own");
  });
});

test("synchronous handler errors become a generic 500", async () => {
  const router = createRouter().add("GET", "/boom", () => {
    throw new Error("database password is hunter2");
  });
  await withServer(router, async (port) => {
    const r = await request(port, "GET", "/boom");
    assert.equal(r.status, 500);
    assert.equal(r.headers["content-type"], "application/json; charset=utf-8");
    assert.deepEqual(JSON.parse(r.body), { error: "internal_error" });
    assert.ok(!r.body.includes("hunter2"));
  });
});

test("rejected promises become a generic 500 and the server keeps working", async () => {
  const router = createRouter()
    .add("GET", "/async-boom", async () => {
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error("secret detail");
    })
    .add("GET", "/ok", async (req, res) => {
      await new Promise((resolve) => setImmediate(resolve));
      res.end("fine");
    });
  const unhandled = [];
  const onUnhandled = (err) => unhandled.push(err);
  process.on("unhandledRejection", onUnhandled);
  try {
    await withServer(router, async (port) => {
      const r = await request(port, "GET", "/async-boom");
      assert.equal(r.status, 500);
      assert.deepEqual(JSON.parse(r.body), { error: "internal_error" });
      const ok = await request(port, "GET", "/ok");
      assert.equal(ok.status, 200);
      assert.equal(ok.body, "fine");
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(unhandled, []);
  } finally {
    process.off("unhandledRejection", onUnhandled);
  }
});

test("errors after headers were sent destroy the response", async () => {
  const router = createRouter().add("GET", "/partial", async (req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.write("partial");
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error("late failure");
  });
  await withServer(router, async (port) => {
    await assert.rejects(request(port, "GET", "/partial"));
  });
});

test("routers are independent", async () => {
  const a = createRouter().add("GET", "/a", echo("a"));
  const b = createRouter().add("GET", "/b", echo("b"));
  await withServer(a, async (port) => {
    assert.equal((await request(port, "GET", "/a")).status, 200);
    assert.equal((await request(port, "GET", "/b")).status, 404);
  });
  await withServer(b, async (port) => {
    assert.equal((await request(port, "GET", "/a")).status, 404);
  });
});
