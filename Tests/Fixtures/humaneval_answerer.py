#!/usr/bin/env python3
"""A command-provider "model" for HumanEval: answers each problem with its canonical solution, read from the
problem file given as the first argument (.jsonl or .jsonl.gz). `--wrong ID,ID,...` answers those problems
with a body that always raises instead; `--fenced` wraps every answer as a whole function in a ```python
block (the way chat models answer) instead of the bare body. Request JSON on stdin, completion JSON on stdout.
"""
import gzip
import json
import sys


def main() -> None:
    path, rest = sys.argv[1], sys.argv[2:]
    wrong = set()
    fenced = "--fenced" in rest
    if "--wrong" in rest:
        wrong = set(rest[rest.index("--wrong") + 1].split(","))
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        problems = {p["task_id"]: p for p in map(json.loads, filter(str.strip, handle))}
    request = json.load(sys.stdin)
    problem = problems[request["task"]["id"]]
    body = "    raise RuntimeError('a deliberately wrong answer')\n" if problem["task_id"] in wrong else problem["canonical_solution"]
    answer = f"Here it is:\n```python\n{problem['prompt']}{body}```\n" if fenced else body
    json.dump({"completion": answer, "usage": {"input_tokens": 10, "output_tokens": 20}}, sys.stdout)


if __name__ == "__main__":
    main()
