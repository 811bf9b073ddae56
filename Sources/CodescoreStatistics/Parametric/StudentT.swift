import Foundation

/// Student's t distribution with ν > 0 degrees of freedom (ν = +∞ is the standard normal).
///
/// CDF and survival come from the incomplete beta function, P(|T| > t) = I_{ν/(ν+t²)}(ν/2, ½), with
/// both arguments formed without cancellation, so tails keep their relative accuracy (about 1e-13 for
/// 1 ≤ ν ≤ 1e8 and |t| ≤ 50). The quantile starts from a Cornish–Fisher expansion or the power-law tail,
/// then runs safeguarded Newton steps on log-probabilities in log t.
public struct StudentT: Sendable, Hashable {
    public let degreesOfFreedom: Double

    public init(degreesOfFreedom: Double) {
        precondition(degreesOfFreedom > 0, "degrees of freedom must be positive")
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// P(T > t) and P(0 < T < t) for t ≥ 0, each to full relative precision.
    func tails(_ t: Double) -> (upper: Double, central: Double) {
        let nu = degreesOfFreedom
        if nu.isInfinite { return (Normal.survival(t), 0.5 * erf(t / 2.0.squareRoot())) }
        if t.isInfinite { return (0, 0.5) }
        let x: Double, y: Double
        if t > 1e150 {
            x = nu / t / t
            y = 1
        } else {
            let t2 = t * t
            x = nu / (nu + t2)
            y = t2 / (nu + t2)
        }
        let (lower, upper) = SpecialFunctions.incompleteBeta(a: nu / 2, b: 0.5, x: x, y: y)
        return (0.5 * lower, 0.5 * upper)
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return t < 0 ? tails(-t).upper : 0.5 + tails(t).central
    }

    /// P(T > t), accurate in the upper tail.
    public func survival(_ t: Double) -> Double {
        if t.isNaN { return .nan }
        return t > 0 ? tails(t).upper : 0.5 + tails(-t).central
    }

    /// The density, in Loader's form (as R's `dt`): accurate for large ν.
    public func pdf(_ t: Double) -> Double {
        let nu = degreesOfFreedom
        if t.isNaN { return .nan }
        if nu.isInfinite { return Normal.pdf(t) }
        if t.isInfinite { return 0 }
        let constant = -SpecialFunctions.deviance(nu / 2, difference: -0.5)
            + SpecialFunctions.stirlingError((nu + 1) / 2) - SpecialFunctions.stirlingError(nu / 2)
        let t2 = t * t
        let ratio = t2 / nu
        let u = t2 > 0.2 * nu
            ? log1p(ratio) * nu / 2
            : -SpecialFunctions.deviance(nu / 2, difference: -t2 / 2) + t2 / 2
        return exp(constant - u) / (2 * Double.pi * (1 + ratio)).squareRoot()
    }

    /// The p-quantile: the t with P(T ≤ t) = p.
    public func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p < 0.5 { return -inverseSurvival(p) }
        return inverseSurvival(1 - p)  // exact for p ≥ ½
    }

    /// The t with P(T > t) = q; precise for tiny q (critical values of one-sided tests).
    public func inverseSurvival(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q == 0.5 { return 0 }
        if q > 0.5 { return -inverseSurvival(1 - q) }
        if q == 0 { return .infinity }
        let nu = degreesOfFreedom
        if nu.isInfinite { return -Normal.quantile(q) }
        if nu == 1 { return q > 0.25 ? tan(Double.pi * (0.5 - q)) : 1 / tan(Double.pi * q) }
        if nu == 2 { return (1 - 2 * q) / (2 * q * (1 - q)).squareRoot() }

        let start = startingPoint(q)
        if q < 0.25 {
            // Solve log P(T > e^u) = log q; decreasing in u.
            let target = log(q)
            let u = MonotoneSolver.solve(start: log(start), increasing: false) { u in
                let t = exp(u)
                let upper = tails(t).upper
                return (log(upper) - target, -t * pdf(t) / upper)
            }
            return exp(u)
        }
        // Solve log P(0 < T < e^u) = log(½ − q); increasing in u. ½ − q is exact here.
        let target = log(0.5 - q)
        let u = MonotoneSolver.solve(start: log(start), increasing: true) { u in
            let t = exp(u)
            let central = tails(t).central
            return (log(central) - target, t * pdf(t) / central)
        }
        return exp(u)
    }

    /// A start for the upper-tail quantile: the Cornish–Fisher expansion about the normal quantile, or the
    /// power-law tail P(T > t) ≈ ν^{ν/2} t^{−ν} / (ν·B(ν/2, ½)), whichever fits better.
    private func startingPoint(_ q: Double) -> Double {
        let nu = degreesOfFreedom
        let z = -Normal.quantile(q)
        let z2 = z * z
        let g1 = (z2 + 1) * z / 4
        let g2 = ((5 * z2 + 16) * z2 + 3) * z / 96
        let g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384
        let g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160
        let cornishFisher = z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
        guard q < 0.25 else { return max(cornishFisher, Double.leastNormalMagnitude) }
        let logTail = 0.5 * log(nu) - (log(nu) + SpecialFunctions.logBeta(nu / 2, 0.5) + log(q)) / nu
        let tail = exp(logTail)
        func misfit(_ t: Double) -> Double {
            guard t.isFinite, t > 0 else { return .infinity }
            return abs(log(tails(t).upper) - log(q))
        }
        return misfit(tail) < misfit(cornishFisher) ? tail : cornishFisher
    }
}
