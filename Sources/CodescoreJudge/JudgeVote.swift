import CodescoreConfig
import Foundation

/// One judge call's answer, validated against the rubric.
public struct JudgeVote: Sendable, Hashable, Codable {
    public var scores: [String: Int]
    public var rationales: [String: String]
    public var rationale: String

    public init(scores: [String: Int], rationales: [String: String], rationale: String) {
        self.scores = scores
        self.rationales = rationales
        self.rationale = rationale
    }
}

/// Why a judge answer is not a valid vote. Every invalid vote is recorded with its kind, never as a 0.
public struct VoteProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// No JSON object in the answer at all.
        case noJSON = "no_json"
        /// An object starts but never ends (output cut off, e.g. by max_tokens).
        case truncated
        /// Braces balance but the text is not JSON.
        case invalidJSON = "invalid_json"
        /// JSON, but not the answer's shape (no `criteria` object, a criterion not an object…).
        case wrongSchema = "wrong_schema"
        case missingCriterion = "missing_criterion"
        case notInteger = "not_integer"
        case outOfRange = "out_of_range"
        /// Not a judge answer: the candidate contained the call's delimiter, so nothing was sent.
        case delimiterInCandidate = "delimiter_in_candidate"
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue): \(detail)" }
}

