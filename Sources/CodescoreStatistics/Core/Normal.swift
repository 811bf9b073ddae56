import Foundation

/// The standard normal distribution, to full double precision.
public enum Normal {
    /// P(Z ≤ x), via erfc (accurate in both tails).
    public static func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return 0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// P(Z > x) without cancellation for large x.
    public static func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        return 0.5 * erfc(x / 2.0.squareRoot())
    }

    public static func pdf(_ x: Double) -> Double {
        exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
    }

    /// The p-quantile: a starting point from the logistic-like approximation, then Newton steps on the
    /// exact CDF (in the tail nearer to p, so relative accuracy holds for tiny p).
    public static func quantile(_ p: Double) -> Double {
        guard p > 0, p < 1 else {
            if p == 0 { return -.infinity }
            if p == 1 { return .infinity }
            return .nan
        }
        if p > 0.5 { return -quantile(1 - p) }
        // p ≤ 0.5: x ≤ 0. Start from a tail approximation, refine with Newton on log-space residuals.
        let t = (-2 * log(p)).squareRoot()
        var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
        for _ in 0..<100 {
            let f = cdf(x) - p
            let step = f / pdf(x)
            x -= step
            if abs(step) <= 1e-15 * max(1, abs(x)) { break }
        }
        return x
    }
}
