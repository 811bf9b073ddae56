import CodescoreConfig
import CodescoreResults
import Foundation

/// What the judge did in the candidate run, for every report: votes valid and invalid (by problem), samples
/// left without a valid vote, and each sample flagged for suspected manipulation of the judge.
public struct JudgeSummary: Sendable, Codable, Hashable {
    public var identity: JudgeIdentity?
    public var judged: Int
    public var unscored: Int
    public var validVotes: Int
    public var invalidVotes: Int
    /// Invalid votes by problem kind (`out_of_range`, `truncated`, …; `call_failed` when no answer came).
    public var problems: [String: Int]
    public var flagged: [Flag]

    /// A sample whose candidate text addresses the judge.
    public struct Flag: Sendable, Codable, Hashable {
        public var model: String
        public var task: String
        public var category: String?
        public var sample: Int
        /// Detector rules that matched, e.g. `ignore-instructions`, `forged-delimiter`.
        public var rules: [String]
    }

    /// Nil when no candidate record was judged.
    public static func make(records: [ResultRecord], identity: JudgeIdentity?) -> JudgeSummary? {
        var summary = JudgeSummary(identity: identity, judged: 0, unscored: 0, validVotes: 0, invalidVotes: 0, problems: [:], flagged: [])
        for record in records {
            guard case let .object(judge)? = record.judge else { continue }
            summary.judged += 1
            if case .string("unscored")? = judge["status"] { summary.unscored += 1 }
            if case let .integer(valid)? = judge["valid_votes"] { summary.validVotes += valid }
            if case let .integer(invalid)? = judge["invalid_votes"] { summary.invalidVotes += invalid }
            if case let .array(votes)? = judge["votes"] {
                for case let .object(vote) in votes {
                    guard case let .string(status)? = vote["status"], status != "valid" else { continue }
                    // As run.json counts them: a failed call is `call_failed`, else the last problem's kind.
                    var kind = status == "failed" ? "call_failed" : "invalid"
                    for key in ["repair_problem", "problem"] where status != "failed" {
                        if case let .object(problem)? = vote[key], case let .string(name)? = problem["kind"] { kind = name; break }
                    }
                    summary.problems[kind, default: 0] += 1
                }
            }
            if case let .array(findings)? = judge["manipulation"], !findings.isEmpty {
                let rules = Set(findings.compactMap { finding -> String? in
                    if case let .object(fields) = finding, case let .string(rule)? = fields["rule"] { return rule }
                    return nil
                }).sorted()
                summary.flagged.append(Flag(model: record.model, task: record.task, category: record.category, sample: record.sample,
                                            rules: rules))
            }
        }
        guard summary.judged > 0 else { return nil }
        summary.flagged.sort { ($0.model, $0.task, $0.sample) < ($1.model, $1.task, $1.sample) }
        return summary
    }

    enum CodingKeys: String, CodingKey {
        case identity, judged, unscored
        case validVotes = "valid_votes"
        case invalidVotes = "invalid_votes"
        case problems, flagged
    }
}
