import Foundation

/// Power, minimum detectable effect and sample sizes for a paired comparison of a candidate (A) with a
/// baseline (B) on n tasks with K_A and K_B samples per task, after Miller (2024), "Adding Error Bars to Evals"
/// (arXiv 2411.00640), eqs. 9–10.
///
/// Model: the per-task mean difference has variance ω² + σ²_A/K_A + σ²_B/K_B, where ω² is the variance of
/// the task-level true differences and σ²_A, σ²_B the (mean) within-task sample variances, so the mean
/// difference over n tasks has
///
///     SE² = (ω² + σ²_A/K_A + σ²_B/K_B) / n
///     MDE = (z_{1−α} + z_{power}) · SE                                   (eq. 9, one-sided)
///     n   = (z_{1−α} + z_{power})² · (ω² + σ²_A/K_A + σ²_B/K_B) / δ²     (eq. 10, rounded up)
///
/// Miller states the two-sided form with z_{1−α/2}; `alternative: .twoSided` uses that, the default
/// (`.greater`) the one-sided z_{1−α} of the non-inferiority question H0: μ ≤ −δ (power at a true difference of
/// 0 is then the power to detect an effect of size δ). Power at effect δ is Φ(δ/SE − z_{1−α}) (two-sided:
/// z_{1−α/2}, ignoring the far tail, so power at the MDE is exactly the target).
///
/// Worked example (checked by hand): ω² = 0.04, σ²_A = σ²_B = 0.2, K_A = K_B = 4: per-task variance 0.14; with
/// n = 100, SE = √0.0014 ≈ 0.0374166; α = 0.05 one-sided and power 0.8 give z = 1.644854 + 0.841621 = 2.486475,
/// MDE ≈ 0.0930354; for δ = 0.05, n = 2.486475²·0.14/0.0025 ≈ 346.22 → 347 tasks.
public struct PairedPowerAnalysis: Sendable, Hashable {
    /// ω²: variance of the task-level true differences.
    public var omegaSquared: Double
    /// σ²_A: mean within-task variance of the candidate's samples.
    public var candidateVariance: Double
    /// σ²_B: mean within-task variance of the baseline's samples.
    public var baselineVariance: Double
    /// K_A.
    public var candidateSamples: Int
    /// K_B.
    public var baselineSamples: Int
    public var alpha: Double
    public var power: Double
    /// `.twoSided` for z_{1−α/2}; `.greater` or `.less` for the one-sided z_{1−α}.
    public var alternative: Alternative

    public init(
        omegaSquared: Double, candidateVariance: Double, baselineVariance: Double,
        candidateSamples: Int = 1, baselineSamples: Int = 1,
        alpha: Double = 0.05, power: Double = 0.8, alternative: Alternative = .greater
    ) {
        precondition(omegaSquared >= 0 && candidateVariance >= 0 && baselineVariance >= 0, "variances must be non-negative")
        precondition(candidateSamples >= 1 && baselineSamples >= 1, "at least one sample per task")
        precondition(alpha > 0 && alpha < 1 && power > 0 && power < 1, "alpha and power must be in (0, 1)")
        self.omegaSquared = omegaSquared
        self.candidateVariance = candidateVariance
        self.baselineVariance = baselineVariance
        self.candidateSamples = candidateSamples
        self.baselineSamples = baselineSamples
        self.alpha = alpha
        self.power = power
        self.alternative = alternative
    }

    /// ω² + σ²_A/K_A + σ²_B/K_B: the variance of one task's mean difference.
    public var taskVariance: Double {
        omegaSquared + candidateVariance / Double(candidateSamples) + baselineVariance / Double(baselineSamples)
    }

    /// z_{1−α} (or z_{1−α/2} two-sided).
    public var criticalValue: Double {
        -Normal.quantile(alternative == .twoSided ? alpha / 2 : alpha)
    }

    /// z_{1−α} + z_{power}.
    public var multiplier: Double { criticalValue + Normal.quantile(power) }

    /// SE of the mean difference over `tasks` tasks.
    public func standardError(tasks: Int) -> Double {
        (taskVariance / Double(tasks)).squareRoot()
    }

    /// Eq. 9: the smallest true effect detected with the target power on `tasks` tasks.
    public func minimumDetectableEffect(tasks: Int) -> Double {
        multiplier * standardError(tasks: tasks)
    }

    /// Eq. 10: the number of tasks needed to detect `effect` (> 0) with the target power, rounded up.
    public func requiredTasks(effect: Double) -> Int {
        precondition(effect > 0, "effect must be positive")
        return Int((multiplier * multiplier * taskVariance / (effect * effect)).rounded(.up))
    }

    /// The samples per task K (the same for both sides) needed to detect `effect` on `tasks` tasks:
    /// the least K with ω² + (σ²_A + σ²_B)/K ≤ n·δ²/(z_{1−α} + z_{power})²; nil when even K → ∞ is not
    /// enough (ω² alone exceeds that bound).
    public func requiredSamplesPerTask(effect: Double, tasks: Int) -> Int? {
        precondition(effect > 0, "effect must be positive")
        let budget = Double(tasks) * effect * effect / (multiplier * multiplier) - omegaSquared
        guard budget > 0 else { return nil }
        let k = ((candidateVariance + baselineVariance) / budget).rounded(.up)
        return max(1, Int(k))
    }

    /// The power to detect a true effect `effect` on `tasks` tasks: Φ(δ/SE − z_{1−α}).
    public func achievedPower(effect: Double, tasks: Int) -> Double {
        Normal.cdf(effect / standardError(tasks: tasks) - criticalValue)
    }
}
