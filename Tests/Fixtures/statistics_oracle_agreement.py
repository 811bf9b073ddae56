#!/usr/bin/env python3
"""Oracle values for the judge-calibration statistics (CodescoreStatistics.RaterAgreement).

Spearman's rho and Kendall's tau-b come from scipy.stats (1.17); quadratic-weighted Cohen's kappa and
Krippendorff's alpha are computed here from their textbook formulas (pairwise disagreements, not the
coincidence matrix the Swift code uses), so the two implementations are independent.
Prints one JSON document on stdout.
"""
import json
import random

import scipy
from scipy import stats


def qwk(a, b):
    """1 - sum_ij w_ij O_ij / sum_ij w_ij E_ij, w_ij = (i - j)^2, over every pair of items (E = marginal product / n)."""
    n = len(a)
    observed = sum((x - y) ** 2 for x, y in zip(a, b))
    expected = sum((x - y) ** 2 for x in a for y in b) / n
    return 1 - observed / expected


def alpha(units, metric):
    """Krippendorff's alpha from pairable values: D_o over within-unit pairs weighted 1/(m_u - 1),
    D_e over all pairs of pairable values, both with the metric's delta^2."""
    pairable = [[v for v in unit if v is not None] for unit in units]
    pairable = [u for u in pairable if len(u) >= 2]
    values = [v for u in pairable for v in u]
    n = len(values)
    counts = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    ordered = sorted(counts)

    def delta(c, k):
        if metric == "interval":
            return (c - k) ** 2
        lo, hi = sorted((ordered.index(c), ordered.index(k)))
        between = sum(counts[ordered[g]] for g in range(lo, hi + 1)) - (counts[c] + counts[k]) / 2
        return between ** 2

    d_o = 0.0
    for u in pairable:
        m = len(u)
        d_o += sum(delta(u[i], u[j]) for i in range(m) for j in range(m) if i != j) / (m - 1)
    d_o /= n
    d_e = sum(delta(values[i], values[j]) for i in range(n) for j in range(n) if i != j) / (n * (n - 1))
    return 1 - d_o / d_e


rng = random.Random(20261125)
human = [rng.randint(0, 10) for _ in range(25)]
judge = [min(10, max(0, h + rng.choice([-2, -1, 0, 0, 1, 3]))) for h in human]
coarse_h = [rng.choice([0, 5, 10]) for _ in range(30)]
coarse_j = [c if rng.random() < 0.7 else rng.choice([0, 5, 10]) for c in coarse_h]
pairs = {
    "noisy_0_10": (human, judge),
    "perfect": (human, human),
    "reversed": (human, [10 - h for h in human]),
    "coarse_ties": (coarse_h, coarse_j),
    "small": ([3, 7, 7, 2, 9], [4, 6, 8, 2, 7]),
}
document = {"scipy": scipy.__version__, "pairs": []}
for name, (a, b) in pairs.items():
    document["pairs"].append({
        "name": name, "a": a, "b": b,
        "spearman": float(stats.spearmanr(a, b).statistic),
        "kendall_tau_b": float(stats.kendalltau(a, b).statistic),
        "qwk": qwk(a, b),
        "alpha_interval": alpha([[x, y] for x, y in zip(a, b)], "interval"),
        "alpha_ordinal": alpha([[x, y] for x, y in zip(a, b)], "ordinal"),
        "mae": sum(abs(x - y) for x, y in zip(a, b)) / len(a),
    })
# Three raters with missing ratings (a unit rated once does not count).
units = [[rng.choice([None, 1, 2, 3, 4, 5]) for _ in range(3)] for _ in range(20)]
units.append([4, None, None])
document["multi_rater"] = {
    "units": units,
    "alpha_interval": alpha(units, "interval"),
    "alpha_ordinal": alpha(units, "ordinal"),
}
print(json.dumps(document))
