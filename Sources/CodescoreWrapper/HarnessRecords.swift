import CodescoreConfig
import CodescoreResults
import Foundation

/// Turns a harness's per-sample results into result records, so external benchmarks flow into the same
/// gate and reports as the built-in suite: `benchmark` is the definition's name, `category` is
/// `external`, and the task hash covers what defines the task, so a changed harness or problem is
/// "task changed" at the gate rather than compared.
public enum HarnessRecords {
    public static let category = "external"

    /// A task's identity for comparison: the definition file's content hash, the task id, and — for
    /// generate-shaped benchmarks — the problem as read.
    public static func taskHash(definitionSHA256: String, task: String, problem: ExternalProblem? = nil) -> String {
        var parts = [Data("codescore-external-task-v1".utf8), Data(definitionSHA256.utf8), Data(task.utf8)]
        if let problem { parts += [Data(problem.prompt.utf8), Data((problem.entryPoint ?? "").utf8)] }
        return ContentHash.sha256Hex(parts: parts)
    }

    /// One `ok` record per result. `problems` (generate-shaped benchmarks) enter each task's hash; `sandbox`
    /// says where the harness ran (`none` when the definition opted out), and is kept on every record.
    public static func make(_ results: [HarnessSampleResult], benchmark: String, definitionSHA256: String,
                            problems: [ExternalProblem] = [], model: String, runID: String, sandbox: String,
                            createdAt: Date = Date()) -> [ResultRecord] {
        let problemByTask = Dictionary(problems.map { ($0.taskID, $0) }, uniquingKeysWith: { first, _ in first })
        return results.map { result in
            var record = ResultRecord(
                runID: runID, model: model, benchmark: benchmark, task: result.task, category: category,
                taskHash: taskHash(definitionSHA256: definitionSHA256, task: result.task, problem: problemByTask[result.task]),
                sample: result.sample, status: .ok, createdAt: createdAt)
            apply(result, to: &record, benchmark: benchmark, sandbox: sandbox)
            return record
        }
    }

    /// Puts a harness result on a record: its scores, whether it passed, and `execution` (the harness,
    /// where it ran, where the result was read, and its detail).
    public static func apply(_ result: HarnessSampleResult, to record: inout ResultRecord, benchmark: String, sandbox: String) {
        record.scores.merge(result.scores) { _, new in new }
        record.passed = result.passed
        var execution: [String: JSONValue] = ["harness": .string(benchmark), "sandbox": .string(sandbox),
                                              "source": .string(result.source)]
        if let detail = result.detail { execution["detail"] = .string(detail) }
        if let passed = result.passed { execution["outcome"] = .string(passed ? "passed" : "failed") }
        record.execution = .object(execution)
    }
}
