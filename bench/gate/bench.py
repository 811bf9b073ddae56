#!/usr/bin/env python3
"""Gate benchmark (issue 4): figures, not a pass/fail test.

Synthesizes baseline and candidate runs (5,000 tasks x 20 samples x 5 models per run = 500,000 records
each, 1,000,000 in all, 3 metrics), runs `codescore gate --results` on them and the peer
(bench/gate/peer.py: pandas + scipy, same tests, same resample counts) in the same invocation, and
reports wall time and peak RSS of both; then how codescore's time scales from 10k to 1M records.
Targets: codescore <= 3 s, >= 10x faster than the peer, <= 1 GiB RSS.

Usage: bench/gate/bench.py [--codescore .build/release/codescore] [--python .venv/bin/python] [--skip-peer]
"""
import argparse, os, resource, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from synth import synthesize  # noqa: E402

def measure(argv):
    """Wall seconds and peak RSS (MiB) of one child process, via wait4's rusage."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace")
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, code, stderr

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--codescore", default=".build/release/codescore")
    parser.add_argument("--python", default=".venv/bin/python")
    parser.add_argument("--skip-peer", action="store_true")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="codescore-gate-bench-")
    try:
        print("scaling (codescore gate --results, records = both runs together):")
        for tasks, samples, models in [(250, 20, 1), (2500, 20, 1), (5000, 20, 2), (5000, 20, 5)]:
            folder = os.path.join(scratch, f"{tasks}x{samples}x{models}")
            synthesize(folder, tasks, samples, models)
            records = 2 * tasks * samples * models
            seconds, rss, code, err = measure([args.codescore, "gate", "--baseline", os.path.join(folder, "baseline.jsonl"),
                                               "--results", os.path.join(folder, "run"), "--gate-json", os.path.join(folder, "gate.json")])
            if code not in (0, 1, 2):
                sys.exit(f"codescore failed ({code}): {err[-2000:]}")
            print(f"  {records:>9,} records: {seconds:7.2f} s, peak RSS {rss:7.1f} MiB (exit {code})")
            last = (folder, seconds, rss, records)
        folder, seconds, rss, records = last
        print(f"\n{records:,} records, 3 metrics, 5 models: codescore {seconds:.2f} s (target <= 3 s: "
              f"{'OK' if seconds <= 3 else 'MISSED'}), peak RSS {rss:.0f} MiB (target <= 1024: {'OK' if rss <= 1024 else 'MISSED'})")
        if not args.skip_peer:
            peer_s, peer_rss, code, err = measure([args.python, os.path.join(HERE, "peer.py"), os.path.join(folder, "baseline.jsonl"),
                                                   os.path.join(folder, "run", "results.jsonl")])
            if code != 0:
                sys.exit(f"peer failed ({code}): {err[-2000:]}")
            ratio = peer_s / seconds
            print(f"peer (pandas + scipy): {peer_s:.2f} s, peak RSS {peer_rss:.0f} MiB; codescore is {ratio:.1f}x faster "
                  f"(target >= 10x: {'OK' if ratio >= 10 else 'MISSED'})")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

if __name__ == "__main__":
    main()
