import Foundation

/// The exact binomial test, with scipy.stats.binomtest semantics.
public enum BinomialTest {
    /// Tests H0: success probability = `probability`, from `successes` out of `trials` (≥ 1).
    ///
    /// The statistic is the proportion k/n. One-sided p-values are binomial tails; the two-sided p-value is
    /// scipy's: the total probability of outcomes whose pmf is ≤ pmf(k)·(1 + 1e-7), found by binary search on
    /// the far side of the mode, capped at 1.
    public static func test(
        successes k: Int, trials n: Int, probability p: Double = 0.5, alternative: Alternative = .twoSided
    ) -> TestResult {
        precondition(n >= 1 && k >= 0 && k <= n, "need 0 ≤ successes ≤ trials and trials ≥ 1")
        precondition(p >= 0 && p <= 1, "probability must be in [0, 1]")
        let distribution = Binomial(trials: n, probability: p)
        let statistic = Double(k) / Double(n)
        switch alternative {
        case .less:
            return TestResult(statistic: statistic, pValue: distribution.cdf(k))
        case .greater:
            return TestResult(statistic: statistic, pValue: distribution.survival(k - 1))
        case .twoSided:
            let d = distribution.pmf(k)
            let relativeError = 1 + 1e-7
            let mean = p * Double(n)
            let pValue: Double
            if Double(k) == mean {
                pValue = 1
            } else if Double(k) < mean {
                // First index at or above the mode whose pmf is ≤ d·(1 + 1e-7).
                let ix = binarySearch(lo: Int(mean.rounded(.up)), hi: n, target: -d * relativeError) { -distribution.pmf($0) }
                let y = n - ix + (d * relativeError == distribution.pmf(ix) ? 1 : 0)
                pValue = distribution.cdf(k) + distribution.survival(n - y)
            } else {
                let ix = binarySearch(lo: 0, hi: Int(mean.rounded(.down)), target: d * relativeError) { distribution.pmf($0) }
                let y = ix + 1
                pValue = distribution.cdf(y - 1) + distribution.survival(k - 1)
            }
            return TestResult(statistic: statistic, pValue: min(1, pValue))
        }
    }

    /// scipy's `_binary_search_for_binom_tst`: for `value` ascending on [lo, hi], the i with value(i) ≤ target < value(i+1).
    static func binarySearch(lo: Int, hi: Int, target: Double, value: (Int) -> Double) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            let midValue = value(mid)
            if midValue < target {
                lo = mid + 1
            } else if midValue > target {
                hi = mid - 1
            } else {
                return mid
            }
        }
        return value(lo) <= target ? lo : lo - 1
    }
}
