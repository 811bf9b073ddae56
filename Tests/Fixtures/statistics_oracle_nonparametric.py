#!/usr/bin/env python3
"""Oracle values from scipy 1.17 for CodescoreStatistics' Nonparametric tests.

Prints one JSON document. Every float is written as a string (Python's shortest round-trip repr, or "nan",
"inf", "-inf"): Foundation's JSONSerialization on Linux parses JSON numbers with errors of a few ulps, which
would break the exact ties the tests depend on, while Swift's Double(String) is correctly rounded.

Sections:
  wilcoxon       datasets of differences and a grid of (zero_method, correction, alternative, method) cases;
                 auto cases also list which explicit methods reproduce scipy's auto p-value ("auto_matches").
  mannwhitneyu   datasets of (x, y) and a grid of (use_continuity, alternative, method) cases, with auto_matches.
  permutation    exact sign-flip p-values (n = 8, 15 from scipy.stats.permutation_test; n = 20 from a NumPy
                 replica of scipy's exact computation, checked here against scipy at n = 15 because scipy needs
                 seconds for 2^20), and a Monte-Carlo case (n = 40) with scipy's Monte-Carlo p-value and the
                 exact p-value by meet-in-the-middle enumeration.
  bootstrap      a skewed sample; scipy's bootstrap distribution for a fixed rng (so the interval computed from
                 that distribution is deterministic) with its intervals, acceleration and bias correction; and
                 reference intervals from 200,000 resamples for the statistical comparison.
"""
import json
import math
import sys
import warnings

import numpy as np
from scipy import stats
from scipy.special import ndtri
from scipy.stats._resampling import _bca_interval, _percentile_of_score
from scipy.stats._wilcoxon import _wilcoxon_statistic

warnings.simplefilter("ignore")

ALTERNATIVES = ["two-sided", "less", "greater"]


def f(x):
    """A float as a string that round-trips exactly."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def fs(xs):
    return [f(x) for x in xs]


# ---------------------------------------------------------------- Wilcoxon signed-rank

# Datasets whose auto method is scipy's permutation test (ties or zeros, n <= 13). scipy evaluates that test with
# a non-vectorized statistic (~0.01-0.5 s per call), so these get a reduced grid to keep the fixture fast: every
# zero method two-sided, each one-sided alternative with zero_method="wilcox", and correction=True once (scipy
# ignores it there); ties_n13 (the boundary) gets a single case.
PERMUTATION_DATASETS = {"ties_n8", "zeros_ties_n8", "one_zero_n7", "ties_n13", "all_zero_n3"}


def wilcoxon_datasets():
    rng = np.random.default_rng(20240611)
    sets = {}
    # No ties, no zeros, n = 12: auto -> exact.
    sets["untied_n12"] = np.round(rng.normal(0.4, 1.0, 12), 6)
    # Ties in |d| (multiples of 1/4, including +x and -x), no zeros, n = 8: auto -> permutation, which differs
    # from both the exact and the asymptotic p-value for every alternative.
    sets["ties_n8"] = np.array([1, 2, 2, -3, 3, 4, -5, 6]) / 4
    # Zeros and ties, n = 8, differences of pass rates with k = 3 samples (multiples of 1/3): auto -> permutation.
    sets["zeros_ties_n8"] = np.array([1, 0, 2, -1, 0, 1, 3, -2]) / 3
    # One zero and no ties among the nonzero values, n = 7: auto -> permutation (a zero alone triggers it).
    sets["one_zero_n7"] = np.array([0.0, 0.3, -0.1, 0.7, 1.1, -0.45, 0.9])
    # Ties at the boundary: n = 13 -> permutation, n = 14 -> asymptotic.
    base = np.array([1, 2, 2, -3, 4, -4, 5, -1, 6, 7, 3, 8, 2, 9]) / 4
    sets["ties_n13"] = base[:13]
    sets["ties_n14"] = base
    # Zeros and ties, n = 20, k = 4 pass-rate differences: auto -> asymptotic.
    sets["zeros_ties_n20"] = np.array([1, 0, 2, -1, 0, 1, 3, 2, -2, 1, 0, 2, 4, -1, 1, 0, 2, 3, -3, 1]) / 4
    # No ties, n = 30: auto -> exact (and asymptotic differs).
    sets["untied_n30"] = np.round(rng.normal(0.3, 1.0, 30), 6)
    # No ties, n = 60: auto -> asymptotic (n > 50).
    sets["untied_n60"] = np.round(rng.normal(0.2, 1.0, 60), 6)
    # Many zeros: pratt and zsplit differ clearly from wilcox.
    sets["many_zeros_n16"] = np.array([0, 0, 0, 0, 1, 2, -1, 3, 2, 0, 1, 4, -2, 1, 0, 5]) / 5
    # Degenerate inputs.
    sets["all_zero_n3"] = np.zeros(3)
    sets["single_n1"] = np.array([1.0])
    return sets


def wilcoxon_permutation_replica(d, zero_method, alternative):
    """scipy's auto permutation branch (permutation_test of r+ over sign flips, 9,999 resamples, which is every
    pattern for n <= 13) with the statistic vectorized; used only to label which method auto chose."""
    statistic = lambda x, axis: _wilcoxon_statistic(np.moveaxis(x, axis, -1), "auto", zero_method, xp=np)[0]
    return stats.permutation_test((d,), statistic, vectorized=True, permutation_type="samples",
                                  n_resamples=9999, alternative=alternative).pvalue


def wilcoxon_section():
    sets = wilcoxon_datasets()
    cases = []
    for name, d in sets.items():
        for zero_method in ["wilcox", "pratt", "zsplit"]:
            for correction in [False, True]:
                for alternative in ALTERNATIVES:
                    if name in PERMUTATION_DATASETS:
                        if name == "ties_n13":  # 2^13 patterns: ~0.5 s per scipy call, so one case only
                            keep = (zero_method, correction, alternative) == ("wilcox", False, "two-sided")
                        else:
                            keep = ((zero_method == "wilcox" or alternative == "two-sided")
                                    and (not correction or (zero_method, alternative) == ("wilcox", "less")))
                        if not keep:
                            continue
                    results = {}
                    for method in ["auto", "exact", "asymptotic"]:
                        res = stats.wilcoxon(d, zero_method=zero_method, correction=correction,
                                             alternative=alternative, method=method)
                        results[method] = res
                        case = {"data": name, "zero_method": zero_method, "correction": correction,
                                "alternative": alternative, "method": method,
                                "statistic": f(res.statistic), "pvalue": f(res.pvalue)}
                        if hasattr(res, "zstatistic"):
                            case["zstatistic"] = f(res.zstatistic)
                        cases.append(case)
                    # Which methods reproduce scipy's auto p-value exactly?
                    candidates = {"exact": results["exact"].pvalue, "asymptotic": results["asymptotic"].pvalue}
                    if 2 <= d.size <= 13:
                        candidates["permutation"] = wilcoxon_permutation_replica(d, zero_method, alternative)
                    auto_p = results["auto"].pvalue
                    cases[-3]["auto_matches"] = [m for m, p in candidates.items()
                                                 if p == auto_p or (math.isnan(p) and math.isnan(auto_p))]
    return {"datasets": {k: fs(v) for k, v in sets.items()}, "cases": cases}


# ---------------------------------------------------------------- Mann-Whitney U

def mwu_datasets():
    rng = np.random.default_rng(7)
    sets = {}
    sets["small_untied_5_4"] = ([19, 22, 16, 29, 24], [20, 11, 17, 12])  # scipy's docstring example
    sets["small_ties_6_7"] = ([1, 2, 2, 3, 5, 5], [2, 3, 4, 4, 6, 7, 7])
    sets["large_untied_12_15"] = (np.round(rng.normal(0.5, 1, 12), 6), np.round(rng.normal(0, 1, 15), 6))
    sets["mixed_untied_6_30"] = (np.round(rng.normal(0.8, 1, 6), 6), np.round(rng.normal(0, 1, 30), 6))
    sets["large_ties_20_25"] = (np.array([0, 1, 2, 3, 3, 2, 1, 3, 3, 2, 3, 1, 2, 3, 3, 2, 0, 3, 2, 3]) / 3,
                                np.array([0, 1, 1, 2, 0, 3, 1, 2, 1, 0, 2, 1, 3, 1, 2, 0, 1, 2, 1, 1, 3, 0, 2,
                                          1, 2]) / 3)
    sets["all_tied_2_2"] = ([1.0, 1.0], [1.0, 1.0])
    sets["extreme_8_9"] = (list(range(10, 18)), list(range(0, 9)))
    return {k: (np.asarray(x, float), np.asarray(y, float)) for k, (x, y) in sets.items()}


def mwu_section():
    sets = mwu_datasets()
    cases = []
    for name, (x, y) in sets.items():
        for use_continuity in [True, False]:
            for alternative in ALTERNATIVES:
                results = {}
                for method in ["auto", "exact", "asymptotic"]:
                    res = stats.mannwhitneyu(x, y, use_continuity=use_continuity, alternative=alternative,
                                             method=method)
                    results[method] = res
                    cases.append({"data": name, "use_continuity": use_continuity, "alternative": alternative,
                                  "method": method, "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
                auto_p = results["auto"].pvalue
                cases[-3]["auto_matches"] = [m for m in ["exact", "asymptotic"]
                                             if results[m].pvalue == auto_p
                                             or (math.isnan(auto_p) and math.isnan(results[m].pvalue))]
    return {"datasets": {k: {"x": fs(x), "y": fs(y)} for k, (x, y) in sets.items()}, "cases": cases}


# ---------------------------------------------------------------- sign-flip permutation test

def scipy_sign_flip(d, alternative, n_resamples=np.inf, rng=None):
    return stats.permutation_test((d,), lambda x, axis: np.mean(x, axis=axis), permutation_type="samples",
                                  n_resamples=n_resamples, alternative=alternative, rng=rng)


def replica_exact_sign_flip(d):
    """scipy's exact 'samples' p-value (same statistic np.mean, same 100·eps tolerance, same counting),
    enumerating the 2^n sign patterns with NumPy in chunks instead of itertools."""
    d = np.asarray(d, float)
    n = d.size
    observed = np.mean(d)
    gamma = abs(np.finfo(float).eps * 100 * observed)
    less = greater = 0
    chunk = 1 << 16
    bits = np.arange(n)
    for start in range(0, 1 << n, chunk):
        patterns = np.arange(start, min(start + chunk, 1 << n))
        signs = 1 - 2 * ((patterns[:, None] >> bits) & 1)
        null = np.mean(signs * d, axis=-1)
        less += np.count_nonzero(null <= observed + gamma)
        greater += np.count_nonzero(null >= observed - gamma)
    total = float(1 << n)
    p = {"less": less / total, "greater": greater / total}
    p["two-sided"] = min(2 * min(p["less"], p["greater"]), 1.0)
    return p


def meet_in_the_middle_exact(d):
    """Exact sign-flip p-value for larger n: sorted half sums and searchsorted."""
    d = np.asarray(d, float)
    n = d.size
    h = n // 2

    def half(v):
        sums = np.zeros(1)
        for x in v:
            sums = np.concatenate([sums + x, sums - x])
        return np.sort(sums)

    a, b = half(d[:h]), half(d[h:])
    s = d.sum()
    tol = 1e-9 * np.abs(d).sum()
    less = np.searchsorted(b, s + tol - a, side="right").sum()
    greater = (b.size - np.searchsorted(b, s - tol - a, side="left")).sum()
    total = float(1 << n)
    p = {"less": less / total, "greater": greater / total}
    p["two-sided"] = min(2 * min(p["less"], p["greater"]), 1.0)
    return p


def permutation_section():
    rng = np.random.default_rng(99)
    exact = []
    # n = 8, multiples of 1/4 with ties in |d| (and +x/-x pairs).
    d8 = np.array([0.25, -0.25, 0.5, 0.75, 0.5, -0.5, 1.0, 0.25])
    # n = 15, pass-rate differences with k = 3 (multiples of 1/3, not dyadic), ties in |d| and a zero.
    d15 = np.array([1, -1, 2, 0, 1, 3, -2, 2, 1, -1, 1, 2, -3, 1, 2]) / 3
    # n = 12, continuous values, and a case whose observed mean is negative.
    d12 = np.round(rng.normal(-0.2, 0.6, 12), 4)
    for name, d in [("ties_n8", d8), ("thirds_n15", d15), ("continuous_n12", d12)]:
        replica = replica_exact_sign_flip(d)
        for alternative in ALTERNATIVES:
            res = scipy_sign_flip(d, alternative)
            assert replica[alternative] == res.pvalue, (name, alternative, replica, res.pvalue)
            exact.append({"name": name, "d": fs(d), "alternative": alternative,
                          "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
    # n = 20 from the replica (scipy itself takes seconds for 2^20 patterns).
    d20 = np.array([3, -1, 2, 2, -2, 1, 4, 0, 1, -3, 2, 1, 3, -1, 2, 1, -2, 1, 0, 2]) / 4
    replica = replica_exact_sign_flip(d20)
    for alternative in ALTERNATIVES:
        exact.append({"name": "quarters_n20", "d": fs(d20), "alternative": alternative,
                      "statistic": f(np.mean(d20)), "pvalue": f(replica[alternative])})

    # Monte-Carlo, n = 40: the exact p-value for each alternative, and scipy's two-sided Monte-Carlo p-value
    # (20,000 resamples; one alternative keeps the fixture fast).
    d40 = np.round(np.random.default_rng(15).normal(0.12, 0.5, 40), 4)  # t ≈ 1.8: p-values of a few percent
    exact40 = meet_in_the_middle_exact(d40)
    scipy40 = scipy_sign_flip(d40, "two-sided", n_resamples=20_000, rng=np.random.default_rng(5))
    monte_carlo = {"d": fs(d40), "statistic": f(scipy40.statistic),
                   "exact_pvalue": {a: f(exact40[a]) for a in ALTERNATIVES},
                   "scipy_two_sided_pvalue": f(scipy40.pvalue), "scipy_resamples": 20_000}
    return {"exact": exact, "monte_carlo": monte_carlo}


# ---------------------------------------------------------------- bootstrap

def bootstrap_section():
    rng = np.random.default_rng(314)
    # A right-skewed sample of paired differences (log-normal shifted), n = 20.
    d = np.round(rng.lognormal(0.0, 1.0, 20) - 1.2, 6)
    deterministic = []
    n_small = 2000
    for method in ["BCa", "percentile"]:
        for confidence_level in [0.95, 0.90]:
            for alternative in ALTERNATIVES:
                res = stats.bootstrap((d,), np.mean, method=method, n_resamples=n_small,
                                      confidence_level=confidence_level, alternative=alternative,
                                      rng=np.random.default_rng(11))
                deterministic.append({"method": method, "confidence_level": f(confidence_level),
                                      "alternative": alternative,
                                      "low": f(res.confidence_interval.low),
                                      "high": f(res.confidence_interval.high),
                                      "standard_error": f(res.standard_error)})
    distribution = stats.bootstrap((d,), np.mean, method="percentile", n_resamples=n_small,
                                   rng=np.random.default_rng(11)).bootstrap_distribution
    _, _, a_hat = _bca_interval((d,), lambda x, axis: np.mean(x, axis=axis), axis=-1, alpha=0.025,
                                theta_hat_b=distribution, batch=None, xp=np)
    z0 = ndtri(_percentile_of_score(distribution, np.mean(d), axis=-1, xp=np))

    reference = []
    n_large = 200_000
    for method in ["BCa", "percentile"]:
        for confidence_level in [0.95, 0.90]:
            res = stats.bootstrap((d,), np.mean, method=method, n_resamples=n_large,
                                  confidence_level=confidence_level, rng=np.random.default_rng(12))
            reference.append({"method": method, "confidence_level": f(confidence_level),
                              "low": f(res.confidence_interval.low), "high": f(res.confidence_interval.high),
                              "standard_error": f(res.standard_error)})
    return {"d": fs(d), "distribution": fs(distribution), "acceleration": f(a_hat), "bias_correction": f(z0),
            "deterministic": deterministic, "reference_resamples": n_large, "reference": reference}


def main():
    document = {
        "scipy": stats.__dict__.get("__version__", None) or __import__("scipy").__version__,
        "wilcoxon": wilcoxon_section(),
        "mannwhitneyu": mwu_section(),
        "permutation": permutation_section(),
        "bootstrap": bootstrap_section(),
    }
    json.dump(document, sys.stdout)


if __name__ == "__main__":
    main()
