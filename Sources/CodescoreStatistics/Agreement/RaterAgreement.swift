import Foundation

/// How well two raters (a human label and the judge) agree on the same items: rank correlations,
/// chance-corrected agreement and error. Pure functions; inputs are paired values in item order.
public enum RaterAgreement {
    /// Spearman's ρ: Pearson's correlation of the average ranks (ties get the mean rank), as
    /// `scipy.stats.spearmanr`. NaN when either side is constant or there are fewer than 2 items.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "x and y must have the same length")
        guard x.count >= 2 else { return .nan }
        return pearson(AverageRanks(x).ranks, AverageRanks(y).ranks)
    }

    /// Pearson's product-moment correlation.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "x and y must have the same length")
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n, meanY = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - meanX) * (b - meanY)
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
        }
        guard sxx > 0, syy > 0 else { return .nan }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// Kendall's τ-b (ties corrected in both variables), as `scipy.stats.kendalltau`'s default:
    /// (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)). O(n²), which suits labelled sets.
    public static func kendallTauB(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "x and y must have the same length")
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        for i in x.indices {
            for j in x.indices where j > i {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 && dy == 0 { continue }
                if dx == 0 { tiedX += 1; continue }
                if dy == 0 { tiedY += 1; continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        // n₀ − n₁ = pairs not tied in x; n₀ − n₂ = pairs not tied in y (pairs tied in both drop from both).
        let untiedX = Double(concordant + discordant + tiedY), untiedY = Double(concordant + discordant + tiedX)
        guard untiedX > 0, untiedY > 0 else { return .nan }
        return Double(concordant - discordant) / (untiedX * untiedY).squareRoot()
    }

    /// Cohen's κ with quadratic weights for integer ratings: 1 − Σ wᵢⱼ Oᵢⱼ / Σ wᵢⱼ Eᵢⱼ with
    /// wᵢⱼ = (i − j)², O the observed joint counts and E the product of the marginals over n.
    /// NaN when the expected disagreement is 0 (both raters constant and equal).
    public static func quadraticWeightedKappa(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "a and b must have the same length")
        guard let low = (a + b).min(), let high = (a + b).max() else { return .nan }
        let size = high - low + 1
        var observed = [Double](repeating: 0, count: size * size)
        var rowTotals = [Double](repeating: 0, count: size), columnTotals = [Double](repeating: 0, count: size)
        for (x, y) in zip(a, b) {
            observed[(x - low) * size + (y - low)] += 1
            rowTotals[x - low] += 1
            columnTotals[y - low] += 1
        }
        let n = Double(a.count)
        var observedDisagreement = 0.0, expectedDisagreement = 0.0
        for i in 0..<size {
            for j in 0..<size {
                let weight = Double((i - j) * (i - j))
                observedDisagreement += weight * observed[i * size + j]
                expectedDisagreement += weight * rowTotals[i] * columnTotals[j] / n
            }
        }
        guard expectedDisagreement > 0 else { return .nan }
        return 1 - observedDisagreement / expectedDisagreement
    }

    public enum AlphaMetric: String, Sendable, Hashable, Codable, CaseIterable {
        /// δ² = (c − k)²: scores as numbers.
        case interval
        /// δ² = (Σ_{g between c and k} n_g − (n_c + n_k)/2)²: only the order of scores counts.
        case ordinal
    }

    /// Krippendorff's α for any number of raters with missing ratings: `units[u]` holds the ratings of
    /// unit u (nil = not rated). α = 1 − D_o / D_e from the coincidence matrix; units with fewer than two
    /// ratings do not count. NaN when there is no expected disagreement.
    public static func krippendorffAlpha(_ units: [[Double?]], metric: AlphaMetric = .interval) -> Double {
        let pairable = units.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
        let values = Array(Set(pairable.flatMap { $0 })).sorted()
        guard values.count >= 2 else { return .nan }
        let index = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
        let size = values.count
        // Coincidences: each ordered pair of ratings within a unit counts 1/(m_u − 1).
        var coincidences = [Double](repeating: 0, count: size * size)
        for unit in pairable {
            let weight = 1 / Double(unit.count - 1)
            for i in unit.indices {
                for j in unit.indices where j != i {
                    coincidences[index[unit[i]]! * size + index[unit[j]]!] += weight
                }
            }
        }
        var totals = [Double](repeating: 0, count: size)
        for c in 0..<size { for k in 0..<size { totals[c] += coincidences[c * size + k] } }
        let n = totals.reduce(0, +)
        func distance(_ c: Int, _ k: Int) -> Double {
            switch metric {
            case .interval:
                let difference = values[c] - values[k]
                return difference * difference
            case .ordinal:
                let (low, high) = (min(c, k), max(c, k))
                let between = totals[low...high].reduce(0, +) - (totals[low] + totals[high]) / 2
                return between * between
            }
        }
        var observed = 0.0, expected = 0.0
        for c in 0..<size {
            for k in 0..<size where k != c {
                let delta = distance(c, k)
                observed += coincidences[c * size + k] * delta
                expected += totals[c] * totals[k] * delta
            }
        }
        guard expected > 0 else { return .nan }
        return 1 - (n - 1) * observed / expected
    }

    /// Mean absolute error between paired ratings.
    public static func meanAbsoluteError(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "x and y must have the same length")
        guard !x.isEmpty else { return .nan }
        return zip(x, y).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(x.count)
    }
}
