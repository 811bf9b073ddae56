"use strict";

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function sendJson(res, status, body, headers = {}) {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

function splitPath(path) {
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "/" ? [] : path.slice(1).split("/");
}

function compile(pattern) {
  const segments = splitPath(pattern).map((segment) => {
    if (!segment.startsWith(":")) return { literal: segment };
    const name = segment.slice(1);
    if (!PARAM_NAME.test(name)) throw new TypeError(`invalid parameter name in ${pattern}`);
    return { param: name };
  });
  const names = segments.filter((s) => s.param).map((s) => s.param);
  if (new Set(names).size !== names.length) {
    throw new TypeError(`duplicate parameter name in ${pattern}`);
  }
  return segments;
}

class BadRequest extends Error {}

// Returns null when the pattern does not match, else the params object.
function match(segments, parts) {
  if (segments.length !== parts.length) return null;
  const params = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    const part = parts[i];
    if (seg.param === undefined) {
      if (seg.literal !== part) return null;
    } else {
      if (part === "") return null;
      params[seg.param] = part;
    }
  }
  for (const name of Object.keys(params)) {
    try {
      params[name] = decodeURIComponent(params[name]);
    } catch {
      throw new BadRequest();
    }
  }
  return params;
}

function createRouter() {
  const routes = [];

  function fail(res) {
    if (res.headersSent) res.destroy();
    else sendJson(res, 500, { error: "internal_error" });
  }

  function handle(req, res) {
    const url = req.url || "/";
    const q = url.indexOf("?");
    const parts = splitPath(q === -1 ? url : url.slice(0, q));
    const method = (req.method || "GET").toUpperCase();
    const matching = [];
    try {
      for (const route of routes) {
        const params = match(route.segments, parts);
        if (params !== null) matching.push({ route, params });
      }
    } catch (err) {
      if (err instanceof BadRequest) return sendJson(res, 400, { error: "bad_request" });
      throw err;
    }
    if (matching.length === 0) return sendJson(res, 404, { error: "not_found" });
    let chosen = matching.find((m) => m.route.method === method);
    if (!chosen && method === "HEAD") chosen = matching.find((m) => m.route.method === "GET");
    if (!chosen) {
      const allowed = new Set(matching.map((m) => m.route.method));
      if (allowed.has("GET")) allowed.add("HEAD");
      return sendJson(res, 405, { error: "method_not_allowed" }, { Allow: [...allowed].sort().join(", ") });
    }
    req.params = chosen.params;
    let result;
    try {
      result = chosen.route.handler(req, res, chosen.params);
    } catch {
      return fail(res);
    }
    if (result && typeof result.then === "function") {
      return Promise.resolve(result).then(() => undefined, () => fail(res));
    }
    return undefined;
  }

  const router = {
    add(method, pattern, handler) {
      if (typeof method !== "string" || method === "") throw new TypeError("method must be a non-empty string");
      if (typeof pattern !== "string" || !pattern.startsWith("/")) throw new TypeError("pattern must start with /");
      if (typeof handler !== "function") throw new TypeError("handler must be a function");
      routes.push({ method: method.toUpperCase(), segments: compile(pattern), handler });
      return router;
    },
    handle,
  };
  return router;
}

module.exports = { createRouter };
