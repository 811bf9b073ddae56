#!/usr/bin/env python3
"""Scripted fake LLM API server for codescore's tests and benchmarks.

A small asyncio HTTP/1.1 server (Python 3.11 standard library only) that
speaks just enough of the OpenAI chat-completions and Anthropic messages APIs
to exercise a client's retries, timeouts, error handling and throughput.

Usage:
    python3 fixture_server.py [--host 127.0.0.1] [--port 0]
                              [--no-stdin-watch] [--max-seconds 3600]

It binds loopback only (127.0.0.1, ::1 or localhost, which means 127.0.0.1)
and, once ready, prints exactly one line to stdout:

    listening on 127.0.0.1:PORT

(``listening on [::1]:PORT`` when bound to ::1). It serves until SIGTERM or
SIGINT, until ``--max-seconds`` have passed, or until its stdin reaches EOF,
so a parent that spawns it with a stdin pipe takes it down just by exiting.
Stdin is watched only when it is a pipe or a socket; a terminal, /dev/null
or a regular file is ignored. ``--no-stdin-watch`` turns the watch off.

Routes
------
POST /<scenario>/v1/chat/completions   OpenAI shape
POST /<scenario>/v1/messages           Anthropic shape
GET  /<scenario>/v1/models             {"object":"list","data":[{"id":"fixture",...}]}
GET  /_stats                           {"requests": n, "by_scenario": {scenario: n},
                                        "judge": {"first": n, "repair": n}}
POST /_reset                           zero counters, attempt memory, request log
GET  /_requests?last=N                 last N (default 20, max 1000) recorded POSTs

The ``/<scenario>`` segment may be left out, which means ``ok``.

Scenarios
---------
A scenario is one path segment: comma-separated directives ``name`` or
``name=value``, e.g. ``ok``, ``latency=100``, ``fail=2:503,latency=5``.
Directives apply to the two POST endpoints only.

Every distinct request (SHA-256 of path + raw body) has an attempt counter.
The *fault* directives are consumed in the order written: with
``reset=1,fail=1:503`` the first attempt is reset, the second gets 503 and
the third succeeds. N may be ``all`` to never stop failing.

  ok                    nothing special
  latency=MS            sleep MS milliseconds before any answer
  fail=N:STATUS         fault: first N attempts get STATUS with an error body
  retry-after=S         fault: first attempt gets 429 + ``Retry-After: S``
  retry-after-date=S    fault: as above, Retry-After is an HTTP-date >= S s ahead
  retry-after-ms=MS     fault: first attempt gets 429 + ``retry-after-ms: MS``
  reset=N               fault: first N attempts: read the request, then RST
  truncate=N            fault: first N attempts: 200 with the full
                        Content-Length but half the body, then close
  invalid-json=N        fault: first N attempts: 200 with body ``{"choices": [``
  status=CODE           fault: every remaining attempt gets CODE; a 401 echoes
                        the credential sent ("Incorrect API key provided: KEY.")
  trickle=MS            successful answers send their headers at once, then
                        the body one byte every MS milliseconds
  big=BYTES             the completion text is padded to at least BYTES bytes
  usage=off             successful answers carry no usage object
  judge=MODE            successful answers are a scripted LLM-judge answer
                        (see "Judge answers" below) instead of fenced code
  judge-repair=MODE     the judge answer MODE for repair requests only;
                        without it they get the judge=MODE answer. Needs judge=

An unknown directive or a bad value gets 400 naming the directive; a body
that is not JSON gets 400.

A successful answer's text is deterministic:
``"```python solution.py\\n# fixture answer {h}\\nprint('ok')\\n```\\n"``, where
h is the first 12 hex digits of SHA-256(raw body). Usage counts are
prompt = max(1, body bytes // 4) and completion = max(1, len(text) // 4).

Judge answers
-------------
With ``judge=MODE`` a successful answer's text is a scripted judge answer for
the rubric in the request's system prompt (OpenAI: the ``system`` role
messages; Anthropic: the top-level ``system``, a string or text blocks). The
criteria are the lines matching ``^- ([a-z][a-z0-9_]*) \\(weight``, in order;
with none, ``functionality``. Every criterion scores S = 6 + seed % 3 when
the request has an integer seed (OpenAI: top-level ``seed``; Anthropic:
``metadata.user_id`` when it is all digits), else 7. MODE is one of

  valid        {"criteria": {C: {"score": S, "rationale": "fixture rationale
               for C"}, ...}, "rationale": "fixture overall (score S)"}
  prose        "Here is my assessment.\\n\\n```json\\n" + valid + "\\n```\\nHope this helps."
  missing      valid without its last criterion
  eleven       valid with the first criterion's score 11
  nonint       valid with the first criterion's score 7.5
  truncated    the first half of valid's text; finish_reason "length"
               (Anthropic: stop_reason "max_tokens")
  wrongschema  {"scores": {C: S, ...}, "comment": "fixture overall (score S)"}
  noanswer     "I cannot evaluate this."

JSON is written with json.dumps defaults (", " and ": "); ``big=`` does not
pad judge answers. OpenAI answers always carry the text in
``choices[0].message.content``. An Anthropic request whose ``tool_choice``
forces a tool (``{"type": "tool", "name": T}``, or ``{"type": "any"}``, which
means the first of ``tools``) and that has ``tools`` gets, for the modes whose
text is pure JSON (valid, missing, eleven, nonint, wrongschema), the content
block ``{"type": "tool_use", "id": "toolu_fixture", "name": T, "input": the
object}`` with stop_reason "tool_use"; other modes answer with a text block.

A request is a *repair* request when it has more than one ``user`` message
(OpenAI: among the non-system messages; Anthropic: in ``messages``); repair
requests answer with the ``judge-repair=`` mode when given. Faults, latency,
trickle and usage= apply as usual. ``/_stats`` counts the judge answers
served with 200 (not those cut short by truncate=) under "judge", as "first"
and "repair".
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import dataclasses
import email.utils
import functools
import hashlib
import http
import json
import math
import os
import re
import signal
import socket
import stat
import struct
import sys
import threading
import time
import urllib.parse

LOOPBACK_HOSTS = {"127.0.0.1": "127.0.0.1", "localhost": "127.0.0.1", "::1": "::1"}
MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 64 * 1024 * 1024
REQUEST_LOG_SIZE = 1000
DEFAULT_LOG_QUERY = 20
ALWAYS = math.inf

OPENAI = "openai"
ANTHROPIC = "anthropic"
ENDPOINT_SHAPES = {"/v1/chat/completions": OPENAI, "/v1/messages": ANTHROPIC}
MODELS_SUFFIX = "/v1/models"

INVALID_JSON_BODY = b'{"choices": ['

JUDGE_MODES = ("valid", "prose", "missing", "eleven", "nonint", "truncated", "wrongschema", "noanswer")
JUDGE_JSON_MODES = frozenset({"valid", "missing", "eleven", "nonint", "wrongschema"})  # text is pure JSON
JUDGE_CRITERION_LINE = re.compile(r"^- ([a-z][a-z0-9_]*) \(weight", re.MULTILINE)
JUDGE_DEFAULT_CRITERIA = ("functionality",)
JUDGE_TOOL_USE_ID = "toolu_fixture"


# --------------------------------------------------------------------------
# HTTP messages


class BadRequest(Exception):
    """The bytes on the wire are not an HTTP request we can answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclasses.dataclass
class Request:
    method: str
    target: str
    version: str
    headers: dict[str, str]
    body: bytes = b""

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> dict[str, str]:
        _, _, query = self.target.partition("?")
        return dict(urllib.parse.parse_qsl(query))

    @property
    def wants_keep_alive(self) -> bool:
        tokens = {t.strip().lower() for t in self.headers.get("connection", "").split(",")}
        if self.version == "HTTP/1.0":
            return "keep-alive" in tokens
        return "close" not in tokens


@dataclasses.dataclass
class Response:
    """What to send back, and how: normally, or via one of the faulty deliveries."""

    status: int
    body: bytes
    extra_headers: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    delivery: str = "normal"  # normal | reset | truncate | trickle
    trickle_delay: float = 0.0


def json_response(status: int, payload: object, **kwargs) -> Response:
    return Response(status, json.dumps(payload).encode(), **kwargs)


def reason_phrase(status: int) -> str:
    if status == 529:
        return "Overloaded"
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def response_head(response: Response, keep_alive: bool) -> bytes:
    lines = [
        f"HTTP/1.1 {response.status} {reason_phrase(response.status)}",
        "Content-Type: application/json",
        f"Content-Length: {len(response.body)}",
    ]
    lines += [f"{name}: {value}" for name, value in response.extra_headers]
    if not keep_alive:
        lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


# --------------------------------------------------------------------------
# Reading requests


async def read_request(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> Request | None:
    """Reads one request; None when the peer closed the connection between requests."""
    try:
        head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial.strip():
            raise BadRequest(400, "incomplete request head") from None
        return None
    except asyncio.LimitOverrunError:
        raise BadRequest(431, "request head too large") from None

    request = parse_head(head.lstrip(b"\r\n"))
    if request.headers.get("expect", "").lower() == "100-continue":
        writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
    request.body = await read_body(reader, request.headers)
    return request


def parse_head(head: bytes) -> Request:
    lines = head.decode("latin-1").split("\r\n")
    try:
        method, target, version = lines[0].split(" ")
    except ValueError:
        raise BadRequest(400, "malformed request line") from None
    if not version.startswith("HTTP/1."):
        raise BadRequest(505, "only HTTP/1.x is supported")

    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, colon, value = line.partition(":")
        if not colon:
            raise BadRequest(400, "malformed header line")
        name, value = name.strip().lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return Request(method, target, version, headers)


async def read_body(reader: asyncio.StreamReader, headers: dict[str, str]) -> bytes:
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return await read_chunked_body(reader)
    length_text = headers.get("content-length", "0")
    if not length_text.isdigit():
        raise BadRequest(400, "bad Content-Length")
    length = int(length_text)
    if length > MAX_BODY_BYTES:
        raise BadRequest(413, "request body too large")
    return await reader.readexactly(length)


async def read_chunked_body(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    received = 0
    while True:
        size_line = await reader.readuntil(b"\r\n")
        try:
            size = int(size_line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise BadRequest(400, "bad chunk size") from None
        if size == 0:
            break
        received += size
        if received > MAX_BODY_BYTES:
            raise BadRequest(413, "request body too large")
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)  # the CRLF after each chunk
    while (await reader.readuntil(b"\r\n")) != b"\r\n":
        pass  # trailer fields, ignored
    return b"".join(chunks)


# --------------------------------------------------------------------------
# Scenarios


class ScenarioError(Exception):
    def __init__(self, directive: str, problem: str) -> None:
        super().__init__(f"scenario directive '{directive}': {problem}")


@dataclasses.dataclass
class Fault:
    """Misbehaviour for `attempts` consecutive attempts of a distinct request."""

    kind: str  # status | retry-after | retry-after-date | retry-after-ms | reset | truncate | invalid-json
    attempts: float
    status: int = 0
    value: str = ""


@dataclasses.dataclass
class Scenario:
    latency_seconds: float = 0.0
    faults: list[Fault] = dataclasses.field(default_factory=list)
    trickle_delay: float | None = None
    pad_to_bytes: int = 0
    include_usage: bool = True
    judge_mode: str | None = None
    judge_repair_mode: str | None = None

    def fault_for_attempt(self, attempt: int) -> Fault | None:
        """The fault for the 0-based `attempt`, walking the faults in order."""
        for fault in self.faults:
            if attempt < fault.attempts:
                return fault
            attempt -= fault.attempts
        return None


@functools.lru_cache(maxsize=256)
def parse_scenario(segment: str) -> Scenario:
    """Parses a scenario segment; cached, so callers must not mutate the result."""
    scenario = Scenario()
    judge_repair_directive = ""
    for directive in filter(None, (d.strip() for d in segment.split(","))):
        name, _, value = directive.partition("=")
        apply_directive = DIRECTIVES.get(name)
        if apply_directive is None:
            raise ScenarioError(directive, "unknown directive")
        try:
            apply_directive(scenario, value)
        except ValueError as error:
            raise ScenarioError(directive, str(error) or "bad value") from None
        if name == "judge-repair":
            judge_repair_directive = directive
    if scenario.judge_repair_mode is not None and scenario.judge_mode is None:
        raise ScenarioError(judge_repair_directive, "needs judge=MODE too")
    return scenario


def parse_count(text: str) -> float:
    if text == "all":
        return ALWAYS
    return parse_non_negative_int(text)


def parse_non_negative_int(text: str) -> int:
    if not text.isdigit():
        raise ValueError(f"expected a non-negative integer, got '{text}'")
    return int(text)


def parse_status(text: str) -> int:
    status = parse_non_negative_int(text)
    if not 200 <= status <= 599:
        raise ValueError(f"status {status} out of range 200-599")
    return status


def parse_seconds(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"expected a number of seconds, got '{text}'") from None
    if not seconds >= 0 or math.isinf(seconds):
        raise ValueError(f"expected a non-negative number of seconds, got '{text}'")
    return seconds


def apply_ok(scenario: Scenario, value: str) -> None:
    if value:
        raise ValueError("takes no value")


def apply_latency(scenario: Scenario, value: str) -> None:
    scenario.latency_seconds = parse_non_negative_int(value) / 1000


def apply_fail(scenario: Scenario, value: str) -> None:
    count, colon, status = value.partition(":")
    if not colon:
        raise ValueError("expected N:STATUS")
    scenario.faults.append(Fault("status", parse_count(count), status=parse_status(status)))


def apply_status(scenario: Scenario, value: str) -> None:
    scenario.faults.append(Fault("status", ALWAYS, status=parse_status(value)))


def apply_retry_after(scenario: Scenario, value: str) -> None:
    parse_seconds(value)
    scenario.faults.append(Fault("retry-after", 1, status=429, value=value))


def apply_retry_after_date(scenario: Scenario, value: str) -> None:
    parse_seconds(value)
    scenario.faults.append(Fault("retry-after-date", 1, status=429, value=value))


def apply_retry_after_ms(scenario: Scenario, value: str) -> None:
    parse_non_negative_int(value)
    scenario.faults.append(Fault("retry-after-ms", 1, status=429, value=value))


def counted_fault(kind: str):
    def apply(scenario: Scenario, value: str) -> None:
        scenario.faults.append(Fault(kind, parse_count(value)))

    return apply


def apply_trickle(scenario: Scenario, value: str) -> None:
    scenario.trickle_delay = parse_non_negative_int(value) / 1000


def apply_big(scenario: Scenario, value: str) -> None:
    scenario.pad_to_bytes = parse_non_negative_int(value)


def apply_usage(scenario: Scenario, value: str) -> None:
    if value not in ("off", "on"):
        raise ValueError("expected usage=off")
    scenario.include_usage = value == "on"


def parse_judge_mode(text: str) -> str:
    if text not in JUDGE_MODES:
        raise ValueError(f"unknown judge mode '{text}', expected one of {', '.join(JUDGE_MODES)}")
    return text


def apply_judge(scenario: Scenario, value: str) -> None:
    scenario.judge_mode = parse_judge_mode(value)


def apply_judge_repair(scenario: Scenario, value: str) -> None:
    scenario.judge_repair_mode = parse_judge_mode(value)


DIRECTIVES = {
    "ok": apply_ok,
    "latency": apply_latency,
    "fail": apply_fail,
    "status": apply_status,
    "retry-after": apply_retry_after,
    "retry-after-date": apply_retry_after_date,
    "retry-after-ms": apply_retry_after_ms,
    "reset": counted_fault("reset"),
    "truncate": counted_fault("truncate"),
    "invalid-json": counted_fault("invalid-json"),
    "trickle": apply_trickle,
    "big": apply_big,
    "usage": apply_usage,
    "judge": apply_judge,
    "judge-repair": apply_judge_repair,
}


# --------------------------------------------------------------------------
# Judge answers


@dataclasses.dataclass
class JudgeAnswer:
    text: str
    tool_input: dict | None  # the object `text` spells, for the modes whose text is pure JSON
    truncated: bool = False
    repair: bool = False


def judge_answer(shape: str, request_json: object, scenario: Scenario) -> JudgeAnswer | None:
    """The scripted judge answer for this request, or None when the scenario has no judge=."""
    if scenario.judge_mode is None:
        return None
    request = request_json if isinstance(request_json, dict) else {}
    repair = is_repair_request(shape, request)
    mode = scenario.judge_repair_mode if repair and scenario.judge_repair_mode else scenario.judge_mode
    criteria = judge_criteria(system_prompt(shape, request))
    seed = request_seed(shape, request)
    score = 7 if seed is None else 6 + seed % 3

    valid = {
        "criteria": {name: {"score": score, "rationale": f"fixture rationale for {name}"} for name in criteria},
        "rationale": f"fixture overall (score {score})",
    }
    valid_text = json.dumps(valid)
    if mode == "valid":
        answer = JudgeAnswer(valid_text, valid)
    elif mode == "prose":
        answer = JudgeAnswer(f"Here is my assessment.\n\n```json\n{valid_text}\n```\nHope this helps.", None)
    elif mode == "missing":
        valid["criteria"].pop(criteria[-1])
        answer = JudgeAnswer(json.dumps(valid), valid)
    elif mode in ("eleven", "nonint"):
        valid["criteria"][criteria[0]]["score"] = 11 if mode == "eleven" else 7.5
        answer = JudgeAnswer(json.dumps(valid), valid)
    elif mode == "truncated":
        answer = JudgeAnswer(valid_text[: len(valid_text) // 2], None, truncated=True)
    elif mode == "wrongschema":
        wrong = {"scores": {name: score for name in criteria}, "comment": f"fixture overall (score {score})"}
        answer = JudgeAnswer(json.dumps(wrong), wrong)
    else:  # noanswer
        answer = JudgeAnswer("I cannot evaluate this.", None)
    answer.repair = repair
    return answer


def text_of(content: object) -> str:
    """A message's text: a string, or the text of a list of text blocks / content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            part["text"] for part in content if isinstance(part, dict) and isinstance(part.get("text"), str)
        )
    return ""


def request_messages(request: dict) -> list[dict]:
    messages = request.get("messages")
    return [m for m in messages if isinstance(m, dict)] if isinstance(messages, list) else []


def system_prompt(shape: str, request: dict) -> str:
    if shape == ANTHROPIC:
        return text_of(request.get("system"))
    return "\n".join(text_of(m.get("content")) for m in request_messages(request) if m.get("role") == "system")


def judge_criteria(system: str) -> list[str]:
    names = list(dict.fromkeys(JUDGE_CRITERION_LINE.findall(system)))  # in order, without repeats
    return names or list(JUDGE_DEFAULT_CRITERIA)


def request_seed(shape: str, request: dict) -> int | None:
    if shape == ANTHROPIC:
        metadata = request.get("metadata")
        user_id = metadata.get("user_id") if isinstance(metadata, dict) else None
        if isinstance(user_id, str) and user_id.isascii() and user_id.isdigit():
            return int(user_id)
        return None
    seed = request.get("seed")
    return seed if isinstance(seed, int) and not isinstance(seed, bool) else None


def is_repair_request(shape: str, request: dict) -> bool:
    # OpenAI system messages have role "system", so counting "user" roles already leaves them out.
    return sum(1 for m in request_messages(request) if m.get("role") == "user") > 1


def forced_tool_name(request_json: object) -> str | None:
    """The tool an Anthropic request forces with tool_choice, when it also offers tools."""
    if not isinstance(request_json, dict):
        return None
    tools, choice = request_json.get("tools"), request_json.get("tool_choice")
    if not isinstance(tools, list) or not tools or not isinstance(choice, dict):
        return None
    if choice.get("type") == "tool" and isinstance(choice.get("name"), str):
        return choice["name"]
    if choice.get("type") == "any" and isinstance(tools[0], dict) and isinstance(tools[0].get("name"), str):
        return tools[0]["name"]
    return None


# --------------------------------------------------------------------------
# Response bodies in the two API shapes

OPENAI_ERROR_KINDS = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", None),
    404: ("invalid_request_error", "not_found"),
    408: ("timeout", None),
    409: ("conflict", None),
    429: ("requests", "rate_limit_exceeded"),
}

ANTHROPIC_ERROR_TYPES = {
    400: "invalid_request_error",
    401: "authentication_error",
    403: "permission_error",
    404: "not_found_error",
    408: "timeout_error",
    413: "request_too_large",
    429: "rate_limit_error",
    500: "api_error",
    503: "overloaded_error",
    529: "overloaded_error",
}


def error_payload(shape: str, status: int, message: str) -> dict:
    if shape == ANTHROPIC:
        error_type = ANTHROPIC_ERROR_TYPES.get(status, "api_error" if status >= 500 else "invalid_request_error")
        return {"type": "error", "error": {"type": error_type, "message": message}}
    default = ("server_error", None) if status >= 500 else ("invalid_request_error", None)
    error_type, code = OPENAI_ERROR_KINDS.get(status, default)
    return {"error": {"message": message, "type": error_type, "code": code}}


def error_response(shape: str, status: int, message: str, **kwargs) -> Response:
    return json_response(status, error_payload(shape, status, message), **kwargs)


def completion_text(body_digest: str, pad_to_bytes: int) -> str:
    text = f"```python solution.py\n# fixture answer {body_digest}\nprint('ok')\n```\n"
    missing = pad_to_bytes - len(text.encode())
    if missing > 0:
        text += "x" * (missing - 1) + "\n"
    return text


def success_payload(
    shape: str, request_json: dict, raw_body: bytes, scenario: Scenario, judge: JudgeAnswer | None = None
) -> dict:
    digest = hashlib.sha256(raw_body).hexdigest()[:12]
    text = completion_text(digest, scenario.pad_to_bytes) if judge is None else judge.text
    model = request_json.get("model", "fixture") if isinstance(request_json, dict) else "fixture"
    prompt_tokens = max(1, len(raw_body) // 4)
    completion_tokens = max(1, len(text) // 4)

    if shape == ANTHROPIC:
        content: list[dict] = [{"type": "text", "text": text}]
        stop_reason = "end_turn"
        if judge is not None:
            tool_name = forced_tool_name(request_json)
            if tool_name is not None and judge.tool_input is not None:
                content = [{"type": "tool_use", "id": JUDGE_TOOL_USE_ID, "name": tool_name, "input": judge.tool_input}]
                stop_reason = "tool_use"
            elif judge.truncated:
                stop_reason = "max_tokens"
        payload = {
            "id": f"msg_{digest}",
            "type": "message",
            "role": "assistant",
            "model": model,
            "content": content,
            "stop_reason": stop_reason,
            "stop_sequence": None,
        }
        usage = {"input_tokens": prompt_tokens, "output_tokens": completion_tokens}
    else:
        payload = {
            "id": f"chatcmpl-{digest}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": text},
                    "finish_reason": "length" if judge is not None and judge.truncated else "stop",
                }
            ],
        }
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
    if scenario.include_usage:
        payload["usage"] = usage
    return payload


def sent_credential(request: Request) -> str:
    authorization = request.headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[len("bearer "):].strip()
    return request.headers.get("x-api-key", authorization)


def fault_response(fault: Fault, shape: str, request: Request, attempt: int) -> Response:
    if fault.kind == "reset":
        return Response(0, b"", delivery="reset")
    if fault.kind == "invalid-json":
        return Response(200, INVALID_JSON_BODY)
    if fault.kind == "retry-after":
        return error_response(shape, 429, "fixture: rate limited", extra_headers=[("Retry-After", fault.value)])
    if fault.kind == "retry-after-date":
        when = math.ceil(time.time() + float(fault.value))
        header = ("Retry-After", email.utils.formatdate(when, usegmt=True))
        return error_response(shape, 429, "fixture: rate limited", extra_headers=[header])
    if fault.kind == "retry-after-ms":
        return error_response(shape, 429, "fixture: rate limited", extra_headers=[("retry-after-ms", fault.value)])
    if fault.status == 401:
        return error_response(shape, 401, f"Incorrect API key provided: {sent_credential(request)}.")
    return error_response(shape, fault.status, f"fixture: simulated {fault.status} on attempt {attempt + 1}")


# --------------------------------------------------------------------------
# The application: routing, counters, attempt memory


class FixtureApp:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.total_requests = 0
        self.requests_by_scenario: collections.Counter[str] = collections.Counter()
        self.attempts_by_request: dict[bytes, int] = {}
        self.request_log: collections.deque[dict] = collections.deque(maxlen=REQUEST_LOG_SIZE)
        self.judge_answers = {"first": 0, "repair": 0}

    async def respond(self, request: Request) -> Response:
        path = request.path
        if path == "/_stats":
            return self.require_method(request, "GET") or json_response(200, self.stats())
        if path == "/_reset":
            return self.require_method(request, "POST") or self.handle_reset()
        if path == "/_requests":
            return self.require_method(request, "GET") or self.handle_request_log(request)
        if path.endswith(MODELS_SUFFIX) and is_scenario_prefix(path[: -len(MODELS_SUFFIX)]):
            models = {"object": "list", "data": [{"id": "fixture", "object": "model"}]}
            return self.require_method(request, "GET") or json_response(200, models)
        for suffix, shape in ENDPOINT_SHAPES.items():
            if path.endswith(suffix) and is_scenario_prefix(path[: -len(suffix)]):
                scenario_segment = urllib.parse.unquote(path[1 : -len(suffix)]) or "ok"
                return self.require_method(request, "POST", shape) or await self.handle_completion(
                    request, shape, scenario_segment
                )
        return error_response(OPENAI, 404, f"fixture: no route for {request.method} {path}")

    @staticmethod
    def require_method(request: Request, method: str, shape: str = OPENAI) -> Response | None:
        if request.method == method:
            return None
        message = f"fixture: {request.path} accepts {method} only"
        return error_response(shape, 405, message, extra_headers=[("Allow", method)])

    def stats(self) -> dict:
        return {
            "requests": self.total_requests,
            "by_scenario": dict(self.requests_by_scenario),
            "judge": dict(self.judge_answers),
        }

    def handle_reset(self) -> Response:
        self.reset()
        return json_response(200, {"reset": True})

    def handle_request_log(self, request: Request) -> Response:
        last_text = request.query.get("last", str(DEFAULT_LOG_QUERY))
        if not last_text.isdigit():
            return error_response(OPENAI, 400, "fixture: last must be a non-negative integer")
        last = int(last_text)
        entries = list(self.request_log)[-last:] if last else []
        return json_response(200, entries)

    def record(self, request: Request, scenario_segment: str, body: object) -> None:
        self.total_requests += 1
        self.requests_by_scenario[scenario_segment] += 1
        self.request_log.append({"path": request.target, "headers": dict(request.headers), "body": body})

    def next_attempt(self, request: Request) -> int:
        key = hashlib.sha256(request.target.encode() + b"\0" + request.body).digest()
        attempt = self.attempts_by_request.get(key, 0)
        self.attempts_by_request[key] = attempt + 1
        return attempt

    async def handle_completion(self, request: Request, shape: str, scenario_segment: str) -> Response:
        try:
            request_json, body_is_json = json.loads(request.body), True
        except ValueError:  # includes UnicodeDecodeError
            request_json, body_is_json = None, False
        self.record(request, scenario_segment, request_json if body_is_json else body_text(request))

        try:
            scenario = parse_scenario(scenario_segment)
        except ScenarioError as error:
            return error_response(shape, 400, f"fixture: {error}")
        if not body_is_json:
            return error_response(shape, 400, "fixture: request body is not valid JSON")

        attempt, fault = 0, None
        if scenario.faults:
            attempt = self.next_attempt(request)
            fault = scenario.fault_for_attempt(attempt)
        if scenario.latency_seconds:
            await asyncio.sleep(scenario.latency_seconds)
        judge = judge_answer(shape, request_json, scenario)
        if fault is not None:
            if fault.kind == "truncate":
                payload = success_payload(shape, request_json, request.body, scenario, judge)
                return json_response(200, payload, delivery="truncate")
            return fault_response(fault, shape, request, attempt)

        if judge is not None:
            self.judge_answers["repair" if judge.repair else "first"] += 1
        response = json_response(200, success_payload(shape, request_json, request.body, scenario, judge))
        if scenario.trickle_delay is not None:
            response.delivery = "trickle"
            response.trickle_delay = scenario.trickle_delay
        return response


def is_scenario_prefix(prefix: str) -> bool:
    """'' (no scenario) or '/<one segment>'."""
    return prefix == "" or (prefix.startswith("/") and "/" not in prefix[1:] and len(prefix) > 1)


def body_text(request: Request) -> str:
    return request.body.decode("utf-8", errors="replace")


# --------------------------------------------------------------------------
# Connections


async def deliver(response: Response, keep_alive: bool, writer: asyncio.StreamWriter) -> bool:
    """Sends `response`; returns whether the connection may serve another request."""
    if response.delivery == "reset":
        abort_with_rst(writer)
        return False

    head = response_head(response, keep_alive and response.delivery != "truncate")
    if response.delivery == "truncate":
        writer.write(head + response.body[: len(response.body) // 2])
        await writer.drain()
        return False

    if response.delivery == "trickle":
        writer.write(head)
        await writer.drain()
        for index in range(len(response.body)):
            await asyncio.sleep(response.trickle_delay)
            if writer.transport.is_closing():
                return False
            writer.write(response.body[index : index + 1])
            await writer.drain()
        return keep_alive

    writer.write(head + response.body)
    if writer.transport.get_write_buffer_size():
        await writer.drain()  # only when the socket did not take it all at once
    return keep_alive


def abort_with_rst(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FixtureServer:
    def __init__(self, app: FixtureApp) -> None:
        self.app = app
        self.connections: set[asyncio.Task] = set()

    async def handle_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self.connections.add(task)
        try:
            await self.serve_requests(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # the peer went away mid-request or mid-response
        except asyncio.CancelledError:
            pass  # shutting down; ending normally keeps 3.11's stream callback quiet
        finally:
            self.connections.discard(task)
            writer.close()

    async def serve_requests(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            try:
                request = await read_request(reader, writer)
            except BadRequest as error:
                await deliver(error_response(OPENAI, error.status, f"fixture: {error}"), False, writer)
                return
            if request is None:
                return
            response = await self.app.respond(request)
            if not await deliver(response, request.wants_keep_alive, writer):
                return

    async def close_connections(self) -> None:
        for task in list(self.connections):
            task.cancel()
        await asyncio.gather(*self.connections, return_exceptions=True)


# --------------------------------------------------------------------------
# Process lifetime


def stdin_is_watchable() -> bool:
    """Watch only a pipe or socket: EOF there means the parent has gone."""
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, AttributeError):
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def watch_stdin_for_eof(loop: asyncio.AbstractEventLoop, on_eof) -> None:
    fd = sys.stdin.fileno()

    def read_until_eof() -> None:
        try:
            while os.read(fd, 65536):
                pass
        except OSError:
            pass
        loop.call_soon_threadsafe(on_eof)

    threading.Thread(target=read_until_eof, name="stdin-eof-watch", daemon=True).start()


async def serve(args: argparse.Namespace, host: str) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    fixture = FixtureServer(FixtureApp())
    server = await asyncio.start_server(
        fixture.handle_connection, host, args.port, limit=MAX_HEAD_BYTES, backlog=1024
    )
    port = server.sockets[0].getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host
    print(f"listening on {shown_host}:{port}", flush=True)

    if args.stdin_watch and stdin_is_watchable():
        watch_stdin_for_eof(loop, stop.set)
    loop.call_later(args.max_seconds, stop.set)

    await stop.wait()
    server.close()
    await fixture.close_connections()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Scripted fake LLM API server (see module docstring).")
    parser.add_argument("--host", default="127.0.0.1", help="127.0.0.1 (default), ::1 or localhost")
    parser.add_argument("--port", type=int, default=0, help="0 (default) picks a free port")
    parser.add_argument(
        "--no-stdin-watch",
        dest="stdin_watch",
        action="store_false",
        help="do not exit when stdin (a pipe or socket) reaches EOF; watching is on by default",
    )
    parser.add_argument("--max-seconds", type=float, default=3600.0, help="exit after this long (default 3600)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    host = LOOPBACK_HOSTS.get(args.host)
    if host is None:
        print(f"fixture_server: refusing to bind {args.host!r}; loopback only", file=sys.stderr)
        return 2
    try:
        asyncio.run(serve(args, host))
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
