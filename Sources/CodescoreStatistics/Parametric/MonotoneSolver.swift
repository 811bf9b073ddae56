import Foundation

/// Newton's method on a monotone function of one variable, safeguarded by a bracket that every evaluation
/// narrows: a step that leaves the bracket (or is not finite) is replaced by bisection, or, while one side of
/// the bracket is still open, by a doubling step towards it.
enum MonotoneSolver {
    /// Solves g(u) = 0 for a function increasing (or decreasing) in u; `evaluate` returns g(u) and g′(u).
    /// Stops when a step is at most `tolerance` in absolute value (so pass u = log x for a relative tolerance on x).
    static func solve(
        start: Double, lower: Double = -.infinity, upper: Double = .infinity, increasing: Bool,
        tolerance: Double = 1e-14, maxIterations: Int = 400,
        evaluate: (Double) -> (value: Double, derivative: Double)
    ) -> Double {
        var u = start
        var lo = lower, hi = upper
        var expansion = 1.0
        for _ in 0..<maxIterations {
            let (g, derivative) = evaluate(u)
            if g == 0 { return u }
            if g.isNaN { return .nan }
            var next = g.isFinite && derivative.isFinite && derivative != 0 ? u - g / derivative : .nan
            // A converged Newton step is taken as is (it may round onto u itself, which is also a bracket end).
            if next.isFinite && abs(next - u) <= tolerance * max(1, abs(u)) { return next }
            if (g > 0) == increasing { hi = u } else { lo = u }
            if !next.isFinite || next <= lo || next >= hi {
                if lo.isFinite && hi.isFinite {
                    next = lo + (hi - lo) / 2
                } else if lo.isFinite {
                    next = u + expansion
                    expansion *= 2
                } else {
                    next = u - expansion
                    expansion *= 2
                }
            }
            if next == lo || next == hi || hi - lo <= tolerance * max(1, abs(u)) {
                return next  // the bracket cannot shrink further
            }
            u = next
        }
        return u
    }
}
