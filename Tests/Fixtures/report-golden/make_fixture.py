"""Writes the fixed run the golden report tests render (deterministic: no clock, no randomness).
Six tasks x 5 samples on each side; two tasks regress, one errors, one has hostile output."""
import json

def record(task, category, sample, passed, status="ok", tail=""):
    r = {"attempts": 1, "benchmark": "builtin", "cached": False, "category": category,
         "created_at": "2026-11-25T00:00:00.000Z", "model": "m", "run_id": "golden", "sample": sample,
         "schema_version": 1, "status": status, "task": task, "task_hash": "h-" + task, "latency_ms": 10.0}
    if status == "ok":
        r["scores"] = {"tests.pass": passed, "tests.fraction": passed}
        r["passed"] = passed == 1
        r["execution"] = {"sandbox": "bubblewrap", "outcome": "passed" if passed else "failed",
                          "checks": [{"name": "hidden tests", "outcome": "passed" if passed else "failed", "duration_ms": 1,
                                      "stdout_tail": tail, "stderr_tail": "", "stdout_bytes": len(tail), "stderr_bytes": 0}]}
    else:
        r["scores"] = {}
        r["error"] = {"kind": "sandbox_error", "message": "check 'hidden tests': could not start the command"}
    return json.dumps(r, sort_keys=True)

tasks = [("backend-a", "backend"), ("backend-b", "backend"), ("frontend-c", "frontend"),
         ("frontend-d", "frontend"), ("testing-e", "testing"), ("testing-f", "testing")]
hostile = "```\n<img src=x onerror=alert(1)> @org/team ]]> \x1b[31mred\n=HYPERLINK(\"x\")"
header = {"created_at": "2026-11-25T00:00:00.000Z", "kind": "codescore-baseline", "models": [],
          "schema_version": 1, "tasks": {}, "tool_version": "0.1.0"}
base = [json.dumps(header, sort_keys=True)]
cand = []
for index, (task, category) in enumerate(tasks):
    for sample in range(5):
        base.append(record(task, category, sample, 1))
        if task == "testing-f":
            cand.append(record(task, category, sample, 0, status="error"))
        else:
            regress = task in ("backend-a", "frontend-c")
            cand.append(record(task, category, sample, 0 if regress else 1, tail=hostile if regress else ""))
open("baseline.jsonl", "w").write("\n".join(base) + "\n")
open("run/results.jsonl", "w").write("\n".join(cand) + "\n")
