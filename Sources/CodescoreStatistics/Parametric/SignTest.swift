import Foundation

/// The sign test on paired differences (candidate − baseline): zeros are dropped and the number of positive
/// differences is tested against Binomial(n, ½) with the exact binomial test (scipy.stats.binomtest).
public enum SignTest {
    public struct Result: Sendable, Hashable {
        /// Differences > 0 (the statistic).
        public var positives: Int
        /// Differences < 0.
        public var negatives: Int
        /// Differences equal to 0, dropped from the test.
        public var zeros: Int
        public var pValue: Double

        public var testResult: TestResult { TestResult(statistic: Double(positives), pValue: pValue) }
    }

    /// `.greater` asks whether positive differences are more likely than negative ones. With no non-zero
    /// difference the p-value is 1. NaN differences are not allowed.
    public static func test(differences: [Double], alternative: Alternative = .twoSided) -> Result {
        precondition(!differences.contains { $0.isNaN }, "differences must not be NaN")
        let positives = differences.count { $0 > 0 }
        let negatives = differences.count { $0 < 0 }
        let zeros = differences.count - positives - negatives
        return test(positives: positives, negatives: negatives, zeros: zeros, alternative: alternative)
    }

    /// The same test from counts.
    public static func test(positives: Int, negatives: Int, zeros: Int = 0, alternative: Alternative = .twoSided) -> Result {
        precondition(positives >= 0 && negatives >= 0 && zeros >= 0, "counts must be non-negative")
        let n = positives + negatives
        let pValue = n == 0
            ? 1
            : BinomialTest.test(successes: positives, trials: n, probability: 0.5, alternative: alternative).pValue
        return Result(positives: positives, negatives: negatives, zeros: zeros, pValue: pValue)
    }

    /// Differences candidate[i] − baseline[i] of two paired samples.
    public static func test(candidate: [Double], baseline: [Double], alternative: Alternative = .twoSided) -> Result {
        precondition(candidate.count == baseline.count, "paired samples must have the same length")
        return test(differences: zip(candidate, baseline).map { $0 - $1 }, alternative: alternative)
    }
}
