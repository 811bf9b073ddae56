#!/usr/bin/env python3
"""The dashboard on a large run: site size, time to write it, and first paint in headless Chromium.

    python3 bench/dashboard/bench.py --codescore .build/release/codescore [--tasks 10000 --models 3 --samples 1] [--rounds 3]

Writes a synthetic run with make_run.py (templated answers of 600-900 characters, execution tails,
a judge on every 10th sample), has `codescore dashboard` compare it with its baseline, then loads the
overview, the task table and a drill-down page in headless Chromium (Tests/Fixtures/chromium_probe.py)
`--rounds` times and prints the median first contentful paint. Targets (issue 8): < 15 MB, < 2 s.
"""
import argparse
import base64
import gzip
import json
import re
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--codescore", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--models", type=int, default=3)
    parser.add_argument("--samples", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run = pathlib.Path(scratch)
        subprocess.run([sys.executable, str(ROOT / "bench/dashboard/make_run.py"), "--tasks", str(args.tasks), "--models",
                        str(args.models), "--samples", str(args.samples), "--out", str(run)], check=True, stdout=subprocess.DEVNULL)
        results = run / "candidate/results.jsonl"
        print(f"run: {args.tasks} tasks × {args.models} models × {args.samples} samples; results.jsonl "
              f"{results.stat().st_size / 1e6:.1f} MB, baseline {(run / 'baseline.jsonl').stat().st_size / 1e6:.1f} MB")
        site = run / "site"
        started = time.monotonic()
        subprocess.run([args.codescore, "dashboard", "--results", str(run / "candidate"), "--baseline", str(run / "baseline.jsonl"),
                        "--out", str(site)], check=True, stderr=subprocess.DEVNULL)
        wall = time.monotonic() - started
        gate_started = time.monotonic()
        subprocess.run([args.codescore, "gate", "--results", str(run / "candidate"), "--baseline", str(run / "baseline.jsonl")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        gate_wall = time.monotonic() - gate_started
        files = [path for path in site.rglob("*") if path.is_file()]
        total = sum(path.stat().st_size for path in files)
        sizes = {name: (site / name).stat().st_size for name in ("index.html", "tasks.html")}
        samples = [path.stat().st_size for path in files if path.parent.name == "samples"]
        packed = unpacked = 0
        for path in files:
            if path.parent.name == "samples":
                data = base64.b64decode(re.search(r'id="sample-data">([^<]*)</script>', path.read_text()).group(1))
                packed += len(data)
                unpacked += len(gzip.decompress(data))
        print(f"drill-down data: {unpacked / 1e6:.1f} MB of JSON, {packed / 1e6:.2f} MB gzip ({unpacked / max(packed, 1):.1f}×; "
              "the synthetic answers are templated and compress far better than real ones)")
        # A pessimistic projection: drill-down data that compresses only as well as 30 distinct real files.
        references = b"".join(path.read_bytes() for path in sorted(ROOT.glob("tasks/*/*/reference/**/*")) if path.is_file())
        real_ratio = len(references) / len(gzip.compress(references, 9))
        projected = total - sum(samples) + unpacked / real_ratio * 4 / 3
        print(f"projection: if the answers compressed only {real_ratio:.1f}× (gzip on the built-in tasks' 30 distinct reference "
              f"files), the site would be about {projected / 1e6:.1f} MB")
        print(f"codescore dashboard (with the comparison): {wall:.2f} s wall; the gate alone on the same files: {gate_wall:.2f} s")
        print(f"site: {len(files)} files, {total / 1e6:.2f} MB (target < 15 MB): index.html {sizes['index.html'] / 1e3:.0f} kB, "
              f"tasks.html {sizes['tasks.html'] / 1e6:.2f} MB, {len(samples)} drill-down pages of "
              f"{statistics.median(samples) / 1e3:.0f} kB median")
        middle = args.tasks // 2
        pages = [{"url": (site / "index.html").as_uri()},
                 {"url": (site / "tasks.html").as_uri(), "wait_for": "html[data-ready]", "evals": ["performance.now()"]},
                 {"url": (site / "samples" / f"{middle // 100:04d}.html").as_uri() + f"#t{middle}", "wait_for": "html[data-ready]",
                  "evals": ["performance.now()"]}]
        spec = run / "spec.json"
        spec.write_text(json.dumps(pages))
        paints = {0: [], 1: [], 2: []}
        ready = {1: [], 2: []}
        for _ in range(args.rounds):
            probe = subprocess.run([sys.executable, str(ROOT / "Tests/Fixtures/chromium_probe.py"), "--chromium", args.chromium, "--no-dom",
                                    "--spec", str(spec)], check=True, capture_output=True, text=True)
            for index, page in enumerate(json.loads(probe.stdout)["pages"]):
                paints[index].append(page["paint"].get("first-contentful-paint", float("nan")))
                if index in ready:
                    ready[index].append(page["evals"][0]["value"])
        names = ["overview", "tasks table", "drill-down"]
        print(f"first contentful paint, median of {args.rounds} (target < 2000 ms): "
              + ", ".join(f"{names[i]} {statistics.median(paints[i]):.0f} ms" for i in paints))
        print("rendered by (the script's data-ready seen by the probe's polling; an upper bound): "
              + ", ".join(f"{names[i]} {statistics.median(ready[i]):.0f} ms" for i in ready))
        verdict = total < 15e6 and all(statistics.median(values) < 2000 for values in paints.values())
        print("MEETS the targets" if verdict else "MISSES a target")


if __name__ == "__main__":
    main()
