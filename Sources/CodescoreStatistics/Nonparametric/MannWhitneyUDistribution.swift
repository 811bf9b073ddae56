/// The exact null distribution of the Mann–Whitney U statistic for samples of sizes m and n without ties.
public struct MannWhitneyUDistribution: Sendable, Hashable {
    public let m: Int
    public let n: Int
    /// P(U = u) for u = 0 … m·n.
    public let probabilities: [Double]

    /// Builds the distribution with the recurrence on the largest observation:
    /// P_{i,j}(u) = i/(i+j)·P_{i−1,j}(u − j) + j/(i+j)·P_{i,j−1}(u). Cost O(m²n²), memory O(m·n²).
    public init(m: Int, n: Int) {
        precondition(m >= 0 && n >= 0, "sample sizes must be non-negative")
        let small = min(m, n), large = max(m, n)
        // previous[j] = distribution for sizes (i − 1, j), j = 0 … large.
        var previous = [[Double]](repeating: [1.0], count: large + 1)
        if small > 0 {
            for i in 1...small {
                var current: [[Double]] = [[1.0]]
                current.reserveCapacity(large + 1)
                if large > 0 {
                    for j in 1...large {
                        var pmf = [Double](repeating: 0, count: i * j + 1)
                        let fromX = Double(i) / Double(i + j), fromY = Double(j) / Double(i + j)
                        for (u, p) in previous[j].enumerated() { pmf[u + j] += fromX * p }
                        for (u, p) in current[j - 1].enumerated() { pmf[u] += fromY * p }
                        current.append(pmf)
                    }
                }
                previous = current
            }
        }
        self.m = m
        self.n = n
        probabilities = previous[large]
    }

    /// P(U ≥ k), computed as scipy's `_MWU.sf` (by symmetry, always from the lower tail's cumulative sum).
    public func probabilityAtLeast(_ k: Int) -> Double {
        let total = m * n
        if k <= 0 { return 1 }
        if k > total { return 0 }
        let complement = total - k
        if k < complement {
            return 1 - probabilities[0...k].reduce(0, +) + probabilities[k]
        }
        return probabilities[0...complement].reduce(0, +)
    }

    /// P(U ≤ k).
    public func probabilityAtMost(_ k: Int) -> Double {
        probabilityAtLeast(m * n - k)
    }
}
