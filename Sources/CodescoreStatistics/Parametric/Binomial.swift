import Foundation

/// The binomial distribution with `trials` n and success probability p (scipy.stats.binom semantics).
///
/// The pmf uses Loader's saddle-point form (as R's `dbinom`), accurate to about 1e-14 relative for any n;
/// CDF and survival are incomplete beta functions: P(X > k) = I_p(k+1, n−k).
public struct Binomial: Sendable, Hashable {
    public let trials: Int
    public let probability: Double

    public init(trials: Int, probability: Double) {
        precondition(trials >= 0, "trials must be non-negative")
        precondition(probability >= 0 && probability <= 1, "probability must be in [0, 1]")
        self.trials = trials
        self.probability = probability
    }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        let n = trials, p = probability
        guard k >= 0, k <= n else { return 0 }
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let nD = Double(n), kD = Double(k)
        if k == 0 { return exp(nD * log1p(-p)) }
        if k == n { return exp(nD * log(p)) }
        // k − n·p and n·q from the exact one of p and q = 1 − p (q is exact when p ≥ ½).
        let difference = p <= 0.5 ? kD - nD * p : nD * (1 - p) - (nD - kD)
        let failuresMean = p <= 0.5 ? (nD - kD) + difference : nD * (1 - p)
        let exponent = SpecialFunctions.stirlingError(nD) - SpecialFunctions.stirlingError(kD)
            - SpecialFunctions.stirlingError(nD - kD)
            - SpecialFunctions.deviance(kD, mean: nD * p, difference: difference)
            - SpecialFunctions.deviance(nD - kD, mean: failuresMean, difference: -difference)
        let logFactor = log(2 * Double.pi) + log(kD) + log1p(-kD / nD)
        return exp(exponent - 0.5 * logFactor)
    }

    /// P(X ≤ k).
    public func cdf(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        if probability == 0 { return 1 }
        if probability == 1 { return 0 }
        return SpecialFunctions.incompleteBeta(a: Double(k + 1), b: Double(trials - k), x: probability).upper
    }

    /// P(X > k) (scipy's `sf`).
    public func survival(_ k: Int) -> Double {
        if k < 0 { return 1 }
        if k >= trials { return 0 }
        if probability == 0 { return 0 }
        if probability == 1 { return 1 }
        return SpecialFunctions.incompleteBeta(a: Double(k + 1), b: Double(trials - k), x: probability).lower
    }
}
