import Foundation

/// Confidence intervals for a binomial proportion k/n, as scipy's `BinomTestResult.proportion_ci`.
///
/// `alternative` picks a two-sided interval or a one-sided bound like scipy: `.less` gives [0, upper],
/// `.greater` gives [lower, 1].
public enum ProportionInterval {
    public enum Method: String, Sendable, Hashable, CaseIterable {
        /// Clopper–Pearson ("exact"): limits from Beta quantiles.
        case clopperPearson = "exact"
        /// Wilson score interval without continuity correction.
        case wilson
        /// Wilson score interval with continuity correction (Newcombe 1998).
        case wilsonContinuityCorrected = "wilsoncc"
    }

    /// The interval for `successes` out of `trials` (≥ 1) at `confidenceLevel`.
    public static func interval(
        successes k: Int, trials n: Int, confidenceLevel: Double = 0.95,
        method: Method = .clopperPearson, alternative: Alternative = .twoSided
    ) -> Interval {
        switch method {
        case .clopperPearson:
            return clopperPearson(successes: k, trials: n, confidenceLevel: confidenceLevel, alternative: alternative)
        case .wilson:
            return wilson(successes: k, trials: n, confidenceLevel: confidenceLevel, continuityCorrection: false, alternative: alternative)
        case .wilsonContinuityCorrected:
            return wilson(successes: k, trials: n, confidenceLevel: confidenceLevel, continuityCorrection: true, alternative: alternative)
        }
    }

    /// Clopper–Pearson: lower = Beta(k, n−k+1) quantile at α, upper = Beta(k+1, n−k) quantile at 1 − α, with
    /// α = (1 − level)/2 two-sided (1 − level one-sided); 0 at k = 0 and 1 at k = n.
    public static func clopperPearson(
        successes k: Int, trials n: Int, confidenceLevel: Double = 0.95, alternative: Alternative = .twoSided
    ) -> Interval {
        precondition(n >= 1 && k >= 0 && k <= n, "need 0 ≤ successes ≤ trials and trials ≥ 1")
        let alpha = alternative == .twoSided ? (1 - confidenceLevel) / 2 : 1 - confidenceLevel
        var lower = 0.0, upper = 1.0
        if alternative != .less && k > 0 {
            lower = BetaDistribution(alpha: Double(k), beta: Double(n - k + 1)).quantile(alpha)
        }
        if alternative != .greater && k < n {
            upper = BetaDistribution(alpha: Double(k + 1), beta: Double(n - k)).inverseSurvival(alpha)
        }
        return Interval(lower: lower, upper: upper)
    }

    /// Wilson's score interval (Newcombe 1998 formulas, as scipy): centre (2np̂ + z²)/(2(n + z²)), with the
    /// continuity-corrected half-widths when asked; 0 at k = 0 and 1 at k = n; not clipped otherwise.
    public static func wilson(
        successes k: Int, trials n: Int, confidenceLevel: Double = 0.95, continuityCorrection: Bool = false,
        alternative: Alternative = .twoSided
    ) -> Interval {
        precondition(n >= 1 && k >= 0 && k <= n, "need 0 ≤ successes ≤ trials and trials ≥ 1")
        let nD = Double(n)
        let p = Double(k) / nD, q = 1 - p
        let z = alternative == .twoSided ? Normal.quantile(0.5 + 0.5 * confidenceLevel) : Normal.quantile(confidenceLevel)
        let z2 = z * z
        let denominator = 2 * (nD + z2)
        let center = (2 * nD * p + z2) / denominator
        var lower = 0.0, upper = 1.0
        if continuityCorrection {
            if alternative != .less && k != 0 {
                lower = center - (1 + z * (z2 - 2 - 1 / nD + 4 * p * (nD * q + 1)).squareRoot()) / denominator
            }
            if alternative != .greater && k != n {
                upper = center + (1 + z * (z2 + 2 - 1 / nD + 4 * p * (nD * q - 1)).squareRoot()) / denominator
            }
        } else {
            let delta = z / denominator * (4 * nD * p * q + z2).squareRoot()
            if alternative != .less && k != 0 { lower = center - delta }
            if alternative != .greater && k != n { upper = center + delta }
        }
        return Interval(lower: lower, upper: upper)
    }
}
