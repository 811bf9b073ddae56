#!/usr/bin/env python3
"""Sandbox benchmark (issue 3): figures, not a pass/fail test.

(a) Per-execution overhead: the median wall time of `/bin/true` run through codescore's bubblewrap
    sandbox, against the same command unsandboxed (a plain fork/exec from this script, the peer), and
    against codescore's --unsafe-no-sandbox path (its launcher without namespaces). Target: sandbox
    minus plain <= 15 ms.
(b) The built-in suite's reference solutions, every check (mutants included), through
    `codescore run --models reference --samples 1 --jobs <cores>`, sandboxed vs --unsafe-no-sandbox.
    Target: wall-time ratio <= 1.3.

Usage: bench/sandbox/bench.py [--codescore .build/release/codescore] [--runs 200]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

def per_run_ms(codescore, runs, unsafe):
    argv = [codescore, "sandbox", "--json", "--repeat", str(runs)] + (["--unsafe-no-sandbox"] if unsafe else []) + ["--", "/bin/true"]
    out = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    return [json.loads(line)["duration_ms"] for line in out.splitlines() if line.strip()]

def plain_ms(runs):
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["/bin/true"], check=True)
        durations.append((time.perf_counter() - start) * 1000)
    return durations

def suite_seconds(codescore, unsafe):
    out = tempfile.mkdtemp(prefix="codescore-bench-")
    try:
        argv = [codescore, "run", "--models", "reference", "--samples", "1", "--no-cache", "--quiet",
                "--jobs", str(os.cpu_count()), "--out", out] + (["--unsafe-no-sandbox"] if unsafe else [])
        start = time.perf_counter()
        result = subprocess.run(argv, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"codescore run failed ({result.returncode}): {result.stderr[-2000:]}")
        records = [json.loads(line) for line in open(os.path.join(out, "results.jsonl"))]
        passed = sum(1 for r in records if r.get("passed"))
        for r in records:
            if not r.get("passed"):
                checks = [c for c in (r.get("execution") or {}).get("checks", []) if c.get("outcome") != "passed"]
                detail = checks[0].get("detail", "") + " " + (checks[0].get("stderr_tail") or checks[0].get("stdout_tail") or "")[-200:] if checks else ""
                print(f"    not passed ({'unsandboxed' if unsafe else 'bubblewrap'}): {r['task']}: {detail!r}")
        return elapsed, passed, len(records)
    finally:
        shutil.rmtree(out, ignore_errors=True)

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--codescore", default=".build/release/codescore")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()

    plain = statistics.median(plain_ms(args.runs))
    unsafe = statistics.median(per_run_ms(args.codescore, args.runs, unsafe=True))
    sandboxed = statistics.median(per_run_ms(args.codescore, args.runs, unsafe=False))
    overhead = sandboxed - plain
    print(f"(a) /bin/true, median of {args.runs}: plain fork/exec {plain:.2f} ms · codescore unsandboxed {unsafe:.2f} ms · "
          f"codescore bubblewrap {sandboxed:.2f} ms")
    print(f"    sandbox overhead vs plain: {overhead:.2f} ms (target <= 15 ms) {'OK' if overhead <= 15 else 'MISSED'}")

    unsafe_s, unsafe_passed, total = suite_seconds(args.codescore, unsafe=True)
    sandbox_s, sandbox_passed, _ = suite_seconds(args.codescore, unsafe=False)
    ratio = sandbox_s / unsafe_s
    print(f"(b) {total} reference solutions, all checks, {os.cpu_count()} workers: unsandboxed {unsafe_s:.1f} s "
          f"({unsafe_passed} passed) · bubblewrap {sandbox_s:.1f} s ({sandbox_passed} passed)")
    print(f"    ratio sandboxed/unsandboxed: {ratio:.2f} (target <= 1.3) {'OK' if ratio <= 1.3 else 'MISSED'}")

if __name__ == "__main__":
    main()
