import CodescoreStatistics
import Foundation

/// How well the judge agrees with human labels, per criterion: Spearman ρ, Kendall τ-b, quadratic-weighted
/// Cohen's κ, Krippendorff's α (interval) and the mean absolute error, each with a percentile bootstrap CI
/// over samples; plus how well the judge agrees with itself across its votes.
public enum JudgeCalibration {
    /// One labelled sample on one criterion.
    public struct Pair: Sendable, Hashable {
        public var human: Double
        /// The judge's aggregated score (median of the votes; may be a half point).
        public var judge: Double
        /// The valid votes' scores, for self-agreement.
        public var votes: [Int]

        public init(human: Double, judge: Double, votes: [Int]) {
            self.human = human
            self.judge = judge
            self.votes = votes
        }
    }

    /// A statistic and its bootstrap interval; nil parts are undefined (e.g. a constant side).
    public struct Estimate: Sendable, Hashable, Codable {
        public var value: Double?
        public var low: Double?
        public var high: Double?
    }

    public struct CriterionReport: Sendable, Hashable, Codable {
        public var criterion: String
        public var samples: Int
        public var spearman: Estimate
        public var kendallTau: Estimate
        public var quadraticKappa: Estimate
        public var krippendorffAlpha: Estimate
        public var meanAbsoluteError: Estimate
        /// Krippendorff's α (interval) among the judge's own votes, samples as units.
        public var voteAlpha: Double?
        /// The votes' mean absolute deviation from their median, averaged over samples (`judge.agreement`).
        public var voteSpread: Double?

        enum CodingKeys: String, CodingKey {
            case criterion, samples, spearman
            case kendallTau = "kendall_tau"
            case quadraticKappa = "quadratic_kappa"
            case krippendorffAlpha = "krippendorff_alpha"
            case meanAbsoluteError = "mean_absolute_error"
            case voteAlpha = "vote_alpha"
            case voteSpread = "vote_spread"
        }
    }

    /// The five statistics of one set of pairs, in report order. κ needs integer categories, so the
    /// judge's aggregate is rounded half up (a median of 6.5 counts as 7).
    static func statistics(_ pairs: [Pair]) -> [Double] {
        let human = pairs.map(\.human), judge = pairs.map(\.judge)
        let alpha = RaterAgreement.krippendorffAlpha(pairs.map { [$0.human, $0.judge] }, metric: .interval)
        return [
            RaterAgreement.spearman(human, judge),
            RaterAgreement.kendallTauB(human, judge),
            RaterAgreement.quadraticWeightedKappa(human.map { Int($0.rounded()) }, judge.map { Int(($0 + 0.5).rounded(.down)) }),
            alpha,
            RaterAgreement.meanAbsoluteError(human, judge),
        ]
    }

    /// Every criterion's report. `level` is the two-sided confidence level of the intervals.
    public static func report(_ pairsByCriterion: [(criterion: String, pairs: [Pair])], resamples: Int = 2000,
                              seed: UInt64 = 20_261_125, level: Double = 0.95) -> [CriterionReport] {
        pairsByCriterion.map { entry in
            let pairs = entry.pairs
            let point = statistics(pairs)
            var generator = SeededGenerator(seed: seed)
            var draws = Array(repeating: [Double](), count: point.count)
            if pairs.count >= 2 {
                for _ in 0..<resamples {
                    let resample = (0..<pairs.count).map { _ in pairs[Int(generator.next() % UInt64(pairs.count))] }
                    for (index, value) in statistics(resample).enumerated() where value.isFinite { draws[index].append(value) }
                }
            }
            let estimates = point.indices.map { index in
                Estimate(value: point[index].isFinite ? point[index] : nil,
                         low: percentile(draws[index], (1 - level) / 2), high: percentile(draws[index], 1 - (1 - level) / 2))
            }
            let voted = pairs.filter { $0.votes.count >= 2 }
            let voteAlpha = RaterAgreement.krippendorffAlpha(voted.map { $0.votes.map { Double($0) } }, metric: .interval)
            let spreads = voted.map { VoteAggregation.meanAbsoluteDeviation($0.votes) }
            return CriterionReport(
                criterion: entry.criterion, samples: pairs.count, spearman: estimates[0], kendallTau: estimates[1],
                quadraticKappa: estimates[2], krippendorffAlpha: estimates[3], meanAbsoluteError: estimates[4],
                voteAlpha: voteAlpha.isFinite ? voteAlpha : nil,
                voteSpread: spreads.isEmpty ? nil : spreads.reduce(0, +) / Double(spreads.count))
        }
    }

    /// The q-quantile of the draws (linear interpolation, as the gate's bootstrap); nil without draws.
    static func percentile(_ values: [Double], _ q: Double) -> Double? {
        values.isEmpty ? nil : Descriptive.quantile(values.sorted(), q)
    }
}
