import Foundation

/// Reads the result files of one external benchmark harness (wrapper mode) into per-sample results.
///
/// One implementation per format, each in its own file. A parser never guesses: input it cannot read
/// completely is a ``HarnessParseError`` naming the file and the line or key path, never a partial or
/// optimistic result.
public protocol HarnessResultParser: Sendable {
    /// `location` is the harness's output (a file, or a folder for formats that write one);
    /// `displayPath` is how messages name it.
    func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult]
}

/// One sample of one task as an external harness judged it, before it becomes a result record.
///
/// Metric names follow the built-in scorers: `tests.pass` (0/1, whenever the harness says whether the
/// sample passed), `tests.fraction` (where the format gives test counts), and format-specific ones such
/// as `tests.base_pass` (EvalPlus) or `security.pass` (BaxBench).
public struct HarnessSampleResult: Sendable, Hashable {
    /// The harness's task id, verbatim (`HumanEval/0`, `Login/Python-FastAPI`).
    public var task: String
    /// Sample index within the task, from 0.
    public var sample: Int
    public var scores: [String: Double]
    /// Whether the sample passed as the harness defines it; nil when the format does not say.
    public var passed: Bool?
    /// A short reason in the harness's words (`failed: AssertionError`, `timed out`), one line, at most
    /// ``detailLimit`` characters. Untrusted text: it may quote the generated code's output.
    public var detail: String?
    /// Where the result was read (`file:line` or `file: key.path`), for messages about it later.
    public var source: String

    /// The longest ``detail`` kept, in characters.
    public static let detailLimit = 500

    public init(task: String, sample: Int, scores: [String: Double], passed: Bool?, detail: String? = nil, source: String) {
        self.task = task
        self.sample = sample
        self.scores = scores
        self.passed = passed
        self.detail = detail.flatMap(Self.shortDetail)
        self.source = source
    }

    /// The text on one line (line breaks and tabs become spaces, other control characters are dropped),
    /// trimmed and cut to ``detailLimit`` characters with a trailing `…`; nil when nothing is left.
    static func shortDetail(_ text: String) -> String? {
        var line = ""
        line.unicodeScalars.reserveCapacity(min(text.unicodeScalars.count, detailLimit + 1))
        var count = 0
        for scalar in text.unicodeScalars {
            let mapped: Unicode.Scalar?
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: mapped = " "
            case 0x00..<0x20, 0x7F, 0x80..<0xA0: mapped = nil
            default: mapped = scalar
            }
            guard let mapped else { continue }
            line.unicodeScalars.append(mapped)
            count += 1
            if count > detailLimit * 2 { break }  // enough to trim and cut below
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        guard trimmed.count > detailLimit else { return trimmed }
        return String(trimmed.prefix(detailLimit - 1)) + "…"
    }
}

/// Assigns sample indices in order of appearance within each task, for formats that do not number samples.
struct SampleCounter {
    private var next: [String: Int] = [:]

    mutating func take(_ task: String) -> Int {
        defer { next[task, default: 0] += 1 }
        return next[task, default: 0]
    }
}

/// Rejects a second result for the same (task, sample), naming where both were read.
struct DuplicateSampleGuard {
    let file: String
    private var seen: [SampleKey: String] = [:]

    init(file: String) {
        self.file = file
    }

    private struct SampleKey: Hashable {
        var task: String
        var sample: Int
    }

    mutating func check(_ result: HarnessSampleResult) throws(HarnessParseError) {
        let key = SampleKey(task: result.task, sample: result.sample)
        if let first = seen[key] {
            throw .duplicateSample(file: file, task: result.task, sample: result.sample, first: first, second: result.source)
        }
        seen[key] = result.source
    }
}
