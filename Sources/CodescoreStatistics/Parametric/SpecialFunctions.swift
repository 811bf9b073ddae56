import Foundation

/// Special functions behind the t, beta and binomial distributions, written for full double precision in
/// the tails and for large parameters (n up to 10⁹, df up to 10⁸).
///
/// - The power term x^a·y^b / B(a, b) uses Loader's saddle-point form (Stirling errors and the deviance
///   `bd0`) around λ = a − (a+b)·x, so no large power of a rounded x is formed.
/// - The regularized incomplete beta function uses the continued fraction of DiDonato & Morris
///   (ACM TOMS 708, `bfrac`), evaluated by the rescaled forward recurrence, always on the side of the mean
///   where it converges quickly; the other tail is its complement.
public enum SpecialFunctions {
    static let logSqrt2Pi = 0.918938533204672741780329736406

    /// log Γ(x) for x > 0.
    public static func logGamma(_ x: Double) -> Double {
        lgamma(x)
    }

    /// Stirling's error δ(x) = log Γ(x+1) − [(x+½)·log x − x + ½·log 2π] for x > 0 (equals log Γ(x) − [(x−½)·log x − x + ½·log 2π]).
    public static func stirlingError(_ x: Double) -> Double {
        if x <= 15 {
            return lgamma(x + 1) - (x + 0.5) * log(x) + x - logSqrt2Pi
        }
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        let xx = x * x
        if x > 500 { return (s0 - s1 / xx) / x }
        if x > 80 { return (s0 - (s1 - s2 / xx) / xx) / x }
        if x > 35 { return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x }
        return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x
    }

    /// The deviance term bd0(x, m) = x·log(x/m) + m − x, given m and difference = x − m (each as precisely as
    /// the caller knows them), without cancellation when m ≈ x.
    static func deviance(_ x: Double, mean m: Double, difference: Double) -> Double {
        if x == 0 { return m }
        if m <= 0 { return .infinity }
        if abs(difference) < 0.1 * (x + m) {
            // Series in v = (x − m)/(x + m): bd0 = (x − m)·v + 2x·Σ_{j≥1} v^{2j+1}/(2j+1).
            var v = difference / (x + m)
            var sum = difference * v
            if abs(sum) < Double.leastNormalMagnitude { return sum }
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) - difference
    }

    /// bd0(x, x − difference).
    static func deviance(_ x: Double, difference: Double) -> Double {
        deviance(x, mean: x - difference, difference: difference)
    }

    /// log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a+b), without cancellation for large arguments.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        let p = min(a, b), q = max(a, b)
        if p.isNaN || q.isNaN || p < 0 { return .nan }
        if p == 0 { return .infinity }
        if q.isInfinite { return -.infinity }
        if p >= 10 {
            let correction = stirlingError(p) + stirlingError(q) - stirlingError(p + q)
            return -0.5 * log(q) + logSqrt2Pi + correction + (p - 0.5) * log(p / (p + q)) + q * log1p(-p / (p + q))
        }
        if q >= 10 {
            let correction = stirlingError(q) - stirlingError(p + q)
            return lgamma(p) + correction + p - p * log(p + q) + (q - 0.5) * log1p(-p / (p + q))
        }
        return lgamma(p) + lgamma(q) - lgamma(p + q)
    }

    /// x^a·y^b / B(a, b) for y = 1 − x and λ = a − (a+b)·x (Loader's saddle-point form): the deviances use the
    /// differences a − (a+b)x = λ and b − (a+b)y = −λ, and (a+b)·x, (a+b)·y from the smaller of x and y (the
    /// exact one) or from a − λ, b + λ on the other side, so no large power of a rounded x is formed.
    static func powerTerm(a: Double, b: Double, x: Double, y: Double, lambda: Double) -> Double {
        if x <= 0 || y <= 0 { return 0 }
        let n = a + b
        let meanA = x <= y ? n * x : a - lambda
        let meanB = x <= y ? b + lambda : n * y
        if meanA <= 0 || meanB <= 0 { return 0 }
        let exponent = stirlingError(n) - stirlingError(a) - stirlingError(b)
            - deviance(a, mean: meanA, difference: lambda) - deviance(b, mean: meanB, difference: -lambda)
        return (a * b / (2 * Double.pi * n)).squareRoot() * exp(exponent)
    }

    /// The regularized incomplete beta function I_x(a, b) and its complement 1 − I_x(a, b) = I_y(b, a).
    /// Pass `y` (= 1 − x) when it is known more precisely than `1 - x`, e.g. t²/(ν+t²) for the t distribution.
    public static func incompleteBeta(a: Double, b: Double, x: Double, y yGiven: Double? = nil) -> (lower: Double, upper: Double) {
        let y = yGiven ?? (1 - x)
        guard a > 0, b > 0, x >= 0, y >= 0, !x.isNaN, !y.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        // λ = a − (a+b)·x = (a+b)·y − b, from the form that loses least (as TOMS 708 bratio) among the exact
        // inputs: a y computed here as 1 − x is exact only when x ≥ ½ (Sterbenz).
        let yIsExact = yGiven != nil || x >= 0.5
        let lambda = a > b && yIsExact ? (a + b) * y - b : a - (a + b) * x
        if lambda >= 0 {
            let w = continuedFraction(a: a, b: b, x: x, y: y, lambda: lambda)
            return (w, 1 - w)
        }
        let w = continuedFraction(a: b, b: a, x: y, y: x, lambda: -lambda)
        return (1 - w, w)
    }

    /// I_x(a, b), the CDF of the Beta(a, b) distribution at x.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        incompleteBeta(a: a, b: b, x: x).lower
    }

    /// I_x(a, b) for λ = a − (a+b)·x ≥ 0 by the continued fraction of TOMS 708 (`bfrac`).
    static func continuedFraction(a: Double, b: Double, x: Double, y: Double, lambda: Double) -> Double {
        let front = powerTerm(a: a, b: b, x: x, y: y, lambda: lambda)
        if front == 0 { return 0 }
        let epsilon = 1e-15
        let c = lambda + 1, c0 = b / a, c1 = 1 / a + 1, yp1 = y + 1
        var n = 0.0, p = 1.0, s = a + 1
        var an = 0.0, bn = 1.0, anp1 = 1.0, bnp1 = c / c1
        var r = c1 / c
        while n < 100_000 {
            n += 1
            var t = n / a
            let w = n * (b - n) * x
            var e = a / s
            let alpha = p * (p + c0) * e * e * (w * x)
            e = (t + 1) / (c1 + t + t)
            let beta = n + w / s + e * (c + n * yp1)
            p = t + 1
            s += 2
            t = alpha * an + beta * anp1
            an = anp1
            anp1 = t
            t = alpha * bn + beta * bnp1
            bn = bnp1
            bnp1 = t
            let previous = r
            r = anp1 / bnp1
            if abs(r - previous) <= epsilon * r { break }
            an /= bnp1
            bn /= bnp1
            anp1 = r
            bnp1 = 1
        }
        return front * r
    }
}
