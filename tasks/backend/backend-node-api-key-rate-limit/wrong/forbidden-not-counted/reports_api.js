"use strict";

const AUTH_HEADER = /^Bearer +(\S+)$/i;
const ROUTES = {
  "/health": { GET: { public: true, status: 200, body: () => ({ status: "ok" }) } },
  "/v1/reports": {
    GET: { scope: "reports:read", status: 200, body: (client) => ({ client, reports: [] }) },
    POST: { scope: "reports:write", status: 201, body: (client) => ({ client, created: true }) },
  },
};

function send(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function createApp({ keys, limit, windowMs, now = Date.now }) {
  // Own properties only: "constructor" or "__proto__" must not become valid keys.
  const clients = new Map(Object.entries(keys));
  const usage = new Map(); // api key -> { start, count }

  return (req, res) => {
    req.resume(); // bodies are ignored
    const url = req.url || "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    if (!Object.prototype.hasOwnProperty.call(ROUTES, path)) {
      return send(res, 404, { error: "not_found" });
    }
    const methods = ROUTES[path];
    const route = Object.prototype.hasOwnProperty.call(methods, req.method) ? methods[req.method] : undefined;
    if (!route) {
      return send(res, 405, { error: "method_not_allowed" }, { Allow: Object.keys(methods).sort().join(", ") });
    }
    if (route.public) return send(res, route.status, route.body());

    const t = now();
    const match = AUTH_HEADER.exec(req.headers.authorization || "");
    if (!match) {
      return send(res, 401, { error: "unauthorized" }, { "WWW-Authenticate": 'Bearer realm="reports"' });
    }
    const apiKey = match[1];
    const entry = clients.get(apiKey);
    if (!entry) {
      return send(res, 401, { error: "invalid_api_key" },
        { "WWW-Authenticate": 'Bearer realm="reports", error="invalid_token"' });
    }

    const start = Math.floor(t / windowMs) * windowMs;
    const reset = start + windowMs;
    let bucket = usage.get(apiKey);
    if (!bucket || bucket.start !== start) {
      bucket = { start, count: 0 };
      usage.set(apiKey, bucket);
    }
    const rateHeaders = (remaining) => ({
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Remaining": String(Math.max(0, remaining)),
      "X-RateLimit-Reset": String(Math.ceil(reset / 1000)),
    });
    if (bucket.count >= limit) {
      return send(res, 429, { error: "rate_limited" }, {
        ...rateHeaders(0),
        "Retry-After": String(Math.ceil((reset - t) / 1000)),
      });
    }
    if (!Array.isArray(entry.scopes) || !entry.scopes.includes(route.scope)) {
      return send(res, 403, { error: "forbidden", required_scope: route.scope }, rateHeaders(limit - bucket.count));
    }
    bucket.count += 1;
    return send(res, route.status, route.body(entry.client), rateHeaders(limit - bucket.count));
  };
}

module.exports = { createApp };
