"""Oracle values for the parametric part of CodescoreStatistics (ParametricOracleTests.swift).

Prints one JSON document: named lists of cases, each with its inputs and the expected outputs computed by
scipy 1.17 / numpy (independent implementations; Holm, the clustered standard errors of Miller (2024) and the
power formulas are written out by hand here). Non-finite numbers are written as the strings "inf", "-inf", "nan".
"""
import json
import math
import sys
import warnings
from decimal import Decimal, getcontext

import numpy as np
import scipy
from scipy import special, stats


def enc(x):
    """JSON-safe numbers: floats keep full precision (repr round-trips), non-finite become strings."""
    if isinstance(x, (list, tuple)):
        return [enc(v) for v in x]
    if isinstance(x, np.ndarray):
        return [enc(v) for v in x.tolist()]
    if isinstance(x, dict):
        return {k: enc(v) for k, v in x.items()}
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return x
    return x


warnings.filterwarnings("ignore")  # scipy warns on the deliberately degenerate cases (constant data)
rng = np.random.default_rng(20241101)
out = {"scipy": scipy.__version__, "numpy": np.__version__}

# --- Student t: cdf, sf, pdf over df 1..1e6 and |t| ≤ 50; ppf for p in 1e-12 .. 1 − 1e-12 ----------------------
# scipy's t functions (Boost) are used as they are, with two corrections where they fall short of 1e-10:
# - df = 1 and 2 use the closed forms (scipy's cdf at df=1, t=±1e-8 is off by 1.5e-9);
# - quantiles are polished by Newton steps on the smaller of the tail P(T > t) (scipy's t.sf) and the centre
#   P(0 < T < t) = ½·I_{t²/(ν+t²)}(½, ν/2) (scipy.special.betainc): scipy's stdtrit is ~1e-4 relative off at
#   p = 0.5 ± 1e-7 for df = 2.5.
def t_closed_form(df, t):
    """(cdf, sf, pdf) for df 1 and 2, without cancellation in either tail."""
    if df == 1:
        lower = math.atan2(1.0, -t) / math.pi if t < 0 else 0.5 + math.atan(t) / math.pi
        upper = math.atan2(1.0, t) / math.pi if t > 0 else 0.5 + math.atan(-t) / math.pi
        return lower, upper, 1 / (math.pi * (1 + t * t))
    s = math.sqrt(2 + t * t)
    small = 1 / (s * (s + abs(t)))  # P(T < −|t|)
    big = 0.5 + abs(t) / (2 * s)
    return (small, big, s ** -3) if t < 0 else (big, small, s ** -3)


def t_centre(df, t):
    """P(0 < T < t) for t ≥ 0, from the regularized incomplete beta function (no cancellation near t = 0)."""
    return 0.5 * special.betainc(0.5, df / 2, t * t / (df + t * t))


def t_quantile(df, p):
    if p == 0.5:
        return 0.0
    q = min(p, 1 - p)
    if df == 1:
        x = 1 / math.tan(math.pi * q) if q <= 0.25 else math.tan(math.pi * (0.5 - q))
    elif df == 2:
        x = (1 - 2 * q) / math.sqrt(2 * q * (1 - q))
    else:
        x = abs(stats.t.ppf(p, df))
        central = q > 0.25
        target = 0.5 - q if central else q
        for _ in range(6):
            if central:
                step = (t_centre(df, x) - target) / stats.t.pdf(x, df)
            else:
                step = (target - stats.t.sf(x, df)) / stats.t.pdf(x, df)
            x -= step
            if abs(step) <= 1e-16 * x:
                break
    return -x if p < 0.5 else x


t_dfs = [1, 2, 3, 2.5, 4, 5, 7.5, 10, 30, 100, 1000, 1e6]
t_values = [-50, -37.5, -20, -10, -5, -3, -2, -1.5, -1, -0.5, -0.1, -1e-8, 0, 1e-8, 0.1, 0.5, 1, 1.5, 2, 3, 5, 10, 20, 37.5, 50]
t_cdf_cases = []
for df in t_dfs:
    for t in t_values:
        cdf, sf, pdf = stats.t.cdf(t, df), stats.t.sf(t, df), stats.t.pdf(t, df)
        if df in (1, 2):
            exact = t_closed_form(df, t)
            assert all(abs(a - b) <= 1e-8 * abs(b) for a, b in zip((cdf, sf, pdf), exact)), (df, t)
            cdf, sf, pdf = exact
        t_cdf_cases.append({"df": df, "t": t, "cdf": cdf, "sf": sf, "pdf": pdf})
out["t_cdf"] = t_cdf_cases
t_ps = [1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-3, 0.01, 0.025, 0.05, 0.1, 0.25, 0.3, 0.4, 0.49, 0.4999999, 0.5,
        0.5000001, 0.6, 0.75, 0.9, 0.95, 0.975, 0.99, 0.999, 1 - 1e-6, 1 - 1e-8, 1 - 1e-10, 1 - 1e-12]
t_ppf_cases = []
for df in t_dfs:
    for p in t_ps:
        x = t_quantile(df, p)
        assert abs(x - stats.t.ppf(p, df)) <= 1e-3 * abs(x), (df, p)
        t_ppf_cases.append({"df": df, "p": p, "ppf": x})
out["t_ppf"] = t_ppf_cases
# Upper-tail critical values for tiny tail probabilities (t.isf), used by one-sided tests.
out["t_isf"] = [{"df": df, "q": q, "isf": -t_quantile(df, q)} for df in [1, 3, 9, 29, 1e6] for q in [1e-15, 1e-12, 1e-6, 0.05]]

# --- Special functions -------------------------------------------------------------------------------------------
beta_pairs = [(0.5, 0.5), (1, 1), (2.5, 7), (12.5, 3), (1, 10), (10, 1), (50, 50), (100, 900), (1, 1e5), (5e5, 0.5),
              (1e4, 1e4), (1e6, 1e6)]
# scipy.special.betaln loses ~1e-11 at (1, 1e5); log B comes from a 60-digit Stirling series instead.
getcontext().prec = 60
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
BERNOULLI = [(1, 6), (-1, 30), (1, 42), (-1, 30), (5, 66), (-691, 2730), (7, 6), (-3617, 510), (43867, 798),
             (-174611, 330), (854513, 138), (-236364091, 2730)]  # B2, B4, …, B24


def log_gamma_precise(x):
    x = Decimal(x)  # exact
    shift = Decimal(0)
    while x < 40:
        shift += x.ln()
        x += 1
    total = (x - Decimal("0.5")) * x.ln() - x + (2 * PI).ln() / 2
    for k, (num, den) in enumerate(BERNOULLI, start=1):
        total += Decimal(num) / Decimal(den) / (2 * k * (2 * k - 1) * x ** (2 * k - 1))
    return total - shift


assert abs(float(log_gamma_precise(10)) - math.log(362880)) < 1e-15
assert abs(float(log_gamma_precise(0.5)) - 0.5 * math.log(math.pi)) < 1e-15
out["log_beta"] = [{"a": a, "b": b, "value": float(log_gamma_precise(a) + log_gamma_precise(b) - log_gamma_precise(a + b)),
                    "scipy": special.betaln(a, b)} for a, b in beta_pairs]
out["incomplete_beta"] = [
    {"a": a, "b": b, "x": x, "lower": special.betainc(a, b, x), "upper": special.betaincc(a, b, x)}
    for a, b in [(0.5, 0.5), (2.5, 7), (12.5, 3), (1, 10), (100, 900), (1e4, 1e4), (5e5, 0.5)]
    for x in [1e-12, 1e-4, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 0.999999]
]

# --- Beta quantile (Clopper–Pearson) -------------------------------------------------------------------------------
beta_ps = [1e-12, 1e-6, 0.005, 0.025, 0.3, 0.5, 0.975, 0.995, 1 - 1e-6]
out["beta_ppf"] = [
    {"a": a, "b": b, "p": p, "ppf": stats.beta.ppf(p, a, b), "isf": stats.beta.isf(p, a, b)}
    for a, b in [(1, 10), (5, 16), (0.5, 0.5), (2.5, 7), (10, 1), (100, 900), (1, 1e5), (50, 50), (1e4, 1e4)]
    for p in beta_ps
]

# --- Binomial pmf / cdf / sf -------------------------------------------------------------------------------------
binom_cases = []
for n, p in [(1, 0.5), (10, 0.3), (20, 0.5), (37, 0.9), (100, 0.01), (1000, 0.999), (12345, 0.3), (10**6, 0.5),
             (10**6, 1e-4), (10**6, 0.3)]:
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    ks = {0, n, 1, n - 1}
    for z in [-8, -3, -1, -0.1, 0, 0.1, 1, 3, 8]:
        k = int(round(mean + z * sd))
        if 0 <= k <= n:
            ks.add(k)
    for k in sorted(k for k in ks if 0 <= k <= n):
        binom_cases.append({"n": n, "p": p, "k": k, "pmf": stats.binom.pmf(k, n, p),
                            "cdf": stats.binom.cdf(k, n, p), "sf": stats.binom.sf(k, n, p)})
out["binom"] = binom_cases

# --- Exact binomial test ---------------------------------------------------------------------------------------------
binomtest_cases = []
for n, p in [(1, 0.5), (10, 0.5), (20, 0.3), (37, 0.3), (25, 0.9), (15, 0.1), (1000, 0.3), (999, 0.5), (10, 0.0), (10, 1.0)]:
    ks = sorted({0, 1, n // 3, n // 2, int(p * n), int(p * n) + 1, n - 1, n} & set(range(n + 1)))
    for k in ks:
        for alternative in ["two-sided", "less", "greater"]:
            r = stats.binomtest(k, n, p, alternative=alternative)
            binomtest_cases.append({"k": k, "n": n, "p": p, "alternative": alternative,
                                    "statistic": r.statistic, "pvalue": r.pvalue})
for k in range(0, 21):  # every k of an asymmetric two-sided test
    r = stats.binomtest(k, 20, 0.3)
    binomtest_cases.append({"k": k, "n": 20, "p": 0.3, "alternative": "two-sided", "statistic": r.statistic, "pvalue": r.pvalue})
out["binomtest"] = binomtest_cases

# --- Proportion confidence intervals -------------------------------------------------------------------------------
ci_cases = []
for n in [1, 10, 50, 1000]:
    for k in sorted({0, 1, 7 % (n + 1), n // 2, n - 1, n} & set(range(n + 1))):
        for method in ["exact", "wilson", "wilsoncc"]:
            for alternative in ["two-sided", "less", "greater"]:
                for level in [0.95, 0.9, 0.99]:
                    r = stats.binomtest(k, n, 0.5, alternative=alternative)
                    ci = r.proportion_ci(confidence_level=level, method=method)
                    case = {"k": k, "n": n, "method": method, "alternative": alternative,
                            "level": level, "low": ci.low, "high": ci.high}
                    if method == "exact":
                        # scipy finds these limits with brentq (xtol 2e-12, absolute); the Beta quantiles
                        # (Boost's ibeta_inv) give the same limits to full relative precision.
                        tail = (1 - level) / 2 if alternative == "two-sided" else 1 - level
                        low = 0.0 if k == 0 or alternative == "less" else stats.beta.ppf(tail, k, n - k + 1)
                        high = 1.0 if k == n or alternative == "greater" else stats.beta.isf(tail, k + 1, n - k)
                        assert abs(low - ci.low) < 4e-12 and abs(high - ci.high) < 4e-12, (case, low, high)
                        case.update({"low_beta": low, "high_beta": high})
                    ci_cases.append(case)
out["proportion_ci"] = ci_cases

# --- Paired t test and non-inferiority -------------------------------------------------------------------------------
def samples():
    yield "n5_normal", np.round(rng.normal(0.1, 1, 5), 6).tolist(), np.round(rng.normal(0, 1, 5), 6).tolist()
    yield "n12_scores", np.round(rng.uniform(0, 1, 12), 4).tolist(), np.round(rng.uniform(0, 1, 12), 4).tolist()
    yield "n40_shift", np.round(rng.normal(0.7, 0.2, 40), 5).tolist(), np.round(rng.normal(0.65, 0.2, 40), 5).tolist()
    yield "n200_binary", rng.integers(0, 2, 200).astype(float).tolist(), rng.integers(0, 2, 200).astype(float).tolist()
    yield "n2_tiny", [0.75, 0.25], [0.5, 0.5]
    yield "ties_and_zeros", [1, 1, 0, 0.5, 0.5, 1, 0, 1], [1, 0.5, 0, 0.5, 0, 1, 0, 0.5]
    yield "large_t", (np.arange(30) * 1e-3 + 5).tolist(), np.zeros(30).tolist()
    yield "negative", [0.2, 0.1, 0.3, 0.0, 0.15, 0.05], [0.5, 0.4, 0.45, 0.6, 0.5, 0.35]


ttest_cases, noninf_cases = [], []
for name, a, b in samples():
    d = (np.array(a) - np.array(b)).tolist()
    for alternative in ["two-sided", "less", "greater"]:
        for level in [0.95, 0.9]:
            r = stats.ttest_rel(a, b, alternative=alternative)
            ci = r.confidence_interval(confidence_level=level)
            ttest_cases.append({"name": name, "candidate": a, "baseline": b, "alternative": alternative, "level": level,
                                "statistic": r.statistic, "df": r.df, "pvalue": r.pvalue,
                                "mean": float(np.mean(d)), "se": float(np.std(d, ddof=1) / math.sqrt(len(d))),
                                "low": ci.low, "high": ci.high})
    for margin in [0.0, 0.02, 0.1, 0.5]:
        r = stats.ttest_1samp(d, popmean=-margin, alternative="greater")
        ci = r.confidence_interval(confidence_level=0.95)
        noninf_cases.append({"name": name, "differences": d, "margin": margin, "statistic": r.statistic, "df": r.df,
                             "pvalue": r.pvalue, "low": ci.low, "high": ci.high})
# Exact ties (all differences equal): scipy gives ±inf statistics and p of 0 or 1.
for d, margin in [([1.0, 1.0, 1.0], 0.5), ([-1.0, -1.0, -1.0, -1.0], 0.5)]:
    r = stats.ttest_1samp(d, popmean=-margin, alternative="greater")
    noninf_cases.append({"name": "constant", "differences": d, "margin": margin, "statistic": r.statistic, "df": r.df,
                         "pvalue": r.pvalue, "low": r.confidence_interval(0.95).low, "high": r.confidence_interval(0.95).high})
out["ttest_rel"] = ttest_cases
out["noninferiority"] = noninf_cases

# --- Sign test (zeros dropped; binomtest on the positives) -----------------------------------------------------------
sign_cases = []
for d in [[0.5, -0.25, 0, 1, 2, 0, 3, -1, 0.1, 0.2], [1, 1, 1, 1, 1, 1, 1], [-1, -2, 0, 0, -3], [0, 0, 0],
          np.round(rng.normal(0.1, 1, 60), 3).tolist(), [0.0, 1.0, -1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, -1.0, 1.0, 1.0]]:
    pos, neg = sum(1 for x in d if x > 0), sum(1 for x in d if x < 0)
    for alternative in ["two-sided", "less", "greater"]:
        p = 1.0 if pos + neg == 0 else stats.binomtest(pos, pos + neg, 0.5, alternative=alternative).pvalue
        sign_cases.append({"differences": d, "alternative": alternative, "positives": pos, "negatives": neg,
                           "zeros": len(d) - pos - neg, "pvalue": p})
out["sign_test"] = sign_cases

# --- McNemar exact (statsmodels mcnemar(exact=True) = binomtest(min(b, c), b + c, 0.5)) --------------------------
mcnemar_cases = []
for b, c in [(0, 0), (0, 5), (5, 0), (3, 3), (1, 9), (12, 30), (100, 130), (7, 8), (0, 1), (40, 2)]:
    stat = min(b, c)
    p = 1.0 if b + c == 0 else stats.binomtest(stat, b + c, 0.5).pvalue
    statsmodels_form = 1.0 if b + c == 0 else min(1.0, 2 * stats.binom.cdf(stat, b + c, 0.5))
    assert abs(p - statsmodels_form) <= 1e-12 * max(p, 1e-300), (b, c, p, statsmodels_form)
    mcnemar_cases.append({"b": b, "c": c, "statistic": stat, "pvalue": p})
out["mcnemar"] = mcnemar_cases

# --- Multiple testing ------------------------------------------------------------------------------------------------
def holm(ps):
    """Holm step-down, written out: sort ascending, multiply by (m − rank), running max, cap at 1."""
    ps = list(ps)
    m = len(ps)
    order = sorted(range(m), key=lambda i: (ps[i], i))
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * ps[i]))
        adjusted[i] = running
    return adjusted


families = [
    [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000],
    [0.04, 0.01, 0.04, 0.2, 0.03, 0.01, 0.9],
    [0.03],
    [0.0, 1.0, 0.5, 0.5],
    rng.uniform(0, 0.2, 25).tolist(),
    [0.02, 0.02, 0.02],
]
out["multiple_testing"] = [{"p": ps, "holm": holm(ps), "bh": stats.false_discovery_control(ps, method="bh")} for ps in families]

# --- Clustered standard errors (Miller 2024 eqs. 4 and 8), by explicit pair sums -------------------------------------
def clustered(scores, clusters):
    s = np.asarray(scores, dtype=float)
    n = len(s)
    mean = s.mean()
    se_clt2 = np.var(s, ddof=1) / n
    cross = 0.0
    for i in range(n):
        for j in range(n):
            if i != j and clusters[i] == clusters[j]:
                cross += (s[i] - mean) * (s[j] - mean)
    return {"mean": mean, "se_clt": math.sqrt(se_clt2), "se": math.sqrt(se_clt2 + cross / n**2),
            "clusters": len(set(clusters))}


cluster_cases = []
hand = clustered([1, 0, 1, 1], ["a", "a", "b", "b"])
assert abs(hand["se"] ** 2 - 0.046875) < 1e-15  # the worked example in ClusteredStandardError.swift
for name, scores, clusters in [
    ("hand", [1, 0, 1, 1], ["a", "a", "b", "b"]),
    ("singletons", np.round(rng.uniform(0, 1, 15), 3).tolist(), [f"c{i}" for i in range(15)]),
    ("binary_uneven", rng.integers(0, 2, 40).astype(float).tolist(), [f"c{i % 7 if i < 30 else 7 + i % 3}" for i in range(40)]),
    ("one_cluster", np.round(rng.normal(0.5, 0.2, 9), 4).tolist(), ["all"] * 9),
    ("correlated", (np.repeat(rng.normal(0, 1, 10), 6) + rng.normal(0, 0.3, 60)).round(5).tolist(), [f"g{i // 6}" for i in range(60)]),
]:
    cluster_cases.append({"name": name, "scores": scores, "labels": clusters, **clustered(scores, clusters)})
out["clustered_mean"] = cluster_cases

paired_cases = []
for name, size, groups in [("paired_small", 12, 4), ("paired_large", 90, 15)]:
    effect = np.repeat(rng.normal(0, 0.3, groups), size // groups)
    a = (0.6 + effect + rng.normal(0, 0.2, size)).round(4)
    b = (0.55 + 0.8 * effect + rng.normal(0, 0.2, size)).round(4)
    labels = [f"t{i // (size // groups)}" for i in range(size)]
    d = (a - b).tolist()
    paired_cases.append({"name": name, "candidate": a.tolist(), "baseline": b.tolist(), "labels": labels, **clustered(d, labels)})
out["clustered_paired"] = paired_cases

# --- Power, MDE and sample sizes (Miller 2024 eqs. 9–10) --------------------------------------------------------------
power_cases = []
for omega2, var_a, var_b, k_a, k_b, alpha, power, alternative in [
    (0.04, 0.2, 0.2, 4, 4, 0.05, 0.8, "greater"),
    (0.04, 0.2, 0.2, 4, 4, 0.05, 0.8, "two-sided"),
    (0.01, 0.25, 0.21, 1, 1, 0.05, 0.9, "greater"),
    (0.0, 0.09, 0.16, 10, 5, 0.01, 0.8, "two-sided"),
    (0.12, 0.05, 0.05, 3, 3, 0.1, 0.95, "greater"),
]:
    z_alpha = stats.norm.ppf(1 - alpha / 2) if alternative == "two-sided" else stats.norm.ppf(1 - alpha)
    multiplier = z_alpha + stats.norm.ppf(power)
    task_variance = omega2 + var_a / k_a + var_b / k_b
    for n, delta in [(100, 0.05), (37, 0.123), (1000, 0.0137)]:
        se = math.sqrt(task_variance / n)
        budget = n * delta**2 / multiplier**2 - omega2
        k_needed = None if budget <= 0 else max(1, math.ceil((var_a + var_b) / budget))
        power_cases.append({
            "omega2": omega2, "var_a": var_a, "var_b": var_b, "k_a": k_a, "k_b": k_b, "alpha": alpha, "power": power,
            "alternative": alternative, "n": n, "delta": delta, "task_variance": task_variance, "se": se,
            "mde": multiplier * se, "n_required": math.ceil(multiplier**2 * task_variance / delta**2),
            "n_required_exact": multiplier**2 * task_variance / delta**2,
            "k_required": k_needed, "achieved_power": stats.norm.cdf(delta / se - z_alpha),
        })
out["power"] = power_cases

components = []
for tasks, k_a, k_b, omega in [(8, 3, 3, 0.3), (30, 5, 4, 0.1), (5, 2, 2, 0.0)]:
    true_diff = rng.normal(0, omega, tasks) if omega > 0 else np.zeros(tasks)
    a = [(0.5 + true_diff[i] + rng.normal(0, 0.4, k_a)).round(3).tolist() for i in range(tasks)]
    b = [(0.5 + rng.normal(0, 0.3, k_b)).round(3).tolist() for i in range(tasks)]
    mean_a = np.array([np.mean(x) for x in a]); mean_b = np.array([np.mean(x) for x in b])
    var_a = np.array([np.var(x, ddof=1) for x in a]); var_b = np.array([np.var(x, ddof=1) for x in b])
    sampling = np.mean(var_a / np.array([len(x) for x in a]) + var_b / np.array([len(x) for x in b]))
    components.append({"candidate": a, "baseline": b, "omega2": max(0.0, np.var(mean_a - mean_b, ddof=1) - sampling),
                       "var_a": var_a.mean(), "var_b": var_b.mean()})
out["variance_components"] = components

json.dump(enc(out), sys.stdout, allow_nan=False)
