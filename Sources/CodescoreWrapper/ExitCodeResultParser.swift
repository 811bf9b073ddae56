import Foundation

/// The simplest harness: one command, one sample, judged by how it ended. The task and sample come from
/// the caller, which ran the command.
///
/// Used directly with ``result(exitStatus:)`` or ``result(signal:)``; through ``HarnessResultParser`` it reads a
/// status file holding the decimal exit status (what `echo $? > status` writes), so that a harness run by a
/// shell script fits the same seam.
public struct ExitCodeResultParser: HarnessResultParser {
    public var task: String
    public var sample: Int
    /// Exit statuses that mean the sample passed.
    public var passingStatuses: Set<Int32>

    public init(task: String, sample: Int = 0, passingStatuses: Set<Int32> = [0]) {
        self.task = task
        self.sample = sample
        self.passingStatuses = passingStatuses
    }

    public func result(exitStatus: Int32, source: String = "exit status") -> HarnessSampleResult {
        let passed = passingStatuses.contains(exitStatus)
        return HarnessSampleResult(task: task, sample: sample, scores: ["tests.pass": passed ? 1 : 0], passed: passed,
                                   detail: passed ? nil : "exit status \(exitStatus)", source: source)
    }

    /// A command killed by a signal never passed, whatever ``passingStatuses`` says.
    public func result(signal: Int32, source: String = "exit status") -> HarnessSampleResult {
        HarnessSampleResult(task: task, sample: sample, scores: ["tests.pass": 0], passed: false,
                            detail: "killed by signal \(signal)", source: source)
    }

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        let data = try HarnessFile.read(location, displayPath: displayPath)
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unexpectedValue(.init(file: displayPath, line: 1), expected: "a decimal exit status", found: "bytes that are not UTF-8")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .empty(file: displayPath, expected: "the decimal exit status of the command (0–255)") }
        guard !trimmed.contains("\n"), let status = Int32(trimmed), (0...255).contains(status) else {
            let shown = trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
            throw .unexpectedValue(.init(file: displayPath, line: 1), expected: "a decimal exit status from 0 to 255",
                                   found: String(reflecting: shown))
        }
        return [result(exitStatus: status, source: "\(displayPath):1")]
    }
}
