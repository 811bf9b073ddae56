#!/usr/bin/env python3
"""Write a large synthetic run and baseline for the dashboard's size and speed tests.

Python 3.11 standard library only; deterministic for a given seed and arguments.

    python3 bench/dashboard/make_run.py --tasks 10000 --models 3 --samples 1 --out DIR
                                        [--seed 1] [--payloads] [--judge-every 10]
                                        [--id-style dash|slash]

Writes, in the formats of docs/results.md and Sources/CodescoreGate/Baseline.swift:

    DIR/candidate/results.jsonl   one record per model x task x sample (schema
                                  docs/schemas/result-record.v1.schema.json), keys sorted, `/` not
                                  escaped, U+2028/U+2029 escaped, in "completion" order (task, model,
                                  sample), as `codescore run` appends them
    DIR/candidate/run.json        the run manifest (pretty-printed, keys sorted)
    DIR/baseline.jsonl            a baseline: header line {"kind": "codescore-baseline", ...}, then the
                                  baseline run's records without `output` and `execution` (as
                                  `Baseline.stored` keeps them), sorted by model, benchmark, task, sample

Records: models model-a, model-b, ... (`--models` of them); benchmark `builtin`; task ids
`<category>-task-00042` (valid built-in ids: lowercase letters, digits, '-'; `--id-style slash` gives
`<category>/task-00042` instead) with category frontend, backend, testing round-robin; task_hash =
SHA-256 hex of the id, identical on both sides. About 0.5% of the samples are `error` records; the others
carry an answer of 600-900 characters (a fenced block with the file name on its info line, plus a
sentence), its SHA-256, an `execution` (bubblewrap, one check with tails and byte counts; testing tasks
also mutants and `tests.mutation_score`), `scores` (`tests.pass`, `tests.fraction`), `passed`, usage,
latency, cost, cached false, attempts, created_at. Pass rate about 0.70 on both sides (per-task
difficulty shared, per-model offset, each side drawn with its own seed). The samples of every
`--judge-every`-th task (default 10; 0: none) carry a `judge` object shaped like SampleJudge.jsonValue
(3 valid votes, median aggregation, representative vote, rationales) and the judge metrics:
`judge.<criterion>` (0-10), `judge.overall` (the rubric's weighted mean, 0-10, as in
Sources/CodescoreConfig/Rubric.swift), `judge.agreement`, `judge.suspected_manipulation`; run.json and
the baseline header then carry the same judge identity.

`--payloads` puts markup into untrusted fields: some task ids, outputs, judge rationales, check
stdout/stderr tails and error messages contain `<script>alert(1)</script>`,
`</script><img src=x onerror=alert(1)>`, `"><svg onload=alert(1)>`, and also `<!--<script>` and
U+2028/U+2029 (traps for JSON inside an inline <script>). The record schema does not restrict task ids,
so those ids are still valid records (they could not be built-in task folders).
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import random
import sys
import time

CATEGORIES = ("frontend", "backend", "testing")
PAYLOADS = ("<script>alert(1)</script>", "</script><img src=x onerror=alert(1)>", '"><svg onload=alert(1)>',
            # Page-side sentinels: had any of these become markup, the page's <html> would carry data-pwned.
            '<img src=x onerror="document.documentElement.dataset.pwned=1">',
            "<script>document.documentElement.dataset.pwned=1</script>")
EXTRA_PAYLOADS = ("</script><!--<script>", "line\u2028separator\u2029paragraph")
TOOL_VERSION = "0.1.0"

CRITERIA = {  # docs/judge.md, default rubric weights
    "frontend": [("functionality", 3), ("code_quality", 1), ("security", 2), ("performance", 1),
                 ("error_handling", 1), ("accessibility", 1)],
    "backend": [("functionality", 3), ("code_quality", 1), ("security", 2), ("performance", 1),
                ("error_handling", 1)],
    "testing": [("functionality", 3), ("code_quality", 1), ("security", 2), ("performance", 1),
                ("error_handling", 1), ("test_quality", 2)],
}

ERRORS = [  # kind, http_status or None, attempts, message
    ("rate_limited", 429, 3, "HTTP 429: Rate limit reached for requests per minute. Please retry after 20s."),
    ("server_error", 503, 3, "HTTP 503: upstream overloaded, please retry"),
    ("server_error", 500, 3, "HTTP 500: The server had an error while processing your request."),
    ("timeout", None, 3, "no complete answer within 120 s (request_timeout_seconds)"),
    ("connection", None, 3, "connection reset by peer while reading the response"),
    ("invalid_response", None, 1, "not a chat completion: missing choices[0].message.content"),
]

# --- answer text -------------------------------------------------------------------------------------

LANG = {"frontend": "jsx", "backend": "python", "testing": "python"}
FILES = {
    "frontend": ["Tabs.jsx", "Accordion.jsx", "Dialog.jsx", "Pagination.jsx", "TodoList.jsx", "SignupForm.jsx"],
    "backend": ["token_bucket.py", "pagination.py", "router.py", "idempotency.py", "bearer_auth.py", "migrations.py"],
    "testing": ["test_slugify.py", "test_semver.py", "test_lru_cache.py", "test_word_wrap.py", "test_roman.py",
                "test_intervals.py"],
}
SNIPPETS = {
    "python": [
        "import time\nfrom dataclasses import dataclass, field\n",
        "@dataclass\nclass Bucket:\n    capacity: int\n    refill_per_second: float\n    tokens: float = field(default=0.0)\n    updated: float = field(default_factory=time.monotonic)\n",
        "def _clamp(value, low, high):\n    return max(low, min(high, value))\n",
        "def refill(bucket, now):\n    elapsed = max(0.0, now - bucket.updated)\n    bucket.tokens = _clamp(bucket.tokens + elapsed * bucket.refill_per_second, 0, bucket.capacity)\n    bucket.updated = now\n",
        "def consume(bucket, amount=1, now=None):\n    if amount <= 0:\n        raise ValueError(\"amount must be positive\")\n    refill(bucket, time.monotonic() if now is None else now)\n    if bucket.tokens < amount:\n        return False\n    bucket.tokens -= amount\n    return True\n",
        "def parse_page(params):\n    try:\n        page = int(params.get(\"page\", \"1\"))\n    except ValueError:\n        raise ValueError(\"page must be an integer\") from None\n    return _clamp(page, 1, 10_000)\n",
        "def paginate(items, page, size=20):\n    start = (page - 1) * size\n    return {\"items\": items[start:start + size], \"page\": page, \"total\": len(items)}\n",
        "class Router:\n    def __init__(self):\n        self.routes = {}\n\n    def add(self, method, path, handler):\n        self.routes[(method.upper(), path)] = handler\n",
    ],
    "python-test": [
        "import pytest\n\nfrom slugify import slugify\n",
        "def test_lowercases_and_joins_words():\n    assert slugify(\"Hello World\") == \"hello-world\"\n",
        "def test_strips_punctuation():\n    assert slugify(\"Rock & Roll!\") == \"rock-roll\"\n",
        "@pytest.mark.parametrize(\"text\", [\"\", \"   \", \"---\"])\ndef test_empty_inputs_give_empty_slug(text):\n    assert slugify(text) == \"\"\n",
        "def test_collapses_repeated_separators():\n    assert slugify(\"a  --  b\") == \"a-b\"\n",
        "def test_rejects_non_strings():\n    with pytest.raises(TypeError):\n        slugify(None)\n",
        "def test_keeps_digits():\n    assert slugify(\"Version 2 Notes\") == \"version-2-notes\"\n",
        "def test_max_length_cuts_on_a_word_boundary():\n    assert slugify(\"one two three\", max_length=8) == \"one-two\"\n",
    ],
    "jsx": [
        "import { useState, useId } from 'react';\n",
        "export function Tabs({ tabs, initial = 0 }) {\n  const [active, setActive] = useState(initial);\n  const id = useId();\n"
        "  return (\n    <div className=\"tabs\">\n      <div role=\"tablist\">\n"
        "        {tabs.map((tab, i) => (\n          <button key={tab.label} role=\"tab\" aria-selected={i === active}\n"
        "                  tabIndex={i === active ? 0 : -1} onClick={() => setActive(i)}>{tab.label}</button>\n        ))}\n"
        "      </div>\n      <div role=\"tabpanel\" aria-labelledby={`${id}-tab-${active}`}>{tabs[active].content}</div>\n"
        "    </div>\n  );\n}\n",
        "export const nextIndex = (key, i, n) =>\n  key === 'ArrowRight' ? (i + 1) % n : key === 'ArrowLeft' ? (i - 1 + n) % n : i;\n",
        "export function formatCount(n) {\n  return n === 1 ? '1 item' : `${n} items`;\n}\n",
        "export function clampIndex(i, length) {\n  return Math.max(0, Math.min(length - 1, i));\n}\n",
        "export const EMPTY_LABEL = 'Nothing to show yet';\n",
        "export default Tabs;\n",
    ],
}
INTROS = ["Here is the implementation.", "Below is a complete solution.", "Sure — here is the file.",
          "This version handles the edge cases from the task description.", "Here is my answer."]
CLOSINGS = [
    "It validates its inputs and keeps all state in one place, so it is easy to test.",
    "The function is pure apart from the clock, which can be injected for tests.",
    "Edge cases (empty input, out-of-range values) raise a ValueError with a clear message.",
    "Keyboard navigation follows the WAI-ARIA pattern and focus moves with the selection.",
    "The tests are independent of each other and cover the documented edge cases.",
]
RATIONALE_BITS = {
    "functionality": ["Implements every requirement in the prompt.", "Misses the empty-input case.",
                      "Core behaviour is right; one boundary is off by one."],
    "code_quality": ["Readable, small functions with clear names.", "Some duplication between helpers.",
                     "Clear structure; a few magic numbers."],
    "security": ["Validates all external input.", "No injection surface; inputs are typed.",
                 "Trusts a header without checking it."],
    "performance": ["Linear in the input, no needless copies.", "Rebuilds the list on every call.",
                    "Constant time per operation."],
    "error_handling": ["Raises precise exceptions with messages.", "Swallows an exception in one path.",
                       "Errors are reported to the caller."],
    "accessibility": ["Correct ARIA roles and keyboard support.", "Buttons lack accessible names.",
                      "Focus management follows the pattern."],
    "test_quality": ["Tests pin down each documented behaviour.", "Assertions are too loose to catch mutants.",
                     "Good boundary coverage; one redundant test."],
}
OVERALL_RATIONALES = ["A solid, idiomatic answer with minor issues.", "Works for the common cases but is fragile.",
                      "Mostly correct; error handling could be tighter.", "Clean and complete."]


def fenced(lang, filename, code):
    return f"```{lang} {filename}\n{code}```\n"


class AnswerMaker:
    """Answers of 600-900 characters: intro, a fenced block named on its info line, a closing sentence."""

    def __init__(self, rng):
        self.rng = rng

    def make(self, category, filename, tag, payload=None):
        rng = self.rng
        kind = "python-test" if category == "testing" else LANG[category]
        lang = LANG[category]
        comment = "//" if lang == "jsx" else "#"
        target = rng.randint(600, 900)
        intro = rng.choice(INTROS)
        closing = rng.choice(CLOSINGS)
        if payload:
            closing = f"{closing} Note: the page title is rendered as {payload} in the demo."
        head = f"{comment} {filename} — answer {tag}\n"
        if payload:
            head += f"{comment} {payload}\n"
        pool = SNIPPETS[kind]
        frame = len(intro) + len(closing) + len(lang) + len(filename) + 14 + len(head) + len(pool[0])
        rest = pool[1:]
        if kind != "jsx":  # independent functions: any order; JSX keeps its module order
            rest = rng.sample(rest, len(rest))
        parts = [pool[0]]
        size = frame
        for snippet in rest:
            if size >= target:
                break
            if size + len(snippet) + 1 > 900 and size >= 600:
                continue
            parts.append(snippet)
            size += len(snippet) + 1
        code = head + "\n".join(parts)
        if size > 900:  # cut on a line boundary
            code = code[: len(code) - (size - 900)]
            code = code[: code.rfind("\n") + 1]
        answer = f"{intro}\n\n{fenced(lang, filename, code)}\n{closing}"
        if len(answer) < 600:
            answer += " Run the tests with the task's usual command."
        return answer


# --- execution ---------------------------------------------------------------------------------------


def py_pass_tail(n, secs):
    dots = "." * min(n, 70)
    return (f"{dots:<72} [100%]\n--------------------- generated xml file: /work/junit.xml ----------------------\n"
            f"{n} passed in {secs:.2f}s\n")


def py_fail_tails(n, failed, secs, filename, payload=None):
    dots = ("." * (n - failed) + "F" * failed)[:70]
    test = "test_refill_is_capped" if not payload else "test_renders_title"
    stdout = (f"{dots:<72} [100%]\n=================================== FAILURES ===================================\n"
              f"____________________________ {test} ____________________________\n"
              f"E       AssertionError: assert 11.0 == 10\n"
              f"--------------------- generated xml file: /work/junit.xml ----------------------\n"
              f"=========================== short test summary info ============================\n"
              f"FAILED tests/test_hidden.py::{test} - AssertionError: assert 11.0 == 10\n"
              f"{failed} failed, {n - failed} passed in {secs:.2f}s\n")
    stderr = ("Traceback (most recent call last):\n"
              f"  File \"/work/tests/test_hidden.py\", line 42, in {test}\n"
              f"    assert bucket.tokens == 10\n"
              "AssertionError: assert 11.0 == 10\n")
    if payload:
        stdout = stdout.replace("assert 11.0 == 10", f"assert '{payload}' == 'Dashboard'")
        stderr += f"rendered: {payload}\n"
    return stdout, stderr


def js_fail_tails(n, failed, filename, payload=None):
    stderr = (f"TestsFailed: {failed} of {n} failed\n"
              f"  ✖ moves focus with ArrowRight\n"
              f"    AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:\n"
              f"    'tab-0' !== 'tab-1'\n"
              f"        at TestContext.<anonymous> (file:///work/tests/{filename.rsplit('.', 1)[0]}.test.mjs:31:12)\n")
    stdout = ""
    if payload:
        stdout = f"<div role=\"tabpanel\">{payload}</div>\n"
        stderr += f"    received markup: {payload}\n"
    return stdout, stderr


# --- the generator -----------------------------------------------------------------------------------


def iso(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(t * 1000) % 1000:03d}Z"


def run_id_for(t, label, seed):
    stamp = dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    return f"{stamp}-{hashlib.sha256(f'{label}:{seed}'.encode()).hexdigest()[:8]}"


def sha256(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode_line(obj):
    line = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    if "\u2028" in line or "\u2029" in line:
        line = line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return line + "\n"


def median(values):
    s = sorted(values)
    n = len(s)
    return float(s[n // 2]) if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def num(x):
    """Whole floats as ints, as Swift's JSONEncoder writes them (1 rather than 1.0)."""
    return int(x) if float(x).is_integer() else x


class Tasks:
    def __init__(self, n, seed, payloads, id_style):
        rng = random.Random(f"{seed}:tasks")
        self.items = []
        sep = "/" if id_style == "slash" else "-"
        for i in range(n):
            category = CATEGORIES[i % 3]
            task_id = f"{category}{sep}task-{i:05d}"
            # Small runs get every payload in a task id; large ones (≥ 97 × 15 tasks) in every category.
            every = 97 if n >= 97 * 15 else 7
            payload = payloads and i % every == 5
            if payload:
                task_id += PAYLOADS[(i // (every * 3)) % len(PAYLOADS)] if every == 97 else PAYLOADS[(i // every) % len(PAYLOADS)]
            difficulty = min(0.98, max(0.05, rng.gauss(0.71, 0.22)))
            self.items.append({
                "index": i, "id": task_id, "category": category, "hash": sha256(task_id), "payload": payload,
                "p": difficulty, "tests": rng.randint(4, 60), "file": FILES[category][i % len(FILES[category])],
                "mutants": rng.randint(3, 8) if category == "testing" else 0,
                "input_tokens": rng.randint(450, 2600),
            })

    def suite(self):
        tasks = {t["id"]: t["hash"] for t in self.items}
        ordered = sorted(self.items, key=lambda t: (t["category"], t["id"]))
        digest = sha256("".join(f"{t['id']}:{t['hash']}\n" for t in ordered))
        return tasks, digest


MODEL_OFFSETS = [0.04, 0.0, -0.05, 0.02, -0.02, 0.06, -0.08]
PRICING = [(2.5, 10.0), (0.15, 0.6), (3.0, 15.0), (1.0, 4.0), (0.5, 1.5), (5.0, 20.0), (0.1, 0.4)]


def model_names(n):
    names = []
    for i in range(n):
        names.append("model-" + (chr(ord("a") + i) if i < 26 else f"{i:03d}"))
    return names


def judge_identity(seed):
    return {"aggregation": "median", "max_tokens": 1024, "model": "judge-large", "provider_kind": "openai",
            "provider_model": "judge-large-2026-01", "prompt_template_sha256": sha256(f"judge-prompt:{seed}"),
            "sees_test_outcome": False, "temperature": 0.7, "votes": 3}


class Side:
    """One run (the candidate or the baseline's run): records plus running totals."""

    def __init__(self, label, seed, tasks, models, samples, args, start):
        self.label = label
        self.rng = random.Random(f"{seed}:{label}")
        self.answers = AnswerMaker(self.rng)
        self.tasks, self.models, self.samples, self.args = tasks, models, samples, args
        self.start = start
        self.run_id = run_id_for(start, label, seed)
        self.counts = {"cached": 0, "error": 0, "ok": 0, "planned": len(tasks.items) * len(models) * samples,
                       "resumed": 0}
        self.judge_counts = {"judged": 0, "invalid_votes": 0, "problems": {}, "requests": 0,
                             "suspected_manipulation": 0, "unscored": 0, "valid_votes": 0}
        self.usage = [0, 0]
        self.cost = 0.0
        self.clock = start
        self.serial = 0
        self.payload_uses = {"output": 0, "tail": 0, "rationale": 0, "error": 0, "task": 0}

    def payload(self, kind, every, offset=0):
        if not self.args.payloads:
            return None
        if (self.serial + offset) % every:
            return None
        n = self.payload_uses[kind]
        self.payload_uses[kind] += 1
        pool = PAYLOADS + EXTRA_PAYLOADS if kind == "output" else PAYLOADS
        return pool[n % len(pool)]

    def records(self):
        for task in self.tasks.items:
            if task["payload"]:
                self.payload_uses["task"] += 1
            for m, model in enumerate(self.models):
                for sample in range(self.samples):
                    self.serial += 1
                    yield self.record(task, m, model, sample)

    def record(self, task, m, model, sample):
        rng = self.rng
        self.clock += rng.uniform(0.002, 0.08)
        rec = {"attempts": 1, "benchmark": "builtin", "cached": False, "category": task["category"],
               "created_at": iso(self.clock), "model": model, "run_id": self.run_id, "sample": sample,
               "schema_version": 1, "scores": {}, "task": task["id"], "task_hash": task["hash"]}
        if rng.random() < 0.005:
            kind, status, attempts, message = ERRORS[rng.randrange(len(ERRORS))]
            error = {"kind": kind, "message": message}
            if status:
                error["http_status"] = status
            payload = self.payload("error", 2)
            if payload:
                error["message"] = f"HTTP 400 body: {payload}"
                error["kind"] = "client_error"
                error["http_status"] = 400
            rec.update(status="error", error=error, attempts=attempts)
            self.counts["error"] += 1
            return rec

        p = task["p"] + MODEL_OFFSETS[m % len(MODEL_OFFSETS)]
        ok = rng.random() < p
        category = task["category"]
        output = self.answers.make(category, task["file"], f"{model}/{task['index']}/{sample}/{self.label}",
                                   payload=self.payload("output", 37, 3))
        n_tests = task["tests"]
        secs = rng.uniform(0.03, 0.4)
        duration = round(rng.uniform(120.0, 900.0), 1)
        tail_payload = None
        mutants = None
        mutation_score = None
        if category == "testing":
            # tests.pass needs the tests to pass on the real code and to kill every mutant
            if ok:
                check_ok, killed = True, task["mutants"]
            elif rng.random() < 0.5:
                check_ok, killed = True, rng.randrange(task["mutants"])
            else:
                check_ok, killed = False, 0
            if check_ok:
                kills = [True] * killed + [False] * (task["mutants"] - killed)
                rng.shuffle(kills)
                mutants = [{"killed": k, "mutant": f"mutants/mutant_{j:02d}.py", "outcome": "failed" if k else "passed"}
                           for j, k in enumerate(kills)]
                mutation_score = killed / task["mutants"]
            else:
                mutation_score = 0
        else:
            check_ok = ok
        if check_ok:
            passed_tests = n_tests
            stdout = py_pass_tail(n_tests, secs) if LANG[category] == "python" else ""
            stderr = ""
        else:
            failed = rng.randint(1, max(1, n_tests - 1))
            passed_tests = n_tests - failed
            tail_payload = self.payload("tail", 13, 1)
            if LANG[category] == "python":
                stdout, stderr = py_fail_tails(n_tests, failed, secs, task["file"], tail_payload)
            else:
                stdout, stderr = js_fail_tails(n_tests, failed, task["file"], tail_payload)
        check = {"duration_ms": duration, "exit_code": 0 if check_ok else 1,
                 "name": "model tests" if category == "testing" else "hidden tests",
                 "outcome": "passed" if check_ok else "failed",
                 "stderr_bytes": len(stderr.encode()) + (0 if check_ok else rng.randint(0, 4000)),
                 "stderr_tail": stderr,
                 "stdout_bytes": len(stdout.encode()) + (0 if check_ok else rng.randint(0, 6000)),
                 "stdout_tail": stdout,
                 "tests": {"errors": 0, "failed": n_tests - passed_tests, "passed": passed_tests, "skipped": 0,
                           "total": n_tests}}
        execution = {"checks": [check], "files": [task["file"]], "missing_files": [],
                     "outcome": "passed" if check_ok else "failed", "sandbox": "bubblewrap", "unmatched_blocks": 0}
        if mutants is not None:
            execution["mutants"] = mutants
        scores = {"tests.fraction": num(passed_tests / n_tests), "tests.pass": 1 if ok else 0}
        if mutation_score is not None:
            scores["tests.mutation_score"] = num(mutation_score)
        input_tokens = task["input_tokens"] + rng.randint(0, 40)
        output_tokens = max(60, int(len(output) / 3.6) + rng.randint(-20, 20))
        price_in, price_out = PRICING[m % len(PRICING)]
        cost = round((input_tokens * price_in + output_tokens * price_out) / 1e6, 9)
        rec.update(status="ok", output=output, output_sha256=sha256(output), finish_reason="stop",
                   scores=scores, passed=bool(ok), execution=execution,
                   usage={"input_tokens": input_tokens, "output_tokens": output_tokens},
                   latency_ms=round(math.exp(rng.gauss(7.4, 0.5)), 6), cost_usd=cost)
        if rng.random() < 0.01:
            rec["attempts"] = 2
        self.counts["ok"] += 1
        self.usage[0] += input_tokens
        self.usage[1] += output_tokens
        self.cost += cost
        every = self.args.judge_every
        if every and task["index"] % every == 0:
            self.judge(rec, task, ok)
        return rec

    def judge(self, rec, task, ok):
        rng = self.rng
        criteria = CRITERIA[task["category"]]
        base = 7.5 if ok else 3.5
        votes = []
        payload = self.payload("rationale", 7, 2)
        for index in range(3):
            scores = {name: int(min(10, max(0, round(rng.gauss(base, 1.3))))) for name, _ in criteria}
            rationales = {name: rng.choice(RATIONALE_BITS[name]) for name, _ in criteria}
            rationale = rng.choice(OVERALL_RATIONALES)
            if payload and index == 0:
                rationales["functionality"] = f"The answer echoes {payload} into the page unescaped."
                rationale = f"Renders untrusted text such as {payload} without escaping; otherwise fine."
            usage = {"input_tokens": task["input_tokens"] + 900 + rng.randint(0, 300),
                     "output_tokens": rng.randint(120, 320)}
            votes.append({"cached": False, "calls": 1, "index": index, "rationale": rationale,
                          "rationales": rationales, "repaired": False, "scores": scores, "status": "valid",
                          "usage": usage})
        agg = {name: median([v["scores"][name] for v in votes]) for name, _ in criteria}
        weights = sum(w for _, w in criteria)
        overall = sum(agg[name] * w for name, w in criteria) / weights
        spreads = [sum(abs(v["scores"][name] - agg[name]) for v in votes) / len(votes) for name, _ in criteria]
        agreement = sum(spreads) / len(spreads)
        distances = [sum(abs(v["scores"][name] - agg[name]) for name, _ in criteria) for v in votes]
        representative = distances.index(min(distances))
        rep = votes[representative]
        rec["judge"] = {"agreement": agreement, "invalid_votes": 0, "manipulation": [],
                        "rationale": rep["rationale"], "rationales": rep["rationales"],
                        "representative_vote": representative, "status": "scored",
                        "suspected_manipulation": False, "valid_votes": 3, "votes": votes}
        for name, _ in criteria:
            rec["scores"][f"judge.{name}"] = num(agg[name])
        rec["scores"]["judge.overall"] = num(overall)
        rec["scores"]["judge.agreement"] = num(agreement)
        rec["scores"]["judge.suspected_manipulation"] = 0
        self.judge_counts["judged"] += 1
        self.judge_counts["valid_votes"] += 3
        self.judge_counts["requests"] += 3
        for v in votes:
            self.usage[0] += v["usage"]["input_tokens"]
            self.usage[1] += v["usage"]["output_tokens"]

    def models_manifest(self, seed):
        out = []
        for m, name in enumerate(self.models):
            entry = {"config_sha256": sha256(f"model-config:{name}:{seed}"), "name": name, "provider_kind": "openai",
                     "provider_model": f"{name}-2026-01", "samples": self.samples}
            if m == 0:
                entry["base_url"] = "https://api.example.com/v1"
            out.append(entry)
        return out


def write_run(path_dir, side, tasks, seed, args, git_commit):
    os.makedirs(path_dir, exist_ok=True)
    results = os.path.join(path_dir, "results.jsonl")
    with open(results, "w", encoding="utf-8", newline="\n") as f:
        buffer = []
        for rec in side.records():
            buffer.append(encode_line(rec))
            if len(buffer) >= 2000:
                f.write("".join(buffer))
                buffer.clear()
        f.write("".join(buffer))
    suite_tasks, suite_digest = tasks.suite()
    manifest = {
        "cost_usd": round(side.cost, 9), "counts": side.counts,
        "filters": {"models": list(side.models), "samples": side.samples, "tasks": []},
        "finished_at": iso(side.clock + 0.5), "git_commit": git_commit, "models": side.models_manifest(seed),
        "run_id": side.run_id, "sandbox": "bubblewrap", "schema_version": 1, "started_at": iso(side.start),
        "status": "complete",
        "suite": {"tasks": suite_tasks, "tasks_dir": "tasks", "tasks_sha256": suite_digest},
        "tool_version": TOOL_VERSION,
        "usage": {"input_tokens": side.usage[0], "output_tokens": side.usage[1]},
        "wall_seconds": round(side.clock + 0.5 - side.start, 6),
    }
    if args.judge_every:
        manifest["judge"] = judge_identity(seed)
        manifest["judge_counts"] = side.judge_counts
    run_json = os.path.join(path_dir, "run.json")
    with open(run_json, "w", encoding="utf-8") as f:
        f.write(json.dumps(manifest, sort_keys=True, indent=2, separators=(",", " : "), ensure_ascii=False) + "\n")
    return results, run_json


def write_baseline(path, side, tasks, seed, args, git_commit):
    stored = []
    for rec in side.records():
        rec.pop("output", None)
        rec.pop("execution", None)
        stored.append(((rec["model"], rec["benchmark"], rec["task"], rec["sample"]), encode_line(rec)))
    stored.sort(key=lambda item: item[0])
    suite_tasks, _ = tasks.suite()
    header = {"created_at": iso(side.clock + 60), "git_commit": git_commit, "kind": "codescore-baseline",
              "models": side.models_manifest(seed), "policy_sha256": sha256(f"policy:{seed}"),
              "run_id": side.run_id, "sandbox": "bubblewrap", "schema_version": 1, "tasks": suite_tasks,
              "tool_version": TOOL_VERSION}
    if args.judge_every:
        header["judge"] = judge_identity(seed)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(encode_line(header))
        f.write("".join(line for _, line in stored))
    return path, len(stored)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    p.add_argument("--tasks", type=int, default=10000)
    p.add_argument("--models", type=int, default=3)
    p.add_argument("--samples", type=int, default=1)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--payloads", action="store_true", help="put XSS payloads into untrusted fields")
    p.add_argument("--judge-every", type=int, default=10, help="judge the samples of every Nth task (0: none)")
    p.add_argument("--id-style", choices=["dash", "slash"], default="dash",
                   help="task ids backend-task-00042 (default, valid built-in ids) or backend/task-00042")
    args = p.parse_args(argv)
    if args.tasks < 1 or args.models < 1 or args.samples < 1 or args.judge_every < 0:
        p.error("--tasks, --models and --samples must be at least 1, --judge-every at least 0")
    started = time.monotonic()
    tasks = Tasks(args.tasks, args.seed, args.payloads, args.id_style)
    models = model_names(args.models)
    git_commit = hashlib.sha1(f"commit:{args.seed}".encode()).hexdigest()
    base_start = dt.datetime(2026, 11, 20, 9, 0, 0, tzinfo=dt.timezone.utc).timestamp() + args.seed
    cand_start = dt.datetime(2026, 11, 25, 9, 0, 0, tzinfo=dt.timezone.utc).timestamp() + args.seed
    candidate = Side("candidate", args.seed, tasks, models, args.samples, args, cand_start)
    results, run_json = write_run(os.path.join(args.out, "candidate"), candidate, tasks, args.seed, args, git_commit)
    baseline_side = Side("baseline", args.seed, tasks, models, args.samples, args, base_start)
    baseline, n_baseline = write_baseline(os.path.join(args.out, "baseline.jsonl"), baseline_side, tasks,
                                          args.seed, args, hashlib.sha1(f"base-commit:{args.seed}".encode()).hexdigest())

    def size(path):
        n = os.path.getsize(path)
        return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB"

    c = candidate.counts
    b = baseline_side.counts
    print(f"{results}: {c['ok'] + c['error']} records ({c['ok']} ok, {c['error']} error, "
          f"{candidate.judge_counts['judged']} judged), {size(results)}")
    print(f"{run_json}: run {candidate.run_id}, {len(tasks.items)} tasks, {size(run_json)}")
    print(f"{baseline}: header + {n_baseline} records ({b['ok']} ok, {b['error']} error, "
          f"{baseline_side.judge_counts['judged']} judged), run {baseline_side.run_id}, {size(baseline)}")
    if args.payloads:
        uses = candidate.payload_uses
        print(f"payloads (candidate): {uses['task']} task ids, {uses['output']} outputs, {uses['tail']} check tails, "
              f"{uses['rationale']} judge rationales, {uses['error']} error messages")
    print(f"in {time.monotonic() - started:.2f} s (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
