"""The peer: the gate's analysis done with pandas + scipy (same tests, same resample counts), for
bench/gate/bench.py. Reads the baseline and candidate JSONL, pairs task means per model x metric, runs
the non-inferiority test (paired t when n >= 30 and < half zeros, else sign-flip permutation), Wilcoxon
(Pratt) and sign test alongside, a BCa bootstrap CI, Holm across comparisons, and per-task Fisher exact /
Mann-Whitney tests with BH. Prints a JSON summary."""
import json, sys
import numpy as np
import pandas as pd
from scipy import stats

MARGINS = {"tests.pass": 0.05, "tests.fraction": 0.05, "judge.overall": 0.5}
ALPHA, RESAMPLES, SEED = 0.05, 10_000, 20261125

def load(path, skip_header):
    frame = pd.read_json(path, lines=True)
    if skip_header:
        frame = frame[frame.get("kind").isna()] if "kind" in frame else frame
    frame = frame[frame["status"] == "ok"]
    scores = pd.json_normalize(frame["scores"])
    scores.index = frame.index
    return pd.concat([frame[["model", "task", "task_hash", "sample"]], scores], axis=1)

def main():
    base, cand = load(sys.argv[1], True), load(sys.argv[2], False)
    rng = np.random.default_rng(SEED)
    results, p_reg = [], []
    for model in sorted(cand["model"].unique()):
        b, c = base[base["model"] == model], cand[cand["model"] == model]
        for metric, margin in MARGINS.items():
            if metric not in b or metric not in c:
                continue
            bm = b.groupby(["task", "task_hash"])[metric].mean()
            cm = c.groupby(["task", "task_hash"])[metric].mean()
            joined = pd.concat([bm.rename("b"), cm.rename("c")], axis=1, join="inner")
            d = (joined["c"] - joined["b"]).to_numpy()
            shifted = d + margin
            n = len(d)
            if n >= 30 and (d == 0).sum() * 2 < n and d.std() > 0:
                p_less = stats.ttest_1samp(d, -margin, alternative="less").pvalue
            else:
                p_less = stats.permutation_test((shifted,), np.mean, permutation_type="samples", alternative="less",
                                                n_resamples=RESAMPLES, random_state=rng).pvalue
            wilcoxon = stats.wilcoxon(shifted, zero_method="pratt", alternative="less").pvalue if np.any(shifted != 0) else 1.0
            sign = stats.binomtest(int((shifted > 0).sum()), int((shifted != 0).sum()), alternative="less").pvalue if np.any(shifted != 0) else 1.0
            ci = stats.bootstrap((d,), np.mean, method="BCa", n_resamples=RESAMPLES, confidence_level=0.9,
                                 random_state=rng).confidence_interval if d.std() > 0 else (d.mean(), d.mean())
            # Per-task flags on the k samples.
            flags = []
            bs = b.groupby("task")[metric].apply(np.asarray)
            cs = c.groupby("task")[metric].apply(np.asarray)
            for task in joined.index.get_level_values(0):
                x, y = cs[task], bs[task]
                if np.isin(np.concatenate([x, y]), [0, 1]).all():
                    table = [[int(x.sum()), int(len(x) - x.sum())], [int(y.sum()), int(len(y) - y.sum())]]
                    flags.append(stats.fisher_exact(table, alternative="less").pvalue)
                else:
                    flags.append(stats.mannwhitneyu(x, y, alternative="less").pvalue)
            adjusted = stats.false_discovery_control(flags, method="bh") if flags else []
            results.append({"model": model, "metric": metric, "n": n, "delta": float(d.mean()),
                            "ci": [float(ci[0]), float(ci[1])], "p_wilcoxon": float(wilcoxon), "p_sign": float(sign),
                            "regressed_tasks": int((np.asarray(adjusted) < ALPHA).sum())})
            p_reg.append(p_less)
    # Holm.
    order = np.argsort(p_reg)
    holm, running = np.empty(len(p_reg)), 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (len(p_reg) - rank) * p_reg[index]))
        holm[index] = running
    for result, p in zip(results, holm):
        result["p_regression_adjusted"] = float(p)
    print(json.dumps({"comparisons": len(results), "results": results}))

main()
