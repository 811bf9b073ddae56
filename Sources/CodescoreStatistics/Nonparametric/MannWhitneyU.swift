import Foundation

/// The Mann–Whitney U (Wilcoxon rank-sum) test of two independent samples, matching `scipy.stats.mannwhitneyu`
/// (scipy 1.17).
public enum MannWhitneyU {
    /// The p-value method, as scipy's `method`.
    public enum Method: String, Sendable, Hashable, Codable, CaseIterable {
        case auto, exact, asymptotic
    }

    public struct Result: Sendable, Hashable {
        /// U1, the statistic of the first sample (U2 = n1·n2 − U1).
        public var statistic: Double
        public var pValue: Double
        /// The method used (`.exact` or `.asymptotic`, never `.auto`).
        public var method: Method
        /// The standardized statistic of the larger-tail U when the normal approximation was used, else nil.
        public var zStatistic: Double?

        public init(statistic: Double, pValue: Double, method: Method, zStatistic: Double?) {
            self.statistic = statistic
            self.pValue = pValue
            self.method = method
            self.zStatistic = zStatistic
        }

        public var testResult: TestResult { TestResult(statistic: statistic, pValue: pValue) }
    }

    /// With `.auto`, the exact distribution is used when either sample has at most this many observations and
    /// there are no ties (scipy's `_mwu_choose_method`).
    public static let autoExactLimit = 8

    /// Tests whether `x` and `y` come from the same distribution. `useContinuity` (default true, as scipy) affects
    /// only the normal approximation. Empty input or NaN gives NaN (scipy raises).
    public static func test(
        _ x: [Double], _ y: [Double], useContinuity: Bool = true, alternative: Alternative = .twoSided,
        method: Method = .auto
    ) -> Result {
        guard !x.isEmpty, !y.isEmpty, !x.contains(where: \.isNaN), !y.contains(where: \.isNaN) else {
            return Result(statistic: .nan, pValue: .nan, method: method == .exact ? .exact : .asymptotic, zStatistic: nil)
        }
        let n1 = x.count, n2 = y.count
        let ranking = AverageRanks(x + y)
        let rankSum = ranking.ranks[0..<n1].reduce(0, +)
        let u1 = rankSum - Double(n1 * (n1 + 1)) / 2
        let u2 = Double(n1 * n2) - u1

        // The p-value is always an upper tail: of U1 (greater), of U2 (less), or of max(U1, U2) doubled.
        let u: Double, factor: Double
        switch alternative {
        case .greater: (u, factor) = (u1, 1)
        case .less: (u, factor) = (u2, 1)
        case .twoSided: (u, factor) = (max(u1, u2), 2)
        }

        let resolved: Method
        switch method {
        case .auto:
            let hasTies = ranking.tieGroupSizes.contains { $0 > 1 }
            resolved = (n1 > autoExactLimit && n2 > autoExactLimit) || hasTies ? .asymptotic : .exact
        case .exact, .asymptotic:
            resolved = method
        }

        var pValue: Double
        var zStatistic: Double?
        if resolved == .exact {
            // Not corrected for ties; scipy truncates a half-integer U toward zero.
            pValue = MannWhitneyUDistribution(m: n1, n: n2).probabilityAtLeast(Int(u))
        } else {
            let mu = Double(n1 * n2) / 2
            let total = Double(n1 + n2)
            let tieTerm = AverageRanks.tieTerm(ranking.tieGroupSizes)
            let sigma = (Double(n1 * n2) / 12 * ((total + 1) - tieTerm / (total * (total - 1)))).squareRoot()
            // U is in the upper tail, so subtracting ½ always moves it toward the mean.
            let numerator = u - mu - (useContinuity ? 0.5 : 0)
            let z = numerator / sigma
            zStatistic = z
            pValue = Normal.survival(z)
        }
        pValue *= factor
        if !pValue.isNaN { pValue = min(max(pValue, 0), 1) }
        return Result(statistic: u1, pValue: pValue, method: resolved, zStatistic: zStatistic)
    }
}
