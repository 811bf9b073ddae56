import Foundation

/// Fisher's exact test on a 2×2 table [[a, b], [c, d]] (rows: two groups; columns: success, failure),
/// as scipy.stats.fisher_exact. The gate uses `.less` per task: did the candidate's samples pass less
/// often than the baseline's?
public enum FisherExact {
    public static func test(_ a: Int, _ b: Int, _ c: Int, _ d: Int, alternative: Alternative = .twoSided) -> TestResult {
        precondition(a >= 0 && b >= 0 && c >= 0 && d >= 0, "counts must be non-negative")
        let oddsRatio: Double = (b == 0 || c == 0) ? (a == 0 || d == 0 ? .nan : .infinity) : Double(a * d) / Double(b * c)
        let total = a + b + c + d
        let successes = a + c
        let groupOne = a + b
        // X = a ~ Hypergeometric(total, successes, groupOne).
        let low = max(0, groupOne - (total - successes))
        let high = min(groupOne, successes)
        guard total > 0, low < high else { return TestResult(statistic: oddsRatio, pValue: 1) }
        let logDenominator = logChoose(total, groupOne)
        func pmf(_ x: Int) -> Double {
            exp(logChoose(successes, x) + logChoose(total - successes, groupOne - x) - logDenominator)
        }
        let pValue: Double
        switch alternative {
        case .less: pValue = (low...a).reduce(0) { $0 + pmf($1) }
        case .greater: pValue = (a...high).reduce(0) { $0 + pmf($1) }
        case .twoSided:
            // As scipy: the tables no more likely than the observed one, with a relative tolerance.
            let observed = pmf(a)
            pValue = (low...high).map(pmf).filter { $0 <= observed * (1 + 1e-7) }.reduce(0, +)
        }
        return TestResult(statistic: oddsRatio, pValue: min(1, pValue))
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
    }
}
