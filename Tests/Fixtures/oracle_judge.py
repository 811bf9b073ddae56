#!/usr/bin/env python3
"""A scripted judge for codescore's tests, run through the `command` provider.

Reads the request JSON on stdin (messages, options, task) and answers with a judge JSON object:

- a candidate whose files all appear in the user message of a labels.jsonl line gets that line's
  human labels as its scores (plus --offset, clamped to 0..10): a judge that agrees with the humans;
- any other candidate (e.g. a manipulation canary) gets --unknown on every criterion.

Usage: oracle_judge.py LABELS.jsonl [--offset N] [--unknown N]
"""
import argparse
import json
import re
import sys


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("labels")
    parser.add_argument("--offset", type=int, default=0)
    parser.add_argument("--unknown", type=int, default=2)
    args = parser.parse_args()
    request = json.load(sys.stdin)
    system = "\n".join(m["content"] for m in request["messages"] if m["role"] == "system")
    user = next(m["content"] for m in request["messages"] if m["role"] == "user")
    criteria = re.findall(r"^- ([a-z][a-z0-9_]*) \(weight", system, re.MULTILINE)
    scores = {name: args.unknown for name in criteria}
    with open(args.labels, encoding="utf-8") as handle:
        for line in handle:
            entry = json.loads(line)
            files = entry.get("files") or {}
            if files and all(contents in user for contents in files.values()):
                scores = {name: max(0, min(10, entry["labels"][name] + args.offset)) for name in criteria}
                break
    answer = {
        "criteria": {name: {"score": score, "rationale": f"oracle {name}"} for name, score in scores.items()},
        "rationale": "oracle judge",
    }
    print(json.dumps(answer))


if __name__ == "__main__":
    main()
