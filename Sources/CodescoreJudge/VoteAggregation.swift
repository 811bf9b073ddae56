import CodescoreConfig
import Foundation

/// How m votes become one score per criterion.
public enum VoteAggregation: String, Sendable, Hashable, Codable, CaseIterable {
    /// The median of the valid votes (the mean of the two middle ones for an even count). The default.
    case median
    /// The most common score band — low 0–3, mid 4–6, high 7–10 — then the median of the votes in that band;
    /// a tie between bands falls back to the median of all votes.
    case majority

    public static let bands: [ClosedRange<Int>] = [0...3, 4...6, 7...10]

    /// The aggregated scores of each rubric criterion, the weighted overall, the agreement, and the index
    /// of the vote nearest the aggregate (whose rationale represents the sample). Nil without a valid vote.
    public func aggregate(_ votes: [JudgeVote], rubric: Rubric) -> AggregatedJudgement? {
        guard !votes.isEmpty else { return nil }
        var scores: [String: Double] = [:]
        var spreads: [Double] = []
        for name in rubric.criterionNames {
            let values = votes.compactMap { $0.scores[name] }
            guard values.count == votes.count else { return nil }
            scores[name] = combine(values)
            spreads.append(Self.meanAbsoluteDeviation(values))
        }
        guard let overall = rubric.overall(scores) else { return nil }
        // Representative vote: the smallest total distance to the aggregate over the criteria (first wins ties).
        let distances = votes.map { vote in rubric.criterionNames.reduce(0.0) { $0 + abs(Double(vote.scores[$1]!) - scores[$1]!) } }
        let nearest = distances.indices.min { distances[$0] < distances[$1] }!
        return AggregatedJudgement(scores: scores, overall: overall, agreement: spreads.reduce(0, +) / Double(spreads.count),
                                   representativeVote: nearest)
    }

    func combine(_ values: [Int]) -> Double {
        switch self {
        case .median:
            return Self.median(values)
        case .majority:
            let counts = Self.bands.map { band in values.filter { band.contains($0) }.count }
            let best = counts.max()!
            guard counts.filter({ $0 == best }).count == 1, let band = counts.firstIndex(of: best) else {
                return Self.median(values)
            }
            return Self.median(values.filter { Self.bands[band].contains($0) })
        }
    }

    static func median(_ values: [Int]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Mean absolute deviation from the median: 0 when every vote agrees, in score points otherwise.
    static func meanAbsoluteDeviation(_ values: [Int]) -> Double {
        let median = median(values)
        return values.reduce(0) { $0 + abs(Double($1) - median) } / Double(values.count)
    }
}

/// The judge's verdict on one sample after voting.
public struct AggregatedJudgement: Sendable, Hashable {
    /// Per criterion, the aggregated score (0–10).
    public var scores: [String: Double]
    /// The rubric's weighted mean of `scores`.
    public var overall: Double
    /// `judge.agreement`: the mean over criteria of the votes' mean absolute deviation from their median
    /// (0 = unanimous; larger = the votes disagree by that many points on average).
    public var agreement: Double
    /// Index into the valid votes of the one nearest the aggregate.
    public var representativeVote: Int
}
