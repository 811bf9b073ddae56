#!/usr/bin/env python3
"""A stand-in benchmark harness for wrapper-mode tests.

fake_harness.py MODE SAMPLES RESULTS [PROBE_FILE ESCAPE_FILE]
  score:   one JSON line per sample of SAMPLES into RESULTS: task_id, passed (the completion contains
           "return True"), and a detail saying what the harness could see: whether OPENAI_API_KEY was in
           its environment, whether it could read PROBE_FILE and whether it could create ESCAPE_FILE.
  fail:    prints to stderr and exits with status 3.
  nothing: exits 0 without writing RESULTS.
"""
import json
import os
import sys


def can_read(path: str) -> bool:
    try:
        with open(path, encoding="utf-8") as handle:
            handle.read()
        return True
    except OSError:
        return False


def can_create(path: str) -> bool:
    try:
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("escaped")
        return True
    except OSError:
        return False


def main() -> None:
    mode, samples, results = sys.argv[1:4]
    if mode == "fail":
        print("Traceback (most recent call last):\nRuntimeError: harness exploded", file=sys.stderr)
        sys.exit(3)
    if mode == "nothing":
        return
    probe, escape = (sys.argv[4], sys.argv[5]) if len(sys.argv) > 5 else ("", "")
    seen = f"key={'OPENAI_API_KEY' in os.environ} read={can_read(probe)} escape={can_create(escape)}"
    with open(samples, encoding="utf-8") as source, open(results, "w", encoding="utf-8") as sink:
        for line in filter(str.strip, source):
            sample = json.loads(line)
            passed = "return True" in sample["completion"]
            sink.write(json.dumps({"task_id": sample["task_id"], "passed": passed, "detail": seen}) + "\n")


if __name__ == "__main__":
    main()
