import CodescoreScoring
import Foundation

/// JUnit XML from a harness whose testcases are samples: each `<testcase>` is one sample of the task named
/// by its `classname` or its `name` (``taskAttribute``), numbered by order of appearance within the task.
///
/// Read with the same reader as the built-in checks' reports (``JUnitReport``, entities never resolved):
/// a testcase with a `<failure>` or `<error>` failed (its `message` is the detail), one with only
/// `<skipped>` is left out, any other passed. Nested `<testsuite>`s are read in document order.
public struct JUnitResultParser: HarnessResultParser {
    /// Which testcase attribute names the task.
    public enum TaskAttribute: String, Sendable, Hashable {
        case classname, name
    }

    public var taskAttribute: TaskAttribute

    public init(taskAttribute: TaskAttribute = .classname) {
        self.taskAttribute = taskAttribute
    }

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        let data = try HarnessFile.read(location, displayPath: displayPath)
        let testcases: [JUnitReport.Testcase]
        switch JUnitReport.testcases(data) {
        case let .success(found): testcases = found
        case let .failure(error): throw .invalidXML(file: displayPath, line: error.line, detail: error.detail)
        }
        var results: [HarnessSampleResult] = []
        var counter = SampleCounter()
        var skipped = 0
        for testcase in testcases {
            if testcase.outcome == .skipped {
                skipped += 1
                continue
            }
            let attribute = taskAttribute == .classname ? testcase.classname : testcase.name
            guard let task = attribute, !task.isEmpty else {
                throw .invalidXML(file: displayPath, line: testcase.line > 0 ? testcase.line : nil,
                                  detail: "a <testcase> without a '\(taskAttribute.rawValue)' attribute, which names the task")
            }
            let passed = testcase.outcome == .passed
            let detail = passed ? nil : "\(testcase.outcome.rawValue)" + (testcase.message.map { ": \($0)" } ?? "")
            let source = testcase.line > 0 ? "\(displayPath):\(testcase.line)" : displayPath
            results.append(HarnessSampleResult(task: task, sample: counter.take(task), scores: ["tests.pass": passed ? 1 : 0],
                                               passed: passed, detail: detail, source: source))
        }
        guard !results.isEmpty else {
            let why = skipped > 0 ? "testcases that were run (all \(skipped) were skipped)" : "at least one <testcase>"
            throw .empty(file: displayPath, expected: why)
        }
        return results
    }
}
