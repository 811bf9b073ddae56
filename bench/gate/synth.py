"""Synthesizes a baseline and a candidate run for the gate benchmark (deterministic, seeded).

tasks x samples x models records per run, each with 3 metrics (tests.pass, tests.fraction,
judge.overall); the candidate drops one model's pass rate a little so every code path runs."""
import json, os, random, sys

def synthesize(folder, tasks, samples, models, seed=7):
    rng = random.Random(seed)
    rates = [0.2 + 0.6 * rng.random() for _ in range(tasks)]
    os.makedirs(os.path.join(folder, "run"), exist_ok=True)
    header = {"created_at": "2026-11-25T00:00:00.000Z", "kind": "codescore-baseline", "models": [],
              "schema_version": 1, "tasks": {}, "tool_version": "0.1.0"}
    template = ('{{"attempts":1,"benchmark":"builtin","cached":false,"category":"{cat}","created_at":"2026-11-25T00:00:00.000Z",'
                '"model":"{model}","run_id":"{run}","sample":{sample},"schema_version":1,'
                '"scores":{{"judge.overall":{judge},"tests.fraction":{fraction},"tests.pass":{passed}}},'
                '"status":"ok","task":"t{task:05d}","task_hash":"h{task:05d}"}}\n')
    cats = ["backend", "frontend", "testing"]
    for name, path, shift in (("baseline", os.path.join(folder, "baseline.jsonl"), 0.0),
                              ("candidate", os.path.join(folder, "run", "results.jsonl"), -0.02)):
        with open(path, "w") as out:
            if name == "baseline":
                out.write(json.dumps(header) + "\n")
            for m in range(models):
                model = f"model-{m}"
                delta = shift if m == 0 else 0.0
                for task in range(tasks):
                    for sample in range(samples):
                        p = rates[task] + delta
                        passed = 1 if rng.random() < p else 0
                        fraction = round(min(1.0, max(0.0, p + rng.gauss(0, 0.1))), 3)
                        judge = min(10, max(0, round(p * 10 + rng.gauss(0, 1.5))))
                        out.write(template.format(cat=cats[task % 3], model=model, run=name, sample=sample, judge=judge,
                                                  fraction=fraction, passed=passed, task=task))

if __name__ == "__main__":
    folder, tasks, samples, models = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    synthesize(folder, tasks, samples, models)
