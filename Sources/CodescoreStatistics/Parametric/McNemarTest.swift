import Foundation

/// McNemar's exact test for one binary outcome on paired data (statsmodels `mcnemar(exact=True)`).
///
/// Only discordant pairs carry information: b = pairs where the candidate passes and the baseline fails,
/// c = the reverse. The statistic is min(b, c) and the p-value the two-sided exact binomial test of
/// min(b, c) out of b + c at p = ½ (= min(1, 2·P(Bin(b+c, ½) ≤ min(b, c)))); 1 when b + c = 0.
public enum McNemarTest {
    public static func exact(candidateOnly b: Int, baselineOnly c: Int) -> TestResult {
        precondition(b >= 0 && c >= 0, "counts must be non-negative")
        let statistic = min(b, c)
        guard b + c > 0 else { return TestResult(statistic: 0, pValue: 1) }
        let pValue = BinomialTest.test(successes: statistic, trials: b + c, probability: 0.5, alternative: .twoSided).pValue
        return TestResult(statistic: Double(statistic), pValue: pValue)
    }

    /// The same test from paired pass/fail outcomes.
    public static func exact(candidate: [Bool], baseline: [Bool]) -> TestResult {
        precondition(candidate.count == baseline.count, "paired samples must have the same length")
        let b = zip(candidate, baseline).count { $0 && !$1 }
        let c = zip(candidate, baseline).count { !$0 && $1 }
        return exact(candidateOnly: b, baselineOnly: c)
    }
}
