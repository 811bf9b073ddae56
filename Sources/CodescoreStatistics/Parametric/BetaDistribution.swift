import Foundation

/// The Beta(α, β) distribution; its quantile gives the Clopper–Pearson limits.
///
/// The quantile solves I_x(α, β) = p (or its complement, whichever tail is smaller) by safeguarded Newton
/// steps in w = log(x/(1−x)), so both x near 0 and x near 1 keep their relative precision.
public struct BetaDistribution: Sendable, Hashable {
    public let alpha: Double
    public let beta: Double

    public init(alpha: Double, beta: Double) {
        precondition(alpha > 0 && beta > 0, "Beta parameters must be positive")
        self.alpha = alpha
        self.beta = beta
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x).lower
    }

    /// P(X > x).
    public func survival(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return SpecialFunctions.incompleteBeta(a: alpha, b: beta, x: x).upper
    }

    /// The density x^{α−1}(1−x)^{β−1} / B(α, β) on (0, 1).
    public func pdf(_ x: Double) -> Double {
        guard x > 0, x < 1 else { return x.isNaN ? .nan : 0 }
        let y = 1 - x
        return SpecialFunctions.powerTerm(a: alpha, b: beta, x: x, y: y, lambda: alpha - (alpha + beta) * x) / (x * y)
    }

    /// The p-quantile: the x with P(X ≤ x) = p.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return p <= 0.5 ? solve(probability: p, lowerTail: true) : solve(probability: 1 - p, lowerTail: false)
    }

    /// The x with P(X > x) = q.
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        return q <= 0.5 ? solve(probability: q, lowerTail: false) : solve(probability: 1 - q, lowerTail: true)
    }

    /// Solves log P(tail) = log probability in w = logit(x).
    private func solve(probability: Double, lowerTail: Bool) -> Double {
        let a = alpha, b = beta
        let target = log(probability)
        func point(_ w: Double) -> (x: Double, y: Double) {
            (1 / (1 + exp(-w)), 1 / (1 + exp(w)))
        }
        func evaluate(_ w: Double) -> (value: Double, derivative: Double) {
            let (x, y) = point(w)
            let (lower, upper) = SpecialFunctions.incompleteBeta(a: a, b: b, x: x, y: y)
            let lambda = a > b ? (a + b) * y - b : a - (a + b) * x
            let density = SpecialFunctions.powerTerm(a: a, b: b, x: x, y: y, lambda: lambda)  // dI/dw = x^a y^b / B(a, b)
            return lowerTail
                ? (log(lower) - target, density / lower)
                : (log(upper) - target, -density / upper)
        }
        // Starts: the small-tail power law (I_x ≈ x^a / (a·B) near 0, 1 − I_x ≈ y^b / (b·B) near 1) and the
        // normal approximation; Newton begins from whichever fits better.
        let logB = SpecialFunctions.logBeta(a, b)
        var candidates: [Double] = []
        if lowerTail {
            let logX = (target + log(a) + logB) / a
            if logX < 0 { candidates.append(logX - log(-expm1(logX))) }
        } else {
            let logY = (target + log(b) + logB) / b
            if logY < 0 { candidates.append(log(-expm1(logY)) - logY) }
        }
        let mean = a / (a + b)
        let sd = (a * b / ((a + b) * (a + b) * (a + b + 1))).squareRoot()
        let z = lowerTail ? Normal.quantile(probability) : -Normal.quantile(probability)
        let normal = min(max(mean + z * sd, 1e-12), 1 - 1e-12)
        candidates.append(log(normal / (1 - normal)))
        let start = candidates.filter(\.isFinite).min { abs(evaluate($0).value) < abs(evaluate($1).value) } ?? 0
        let w = MonotoneSolver.solve(start: start, increasing: lowerTail, evaluate: evaluate)
        return point(w).x
    }
}
