import Foundation

/// Adjusted p-values for a family of tests, in the order given.
public enum MultipleTesting {
    /// Holm's step-down adjustment (controls the family-wise error rate): with p₍₁₎ ≤ … ≤ p₍ₘ₎,
    /// adjusted p₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎).
    public static func holm(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }

    /// Benjamini–Hochberg step-up adjustment (controls the false discovery rate), as
    /// scipy.stats.false_discovery_control(method='bh'): adjusted p₍ᵢ₎ = min(1, min_{j ≥ i} m·p₍ⱼ₎ / j).
    public static func benjaminiHochberg(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 0, count: m)
        var running = Double.infinity
        for (rank, index) in order.enumerated().reversed() {
            running = min(running, pValues[index] * (Double(m) / Double(rank + 1)))
            adjusted[index] = min(1, max(0, running))
        }
        return adjusted
    }
}
