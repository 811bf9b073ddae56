import CodescoreConfig
import Foundation

/// Generic JSON Lines results: one JSON object per line, one sample per object, with the field names
/// configurable for harnesses that write their own shape.
///
/// - task: a string (or a whole number, taken as its decimal text);
/// - sample: a whole number ≥ 0; without a sample field, samples are numbered by order of appearance
///   within each task;
/// - passed: `true`/`false`, `1`/`0`, `"passed"`/`"failed"` or `"pass"`/`"fail"` → `tests.pass`;
/// - score: a finite number → the metric named by ``scoreMetric`` (and, with ``passThreshold``,
///   `tests.pass` = score ≥ threshold).
///
/// Every configured field but `detail` is required on every line. Blank lines are skipped; unknown keys are ignored.
public struct JSONLResultParser: HarnessResultParser {
    /// The key names to read from each line.
    public struct Fields: Sendable, Hashable {
        public var task: String
        /// nil: number samples by order of appearance within the task.
        public var sample: String?
        /// The pass/fail field; nil when the file only has a score.
        public var passed: String?
        /// A numeric score field.
        public var score: String?
        /// A free-text field kept as the result's short detail.
        public var detail: String?

        public init(task: String = "task_id", sample: String? = nil, passed: String? = "passed", score: String? = nil,
                    detail: String? = nil) {
            self.task = task
            self.sample = sample
            self.passed = passed
            self.score = score
            self.detail = detail
        }
    }

    public var fields: Fields
    /// The metric a score is recorded as.
    public var scoreMetric: String
    /// With a score field and no passed field: a sample passes when its score is at least this.
    public var passThreshold: Double?

    public init(fields: Fields = Fields(), scoreMetric: String = "tests.fraction", passThreshold: Double? = nil) {
        self.fields = fields
        self.scoreMetric = scoreMetric
        self.passThreshold = passThreshold
    }

    static let passedExpectation = #"true or false, 1 or 0, "passed" or "failed", "pass" or "fail""#

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        try checkSettings()
        let data = try HarnessFile.read(location, displayPath: displayPath)
        var results: [HarnessSampleResult] = []
        var counter = SampleCounter()
        var duplicates = DuplicateSampleGuard(file: displayPath)
        for (number, bytes) in HarnessFile.lines(data) {
            let lineLocation = ConfigLocation(file: displayPath, line: number)
            let line = JSONCursor(try HarnessFile.decode(bytes, at: lineLocation), at: lineLocation)
            let result = try read(line, counter: &counter)
            try duplicates.check(result)
            results.append(result)
        }
        guard !results.isEmpty else { throw .empty(file: displayPath, expected: expectedLine) }
        return results
    }

    private func checkSettings() throws(HarnessParseError) {
        if fields.passed == nil && fields.score == nil {
            throw .invalidSettings(detail: "the JSONL parser needs a passed field, a score field, or both")
        }
        if passThreshold != nil && (fields.score == nil || fields.passed != nil) {
            throw .invalidSettings(detail: "a pass threshold applies to a score field when there is no passed field")
        }
        if let passThreshold, !passThreshold.isFinite {
            throw .invalidSettings(detail: "the pass threshold must be a finite number")
        }
    }

    /// What one line should look like, for the empty-file message.
    private var expectedLine: String {
        var keys = [fields.task] + [fields.sample, fields.passed, fields.score].compactMap { $0 }
        keys = keys.map { "'\($0)'" }
        return "one JSON object per line with the keys \(keys.joined(separator: ", "))"
    }

    private func read(_ line: JSONCursor, counter: inout SampleCounter) throws(HarnessParseError) -> HarnessSampleResult {
        _ = try line.fields()
        let task = try taskID(line.required(fields.task, expected: "the task id (a string)"))
        let sample: Int
        if let sampleField = fields.sample {
            sample = try line.required(sampleField, expected: "the sample index (a whole number ≥ 0)")
                .count(expected: "the sample index (a whole number ≥ 0)")
        } else {
            sample = counter.take(task)
        }
        var scores: [String: Double] = [:]
        var passed: Bool?
        if let passedField = fields.passed {
            passed = try Self.passFlag(line.required(passedField, expected: Self.passedExpectation))
        }
        if let scoreField = fields.score {
            let score = try line.required(scoreField, expected: "a finite number").number()
            scores[scoreMetric] = score
            if let passThreshold { passed = score >= passThreshold }
        }
        if let passed { scores["tests.pass"] = passed ? 1 : 0 }
        var detail: String?
        if let detailField = fields.detail, let value = try line.optional(detailField) {
            switch value.value {
            case .null: detail = nil
            case let .string(text): detail = text
            default: throw value.mismatch("a string or null")
            }
        }
        return HarnessSampleResult(task: task, sample: sample, scores: scores, passed: passed, detail: detail,
                                   source: line.location.shortDescription)
    }

    private func taskID(_ value: JSONCursor) throws(HarnessParseError) -> String {
        switch value.value {
        case let .string(text) where !text.isEmpty: return text
        case let .integer(number): return String(number)
        default: throw value.mismatch("the task id (a non-empty string or a whole number)")
        }
    }

    static func passFlag(_ value: JSONCursor) throws(HarnessParseError) -> Bool {
        switch value.value {
        case let .bool(flag): return flag
        case .integer(1): return true
        case .integer(0): return false
        case .number(1): return true
        case .number(0): return false
        case .string("passed"), .string("pass"): return true
        case .string("failed"), .string("fail"): return false
        default: throw value.mismatch(passedExpectation)
        }
    }
}
