import Foundation

extension PairedTTest {
    /// One-sided non-inferiority test of the candidate against the baseline with margin δ ≥ 0, on differences
    /// d = candidate − baseline: H0 mean(d) ≤ −δ against H1 mean(d) > −δ.
    ///
    /// The statistic is t = (mean + δ)/SE and p = P(T ≥ t), T ~ t(n−1), as
    /// scipy.stats.ttest_1samp(d, popmean=−δ, alternative='greater'); the interval is the one-sided
    /// [mean − t_{level}·SE, ∞), so H0 is rejected at α = 1 − level exactly when its lower end exceeds −δ.
    public static func nonInferiority(differences: [Double], margin: Double, confidenceLevel: Double = 0.95) -> TTestResult {
        precondition(margin >= 0, "the non-inferiority margin must be non-negative")
        return test(differences: differences, nullMean: -margin, alternative: .greater, confidenceLevel: confidenceLevel)
    }

    /// The same test on candidate[i] − baseline[i].
    public static func nonInferiority(candidate: [Double], baseline: [Double], margin: Double, confidenceLevel: Double = 0.95) -> TTestResult {
        precondition(candidate.count == baseline.count, "paired samples must have the same length")
        return nonInferiority(differences: zip(candidate, baseline).map { $0 - $1 }, margin: margin, confidenceLevel: confidenceLevel)
    }
}
