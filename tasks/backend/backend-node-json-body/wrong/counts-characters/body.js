"use strict";

const DEFAULT_LIMIT = 102400;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

class HttpError extends Error {
  constructor(status, code, message) {
    super(message === undefined ? code : message);
    this.name = "HttpError";
    this.status = status;
    this.code = code;
  }
}

function checkContentType(header) {
  if (typeof header !== "string") return false;
  const [mediaType, ...params] = header.split(";");
  if (mediaType.trim().toLowerCase() !== "application/json") return false;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1) continue;
    const name = param.slice(0, eq).trim().toLowerCase();
    if (name !== "charset") continue;
    let value = param.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (value.toLowerCase() !== "utf-8") return false;
  }
  return true;
}

function readJsonBody(req, { limit = DEFAULT_LIMIT } = {}) {
  return new Promise((resolve, reject) => {
    const bail = (err) => {
      req.removeListener("data", onData);
      req.removeListener("end", onEnd);
      req.removeListener("error", onError);
      req.on("error", () => {});
      req.resume(); // drain whatever is still coming
      reject(err);
    };
    if (!checkContentType(req.headers["content-type"])) {
      return bail(new HttpError(415, "unsupported_media_type"));
    }
    const declared = req.headers["content-length"];
    if (declared !== undefined && Number(declared) > limit) {
      return bail(new HttpError(413, "payload_too_large"));
    }
    const chunks = [];
    let received = 0;
    function onData(chunk) {
      received += chunk.toString("utf8").length;
      if (received > limit) {
        chunks.length = 0;
        bail(new HttpError(413, "payload_too_large"));
        return;
      }
      chunks.push(chunk);
    }
    function onEnd() {
      const buffer = Buffer.concat(chunks);
      if (buffer.length === 0) return reject(new HttpError(400, "empty_body"));
      let text;
      try {
        text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buffer);
        resolve(JSON.parse(text));
      } catch {
        reject(new HttpError(400, "invalid_json"));
      }
    }
    function onError(err) {
      reject(err);
    }
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

function sendError(res, err) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const isHttp = err instanceof HttpError;
  const status = isHttp ? err.status : 500;
  const payload = JSON.stringify({ error: isHttp ? err.code : "internal_error" });
  const headers = {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(payload),
  };
  if (status === 413) headers.Connection = "close";
  res.writeHead(status, headers);
  res.end(payload);
}

function withJsonBody(handler, { limit = DEFAULT_LIMIT } = {}) {
  return (req, res) => {
    const run = async () => {
      const body = BODY_METHODS.has((req.method || "").toUpperCase())
        ? await readJsonBody(req, { limit })
        : undefined;
      await handler(req, res, body);
    };
    run().catch((err) => sendError(res, err));
  };
}

module.exports = { HttpError, readJsonBody, withJsonBody };
