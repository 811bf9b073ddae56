// A minimal, fast OpenAI-compatible server for the runner benchmark's throughput figures: the scripted
// Python fixture server (Tests/Fixtures/fixture_server.py) tops out near 610 req/s on 2 cores, below
// the 640 req/s the benchmark must be able to reach, so it cannot measure the client. This one speaks
// only what the benchmark uses: POST /<scenario>/v1/chat/completions with scenario `ok` or
// `latency=MS`, GET /_stats and POST /_reset. It prints "listening on HOST:PORT" and exits when its
// stdin closes, like the fixture server.
"use strict";
const http = require("http");
const crypto = require("crypto");

let requests = 0;
const byScenario = {};

const server = http.createServer((request, response) => {
  const url = request.url || "/";
  if (request.method === "GET" && url === "/_stats") {
    return send(response, 200, { requests, by_scenario: byScenario });
  }
  if (request.method === "POST" && url === "/_reset") {
    requests = 0;
    for (const key of Object.keys(byScenario)) delete byScenario[key];
    return send(response, 200, { ok: true });
  }
  const match = /^\/([^/]+)\/v1\/chat\/completions$/.exec(url);
  if (request.method !== "POST" || !match) return send(response, 404, { error: { message: "not found" } });
  const scenario = decodeURIComponent(match[1]);
  const latency = scenario.startsWith("latency=") ? Number(scenario.slice(8)) : 0;
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    requests += 1;
    byScenario[scenario] = (byScenario[scenario] || 0) + 1;
    const body = Buffer.concat(chunks);
    const digest = crypto.createHash("sha256").update(body).digest("hex").slice(0, 12);
    const text = "```python solution.py\n# fixture answer " + digest + "\nprint('ok')\n```\n";
    const payload = {
      id: "chatcmpl-" + digest, object: "chat.completion", created: 0, model: "fixture",
      choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
      usage: { prompt_tokens: Math.max(1, body.length >> 2), completion_tokens: Math.max(1, text.length >> 2),
               total_tokens: Math.max(1, body.length >> 2) + Math.max(1, text.length >> 2) },
    };
    if (latency > 0) setTimeout(() => send(response, 200, payload), latency);
    else send(response, 200, payload);
  });
});

function send(response, status, payload) {
  const body = JSON.stringify(payload);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

server.keepAliveTimeout = 60000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening on ${address.address}:${address.port}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
