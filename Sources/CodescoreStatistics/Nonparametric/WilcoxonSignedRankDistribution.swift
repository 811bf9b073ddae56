/// The exact null distribution of the Wilcoxon signed-rank statistic r+ for n untied, nonzero differences
/// (each rank 1…n positive with probability ½), as scipy's `_get_wilcoxon_distr`.
public struct WilcoxonSignedRankDistribution: Sendable, Hashable {
    /// The number of ranks.
    public let n: Int
    /// P(r+ = k) for k = 0 … n(n+1)/2. Exact (dyadic) for n ≤ 53, where every probability is a multiple of 2⁻ⁿ.
    public let probabilities: [Double]

    /// Cost O(n³) time and O(n²) memory.
    public init(n: Int) {
        precondition(n >= 0, "n must be non-negative")
        var pmf = [1.0]
        if n > 0 {
            for k in 1...n {
                var next = [Double](repeating: 0, count: k * (k + 1) / 2 + 1)
                // r+ either omits rank k (shift 0) or includes it (shift k), each with probability ½.
                for (index, p) in pmf.enumerated() {
                    next[index] += 0.5 * p
                    next[index + k] += 0.5 * p
                }
                pmf = next
            }
        }
        self.n = n
        probabilities = pmf
    }

    /// The largest value of r+, n(n+1)/2.
    public var maximum: Int { probabilities.count - 1 }

    /// The mean of r+, n(n+1)/4.
    public var mean: Double { Double(n * (n + 1)) / 4 }

    /// P(r+ ≤ k), summed over the smaller tail so that small probabilities keep their relative accuracy.
    public func probabilityAtMost(_ k: Int) -> Double {
        if k < 0 { return 0 }
        if k >= maximum { return 1 }
        if Double(k) <= mean { return probabilities[0...k].reduce(0, +) }
        return 1 - probabilities[(k + 1)...].reduce(0, +)
    }

    /// P(r+ ≥ k), summed over the smaller tail.
    public func probabilityAtLeast(_ k: Int) -> Double {
        if k <= 0 { return 1 }
        if k > maximum { return 0 }
        if Double(k) >= mean { return probabilities[k...].reduce(0, +) }
        return 1 - probabilities[0..<k].reduce(0, +)
    }
}
