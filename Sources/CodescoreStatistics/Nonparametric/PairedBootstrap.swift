import Foundation

/// Seeded bootstrap confidence intervals of the mean paired difference, percentile or BCa, following
/// `scipy.stats.bootstrap((d,), np.mean, method=...)` (scipy 1.17). Only the random resamples differ from scipy's.
public enum PairedBootstrap {
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case percentile
        /// Bias-corrected and accelerated (Efron & Tibshirani 1993, §14.3; jackknife acceleration).
        case bca = "BCa"
    }

    public struct Result: Sendable, Hashable {
        /// The mean of the differences.
        public var estimate: Double
        /// The confidence interval; NaN endpoints when BCa is undefined (e.g. all differences equal), as scipy.
        public var interval: Interval
        /// The standard deviation (ddof 1) of the bootstrap means.
        public var standardError: Double
        /// BCa's bias correction ẑ₀ (nil for percentile).
        public var biasCorrection: Double?
        /// BCa's acceleration â (nil for percentile).
        public var acceleration: Double?
        public var resamples: Int

        public init(estimate: Double, interval: Interval, standardError: Double, biasCorrection: Double?,
                    acceleration: Double?, resamples: Int) {
            self.estimate = estimate
            self.interval = interval
            self.standardError = standardError
            self.biasCorrection = biasCorrection
            self.acceleration = acceleration
            self.resamples = resamples
        }
    }

    public static let defaultResamples = 10_000

    /// The confidence interval of the mean of x − y; `x` and `y` must have the same length.
    public static func confidenceInterval(
        _ x: [Double], _ y: [Double], method: Method = .bca, confidenceLevel: Double = 0.95,
        alternative: Alternative = .twoSided, resamples: Int = defaultResamples, seed: UInt64
    ) -> Result {
        precondition(x.count == y.count, "x and y must have the same length")
        return confidenceInterval(zip(x, y).map { $0 - $1 }, method: method, confidenceLevel: confidenceLevel,
                                  alternative: alternative, resamples: resamples, seed: seed)
    }

    /// The confidence interval of the mean of `differences` from `resamples` seeded bootstrap resamples. A one-sided
    /// `alternative` gives an infinite lower (`.less`) or upper (`.greater`) endpoint, as scipy.
    public static func confidenceInterval(
        _ differences: [Double], method: Method = .bca, confidenceLevel: Double = 0.95,
        alternative: Alternative = .twoSided, resamples: Int = defaultResamples, seed: UInt64
    ) -> Result {
        interval(differences, bootstrapMeans: bootstrapMeans(differences, resamples: resamples, seed: seed),
                 method: method, confidenceLevel: confidenceLevel, alternative: alternative)
    }

    /// The means of `resamples` resamples (n draws with replacement each), fixed by `seed`.
    public static func bootstrapMeans(_ differences: [Double], resamples: Int, seed: UInt64) -> [Double] {
        precondition(resamples > 0, "resamples must be positive")
        let n = differences.count
        guard n > 0 else { return [Double](repeating: .nan, count: resamples) }
        precondition(n <= Int(UInt32.max), "at most 2³² − 1 differences")
        var generator = SeededGenerator(seed: seed)
        // The hot loop of the gate: two indices per 64-bit draw, and four partial sums so the additions
        // do not wait on each other.
        var sampler = IndexSampler(bound: n)
        return differences.withUnsafeBufferPointer { values in
            (0..<resamples).map { _ in
                var sums = (0.0, 0.0, 0.0, 0.0)
                var remaining = n
                while remaining >= 4 {
                    let first = generator.next(), second = generator.next()
                    sums.0 += values[sampler.index(UInt32(truncatingIfNeeded: first), &generator)]
                    sums.1 += values[sampler.index(UInt32(truncatingIfNeeded: first >> 32), &generator)]
                    sums.2 += values[sampler.index(UInt32(truncatingIfNeeded: second), &generator)]
                    sums.3 += values[sampler.index(UInt32(truncatingIfNeeded: second >> 32), &generator)]
                    remaining -= 4
                }
                while remaining > 0 {
                    sums.0 += values[sampler.index(UInt32(truncatingIfNeeded: generator.next()), &generator)]
                    remaining -= 1
                }
                return ((sums.0 + sums.1) + (sums.2 + sums.3)) / Double(n)
            }
        }
    }

    /// Uniform indices below a bound < 2³² from 32 random bits: Lemire's multiply-shift with rejection,
    /// independent of the standard library's algorithm so that a seed's resamples never change with the toolchain.
    struct IndexSampler {
        let bound: UInt64
        /// 2³² mod bound: products whose low half falls below it are rejected to remove the bias.
        let threshold: UInt32

        init(bound: Int) {
            self.bound = UInt64(bound)
            threshold = UInt32((UInt64(1) << 32) % UInt64(bound))
        }

        @inline(__always)
        func index(_ random: UInt32, _ generator: inout SeededGenerator) -> Int {
            var product = UInt64(random) &* bound
            while UInt32(truncatingIfNeeded: product) < threshold {
                product = UInt64(UInt32(truncatingIfNeeded: generator.next())) &* bound
            }
            return Int(truncatingIfNeeded: product >> 32)
        }
    }

    /// The interval from a given bootstrap distribution of the mean (the deterministic part of the procedure).
    /// Empty or NaN input gives NaN.
    public static func interval(
        _ differences: [Double], bootstrapMeans: [Double], method: Method = .bca, confidenceLevel: Double = 0.95,
        alternative: Alternative = .twoSided
    ) -> Result {
        precondition(confidenceLevel > 0 && confidenceLevel < 1, "confidenceLevel must be in (0, 1)")
        precondition(!bootstrapMeans.isEmpty, "bootstrapMeans must not be empty")
        guard !differences.isEmpty, !differences.contains(where: \.isNaN), !bootstrapMeans.contains(where: \.isNaN) else {
            return Result(estimate: .nan, interval: Interval(lower: .nan, upper: .nan), standardError: .nan,
                          biasCorrection: method == .bca ? .nan : nil, acceleration: method == .bca ? .nan : nil,
                          resamples: bootstrapMeans.count)
        }
        let n = Double(differences.count)
        let estimate = differences.reduce(0, +) / n
        let alpha = alternative == .twoSided ? (1 - confidenceLevel) / 2 : 1 - confidenceLevel
        let sorted = bootstrapMeans.sorted()

        var levels = (lower: alpha, upper: 1 - alpha)
        var biasCorrection: Double?
        var acceleration: Double?
        if method == .bca {
            // ẑ₀ = Φ⁻¹(fraction of bootstrap means below the estimate, ties counting half), as scipy's
            // percentileofscore(kind="mean"). Bootstrap means equal to the estimate in theory may differ from it
            // by rounding; the tolerance (a bound on that rounding) counts them as ties.
            let scale = differences.reduce(0) { max($0, abs($1)) }
            let tolerance = 4 * n * Double.ulpOfOne * scale
            let below = sorted.count { $0 < estimate - tolerance }
            let atOrBelow = sorted.count { $0 <= estimate + tolerance }
            let z0 = Normal.quantile(Double(below + atOrBelow) / Double(2 * sorted.count))
            // Jackknife acceleration. For the mean, (n − 1)(θ̄₍.₎ − θ₍ᵢ₎) = dᵢ − d̄ exactly, so
            // â = Σ(dᵢ − d̄)³ / (6 (Σ(dᵢ − d̄)²)^{3/2}), computed without the jackknife's cancellation.
            var sumSquares = 0.0, sumCubes = 0.0
            for value in differences {
                let deviation = value - estimate
                sumSquares += deviation * deviation
                sumCubes += deviation * deviation * deviation
            }
            let a = sumCubes / (6 * pow(sumSquares, 1.5))
            let zAlpha = Normal.quantile(alpha)
            func adjusted(_ z: Double) -> Double {
                let shifted = z0 + z
                return Normal.cdf(z0 + shifted / (1 - a * shifted))
            }
            levels = (adjusted(zAlpha), adjusted(-zAlpha))
            biasCorrection = z0
            acceleration = a
        }

        var lower = Descriptive.quantile(sorted, levels.lower)
        var upper = Descriptive.quantile(sorted, levels.upper)
        if alternative == .less { lower = -.infinity }
        if alternative == .greater { upper = .infinity }

        let count = Double(sorted.count)
        let mean = sorted.reduce(0, +) / count
        let variance = sorted.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        return Result(estimate: estimate, interval: Interval(lower: lower, upper: upper),
                      standardError: variance.squareRoot(), biasCorrection: biasCorrection,
                      acceleration: acceleration, resamples: bootstrapMeans.count)
    }
}
