import Foundation

/// The result of a one-sample t test (on paired differences).
public struct TTestResult: Sendable, Hashable {
    /// t = (mean − nullMean) / standardError.
    public var statistic: Double
    /// n − 1.
    public var degreesOfFreedom: Double
    public var pValue: Double
    /// Mean of the differences.
    public var mean: Double
    /// Sample standard deviation / √n.
    public var standardError: Double
    /// The confidence interval for the mean (one-sided bounds are infinite on the open side, as scipy).
    public var confidenceInterval: Interval
    /// The mean under H0.
    public var nullMean: Double
    public var alternative: Alternative

    public var testResult: TestResult { TestResult(statistic: statistic, pValue: pValue) }
}

/// The paired t test: a one-sample t test on differences d = candidate − baseline, as scipy.stats.ttest_rel
/// and ttest_1samp(d, popmean).
///
/// p-values: `.less` P(T ≤ t), `.greater` P(T ≥ t), `.twoSided` 2·P(T ≥ |t|) with T ~ t(n−1). With fewer than
/// two differences everything but the mean is NaN. With zero variance the statistic is ±∞ (p = 0 or 1) or,
/// when the mean equals the null mean, NaN.
public enum PairedTTest {
    public static func test(
        differences: [Double], nullMean: Double = 0, alternative: Alternative = .twoSided, confidenceLevel: Double = 0.95
    ) -> TTestResult {
        precondition(confidenceLevel >= 0 && confidenceLevel <= 1, "confidence level must be in [0, 1]")
        let n = differences.count
        let mean = n == 0 ? Double.nan : differences.reduce(0, +) / Double(n)
        guard n >= 2 else {
            return TTestResult(statistic: .nan, degreesOfFreedom: .nan, pValue: .nan, mean: mean, standardError: .nan,
                               confidenceInterval: Interval(lower: .nan, upper: .nan), nullMean: nullMean, alternative: alternative)
        }
        let variance: Double
        if differences.allSatisfy({ $0 == differences[0] }) {
            variance = 0
        } else {
            // Two-pass with the rounding-error correction term.
            let deviations = differences.map { $0 - mean }
            let sumOfSquares = deviations.reduce(0) { $0 + $1 * $1 }
            let correction = deviations.reduce(0, +)
            variance = (sumOfSquares - correction * correction / Double(n)) / Double(n - 1)
        }
        let df = Double(n - 1)
        let standardError = (variance / Double(n)).squareRoot()
        let statistic = (mean - nullMean) / standardError
        let distribution = StudentT(degreesOfFreedom: df)
        let pValue: Double
        switch alternative {
        case .less: pValue = distribution.cdf(statistic)
        case .greater: pValue = distribution.survival(statistic)
        case .twoSided: pValue = 2 * distribution.survival(abs(statistic))
        }
        let interval: Interval
        switch alternative {
        case .less:
            interval = Interval(lower: -.infinity, upper: mean + distribution.quantile(confidenceLevel) * standardError)
        case .greater:
            interval = Interval(lower: mean + distribution.quantile(1 - confidenceLevel) * standardError, upper: .infinity)
        case .twoSided:
            let tail = (1 - confidenceLevel) / 2
            interval = Interval(lower: mean + distribution.quantile(tail) * standardError,
                                upper: mean + distribution.quantile(1 - tail) * standardError)
        }
        return TTestResult(statistic: statistic, degreesOfFreedom: df, pValue: pValue, mean: mean, standardError: standardError,
                           confidenceInterval: interval, nullMean: nullMean, alternative: alternative)
    }

    /// The paired test on candidate[i] − baseline[i] (scipy.stats.ttest_rel(candidate, baseline)).
    public static func test(
        candidate: [Double], baseline: [Double], alternative: Alternative = .twoSided, confidenceLevel: Double = 0.95
    ) -> TTestResult {
        precondition(candidate.count == baseline.count, "paired samples must have the same length")
        return test(differences: zip(candidate, baseline).map { $0 - $1 }, alternative: alternative, confidenceLevel: confidenceLevel)
    }
}
