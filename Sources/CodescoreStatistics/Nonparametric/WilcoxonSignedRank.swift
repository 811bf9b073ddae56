import Foundation

/// The Wilcoxon signed-rank test of paired differences, matching `scipy.stats.wilcoxon` (scipy 1.17).
public enum WilcoxonSignedRank {
    /// How zero differences are treated, as scipy's `zero_method`.
    public enum ZeroMethod: String, Sendable, Hashable, Codable, CaseIterable {
        /// Drop zeros before ranking (Wilcoxon).
        case wilcox
        /// Rank the zeros with the other differences, then drop their ranks (Pratt).
        case pratt
        /// Rank the zeros and split their ranks half to r+ and half to r−.
        case zsplit
    }

    /// The requested p-value method, as scipy's `method` ("auto", "exact", "asymptotic"; scipy's old "approx").
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case auto, exact, asymptotic
    }

    /// The method actually used; `.permutation` arises only from `.auto` (scipy's silent switch to `PermutationMethod`).
    public enum ResolvedMethod: String, Sendable, Hashable, Codable, CaseIterable {
        case exact, asymptotic, permutation
    }

    public struct Result: Sendable, Hashable {
        /// min(r+, r−) for a two-sided test, r+ for a one-sided test (as scipy reports it).
        public var statistic: Double
        public var pValue: Double
        public var method: ResolvedMethod
        /// The standardized statistic (after any continuity correction; −|z| when two-sided) when the normal
        /// approximation was used, else nil.
        public var zStatistic: Double?

        public init(statistic: Double, pValue: Double, method: ResolvedMethod, zStatistic: Double?) {
            self.statistic = statistic
            self.pValue = pValue
            self.method = method
            self.zStatistic = zStatistic
        }

        public var testResult: TestResult { TestResult(statistic: statistic, pValue: pValue) }
    }

    /// With `.auto`, samples longer than this (zeros included) use the normal approximation.
    public static let autoAsymptoticThreshold = 50
    /// With `.auto` and ties or zeros, samples up to this length (zeros included) use the exact permutation
    /// distribution (scipy: 2¹³ sign patterns fit in its default 9,999 resamples).
    public static let autoPermutationLimit = 13

    /// Tests the differences x − y; `x` and `y` must have the same length.
    public static func test(
        _ x: [Double], _ y: [Double], zeroMethod: ZeroMethod = .wilcox, correction: Bool = false,
        alternative: Alternative = .twoSided, method: Method = .auto
    ) -> Result {
        precondition(x.count == y.count, "x and y must have the same length")
        return test(zip(x, y).map { $0 - $1 }, zeroMethod: zeroMethod, correction: correction,
                    alternative: alternative, method: method)
    }

    /// Tests whether `differences` are symmetric about zero. Defaults are scipy's. Empty input or NaN gives NaN.
    public static func test(
        _ differences: [Double], zeroMethod: ZeroMethod = .wilcox, correction: Bool = false,
        alternative: Alternative = .twoSided, method: Method = .auto
    ) -> Result {
        let n = differences.count
        guard n > 0, !differences.contains(where: \.isNaN) else {
            let resolved: ResolvedMethod = method == .exact ? .exact : .asymptotic
            return Result(statistic: .nan, pValue: .nan, method: resolved, zStatistic: resolved == .asymptotic ? .nan : nil)
        }
        let zeroCount = differences.filter { $0 == 0 }.count

        // Statistic (scipy's `_wilcoxon_statistic`).
        let included = zeroMethod == .wilcox ? differences.filter { $0 != 0 } : differences
        let ranking = AverageRanks(included.map { abs($0) })
        var rPlus = 0.0, rMinus = 0.0, rZero = 0.0
        for (value, rank) in zip(included, ranking.ranks) {
            if value > 0 { rPlus += rank } else if value < 0 { rMinus += rank } else { rZero += rank }
        }
        let hasTies = ranking.tieGroupSizes.contains { $0 > 1 }
        if zeroMethod == .zsplit {
            rPlus += rZero / 2
            rMinus += rZero / 2
        }
        let count = Double(included.count)
        var mean = count * (count + 1) * 0.25
        var variance24 = count * (count + 1) * (2 * count + 1)
        var tieGroups = ranking.tieGroupSizes[...]
        if zeroMethod == .pratt && zeroCount > 0 {
            // Cureton (1967): remove the zeros' ranks from the mean and variance; the zeros (smallest |d|) form
            // the first tie group, which is left out of the tie correction.
            let z = Double(zeroCount)
            mean -= z * (z + 1) * 0.25
            variance24 -= z * (z + 1) * (2 * z + 1)
            tieGroups = tieGroups.dropFirst()
        }
        let standardError = ((variance24 - AverageRanks.tieTerm(tieGroups) / 2) / 24).squareRoot()

        // Method choice: scipy 1.17 "auto" is exact only without ties and zeros (n ≤ 50), a permutation test
        // over all 2ⁿ sign flips when there are ties or zeros and n ≤ 13, and asymptotic otherwise.
        let resolved: ResolvedMethod
        switch method {
        case .exact: resolved = .exact
        case .asymptotic: resolved = .asymptotic
        case .auto:
            if n > autoAsymptoticThreshold {
                resolved = .asymptotic
            } else if !(hasTies || zeroCount > 0) {
                resolved = .exact
            } else if n <= autoPermutationLimit {
                resolved = .permutation
            } else {
                resolved = .asymptotic
            }
        }

        var pValue: Double
        var zStatistic: Double?
        switch resolved {
        case .asymptotic:
            var z = (rPlus - mean) / standardError
            if correction {
                let sign: Double
                switch alternative {
                case .greater: sign = 1
                case .less: sign = -1
                case .twoSided: sign = z.isNaN ? .nan : (z > 0 ? 1 : (z < 0 ? -1 : 0))
                }
                z -= sign * 0.5 / standardError
            }
            switch alternative {
            case .less: pValue = Normal.cdf(z)
            case .greater: pValue = Normal.survival(z)
            case .twoSided: pValue = 2 * Normal.survival(abs(z))
            }
            zStatistic = alternative == .twoSided ? -abs(z) : z
        case .exact:
            // Exact only without ties and zeros; otherwise (as scipy) conservative: r+ rounded up for the lower
            // tail and down for the upper tail.
            let distribution = WilcoxonSignedRankDistribution(n: included.count)
            let lower = distribution.probabilityAtMost(Int(rPlus.rounded(.up)))
            let upper = distribution.probabilityAtLeast(Int(rPlus.rounded(.down)))
            switch alternative {
            case .less: pValue = lower
            case .greater: pValue = upper
            case .twoSided: pValue = min(max(2 * min(lower, upper), 0), 1)
            }
        case .permutation:
            pValue = permutationPValue(included: included, ranks: ranking.ranks, alternative: alternative)
        }

        let statistic = alternative == .twoSided ? min(rPlus, rMinus) : rPlus
        return Result(statistic: statistic, pValue: pValue, method: resolved, zStatistic: zStatistic)
    }

    /// The p-value of r+ over all sign flips of the nonzero differences with their ranks held fixed (zeros
    /// contribute a constant, and multiply both counts and patterns by 2 each, so they cancel), as scipy's
    /// `permutation_test` of the statistic with `permutation_type="samples"`. Ranks are multiples of ½, so the
    /// distribution of 2·r+ is counted exactly on integers.
    private static func permutationPValue(included: [Double], ranks: [Double], alternative: Alternative) -> Double {
        var weights: [Int] = []
        var observed = 0
        for (value, rank) in zip(included, ranks) where value != 0 {
            let weight = Int((2 * rank).rounded())
            weights.append(weight)
            if value > 0 { observed += weight }
        }
        var counts = [Double](repeating: 0, count: weights.reduce(0, +) + 1)
        counts[0] = 1
        var reach = 0
        for weight in weights {
            for total in stride(from: reach, through: 0, by: -1) where counts[total] != 0 {
                counts[total + weight] += counts[total]
            }
            reach += weight
        }
        let patterns = Double(sign: .plus, exponent: weights.count, significand: 1)
        let atMost = counts[0...observed].reduce(0, +) / patterns
        let atLeast = counts[observed...].reduce(0, +) / patterns
        switch alternative {
        case .less: return atMost
        case .greater: return atLeast
        case .twoSided: return min(2 * min(atMost, atLeast), 1)
        }
    }
}
