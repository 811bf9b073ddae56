import Foundation

/// Estimates of the variance components used by `PairedPowerAnalysis`, from repeated samples per task
/// (Miller 2024, §4–5): σ² is the mean over tasks of the within-task sample variance (divisor K − 1), and
/// ω² = max(0, Var_i(x̄_{A,i} − x̄_{B,i}) − mean_i(s²_{A,i}/K_{A,i} + s²_{B,i}/K_{B,i})), the between-task
/// variance of the per-task mean differences (divisor n − 1) less its expected sampling part.
public struct VarianceComponents: Sendable, Hashable {
    public var omegaSquared: Double
    public var candidateVariance: Double
    public var baselineVariance: Double

    public init(omegaSquared: Double, candidateVariance: Double, baselineVariance: Double) {
        self.omegaSquared = omegaSquared
        self.candidateVariance = candidateVariance
        self.baselineVariance = baselineVariance
    }

    /// `candidate[i]` and `baseline[i]` are the samples of task i; needs ≥ 2 tasks and ≥ 2 samples per task
    /// on both sides, else nil.
    public static func estimate(candidate: [[Double]], baseline: [[Double]]) -> VarianceComponents? {
        precondition(candidate.count == baseline.count, "paired samples must have the same number of tasks")
        let n = candidate.count
        guard n >= 2, candidate.allSatisfy({ $0.count >= 2 }), baseline.allSatisfy({ $0.count >= 2 }) else { return nil }
        func meanAndVariance(_ xs: [Double]) -> (mean: Double, variance: Double) {
            (Descriptive.mean(xs), Descriptive.variance(xs))
        }
        let a = candidate.map(meanAndVariance), b = baseline.map(meanAndVariance)
        let differences = zip(a, b).map { $0.mean - $1.mean }
        let differenceVariance = meanAndVariance(differences).variance
        var sampling = 0.0
        for i in 0..<n {
            sampling += a[i].variance / Double(candidate[i].count) + b[i].variance / Double(baseline[i].count)
        }
        sampling /= Double(n)
        return VarianceComponents(
            omegaSquared: max(0, differenceVariance - sampling),
            candidateVariance: a.reduce(0) { $0 + $1.variance } / Double(n),
            baselineVariance: b.reduce(0) { $0 + $1.variance } / Double(n))
    }
}

extension PairedPowerAnalysis {
    /// A plan from estimated components.
    public init(
        components: VarianceComponents, candidateSamples: Int = 1, baselineSamples: Int = 1,
        alpha: Double = 0.05, power: Double = 0.8, alternative: Alternative = .greater
    ) {
        self.init(omegaSquared: components.omegaSquared, candidateVariance: components.candidateVariance,
                  baselineVariance: components.baselineVariance, candidateSamples: candidateSamples,
                  baselineSamples: baselineSamples, alpha: alpha, power: power, alternative: alternative)
    }
}
