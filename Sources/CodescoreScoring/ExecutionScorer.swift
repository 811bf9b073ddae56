import CodescoreConfig
import CodescoreSandbox
import Foundation

/// What execution says about one sample.
public struct SampleScore: Sendable {
    /// `tests.pass` (0/1), `tests.fraction`, and for testing tasks `tests.mutation_score`.
    public var scores: [String: Double]
    public var passed: Bool
    /// The record's `execution` object: sandbox, extracted and missing files, every check and mutant.
    public var execution: JSONValue
    /// Set when the sandbox itself failed: the sample's quality is unknown, so it is an error, not a zero.
    public var sandboxError: String?
}

/// Scores a sample by running the task's checks on its files in fresh sandboxed workspaces.
public struct ExecutionScorer: Sendable {
    public let sandbox: any Sandbox
    public let scratch: URL
    public let slots: ConcurrencySlots
    /// Largest JUnit report read back from a workspace.
    static let junitLimit = 16 << 20
    /// Bytes of each stream kept in the record.
    static let tailBytes = 2048

    public init(sandbox: any Sandbox, scratch: URL, slots: ConcurrencySlots) {
        self.sandbox = sandbox
        self.scratch = scratch
        self.slots = slots
    }

    /// Extracts the required files from the answer and scores them.
    public func score(task: TaskDefinition, answer: String) async -> SampleScore {
        let extraction = CodeExtractor.extract(from: answer, required: task.files.map(\.path))
        var score = await score(task: task, files: extraction.files)
        if case var .object(fields) = score.execution {
            fields["missing_files"] = .array(extraction.missing.map(JSONValue.string))
            fields["unmatched_blocks"] = .integer(extraction.unmatchedBlocks)
            if !extraction.refusedPaths.isEmpty { fields["refused_paths"] = .array(extraction.refusedPaths.map(JSONValue.string)) }
            score.execution = .object(fields)
        }
        return score
    }

    /// Scores files given as workspace path → contents (a missing required file fails without running anything).
    public func score(task: TaskDefinition, files: [String: String]) async -> SampleScore {
        var execution: [String: JSONValue] = [
            "sandbox": .string(sandbox.name),
            "files": .array(task.files.map(\.path).filter { files[$0] != nil }.map(JSONValue.string)),
        ]
        let isTesting = task.mutation != nil
        func zero(_ outcome: String) -> SampleScore {
            execution["outcome"] = .string(outcome)
            var scores = ["tests.pass": 0.0, "tests.fraction": 0.0]
            if isTesting { scores["tests.mutation_score"] = 0 }
            return SampleScore(scores: scores, passed: false, execution: .object(execution))
        }
        guard task.files.allSatisfy({ files[$0.path] != nil }) else { return zero("missing_files") }
        if task.checks.isEmpty {
            // Nothing to execute: no execution scores at all (rather than a vacuous pass).
            execution["outcome"] = .string("no_checks")
            return SampleScore(scores: [:], passed: false, execution: .object(execution))
        }

        let main = await runChecks(task, files: files, replacingTargetWith: nil)
        execution["checks"] = .array(main.checks.map(\.json))
        if let error = main.sandboxError {
            var failed = zero(ExecutionOutcome.sandboxError.rawValue)
            failed.sandboxError = error
            return failed
        }
        let report = main.tests
        var scores = ["tests.fraction": report.total == 0 ? 0 : Double(report.passed) / Double(report.total)]
        var passed = main.passed
        execution["outcome"] = .string(main.outcome.rawValue)

        if let mutation = task.mutation {
            // The model's tests must pass on the real code, then fail on every mutant.
            var killed = 0
            var mutants: [JSONValue] = []
            if main.passed {
                for mutant in mutation.mutants {
                    let run = await runChecks(task, files: files, replacingTargetWith: mutant)
                    if let error = run.sandboxError {
                        var failed = zero(ExecutionOutcome.sandboxError.rawValue)
                        failed.sandboxError = "mutant \(mutant): \(error)"
                        return failed
                    }
                    let isKilled = !run.passed
                    if isKilled { killed += 1 }
                    mutants.append(.object(["mutant": .string(mutant), "killed": .bool(isKilled), "outcome": .string(run.outcome.rawValue)]))
                }
            }
            execution["mutants"] = .array(mutants)
            let mutationScore = main.passed ? Double(killed) / Double(mutation.mutants.count) : 0
            scores["tests.mutation_score"] = mutationScore
            passed = main.passed && killed == mutation.mutants.count
        }
        scores["tests.pass"] = passed ? 1 : 0
        return SampleScore(scores: scores, passed: passed, execution: .object(execution))
    }

    struct CheckRun {
        var checks: [CheckResult]
        var sandboxError: String?
        var passed: Bool { sandboxError == nil && checks.allSatisfy(\.passed) }
        var outcome: ExecutionOutcome { checks.first { !$0.passed }?.outcome ?? .passed }
        /// Test counts over all checks; a check without a (non-empty) JUnit report counts as one test.
        var tests: JUnitReport {
            checks.reduce(into: JUnitReport()) { total, check in
                if let report = check.junit, report.total > 0 {
                    total.total += report.total
                    total.failures += report.failures
                    total.errors += report.errors
                    total.skipped += report.skipped
                } else {
                    total.total += 1
                    if !check.passed { total.failures += 1 }
                }
            }
        }
    }

    struct CheckResult {
        var name: String
        var result: ExecutionResult
        var junit: JUnitReport?
        var passed: Bool { result.outcome == .passed && (junit.map { $0.failures == 0 && $0.errors == 0 } ?? true) }
        /// A command that exited 0 while its report lists failures counts as failed.
        var outcome: ExecutionOutcome { result.outcome == .passed && !passed ? .failed : result.outcome }

        var json: JSONValue {
            var fields: [String: JSONValue] = [
                "name": .string(name), "outcome": .string(outcome.rawValue),
                "duration_ms": .number((result.durationMS * 10).rounded() / 10),
                "stdout_tail": .string(ExecutionScorer.tail(result.stdout)),
                "stderr_tail": .string(ExecutionScorer.tail(result.stderr)),
                "stdout_bytes": .integer(result.stdoutBytes), "stderr_bytes": .integer(result.stderrBytes),
            ]
            if let code = result.exitCode { fields["exit_code"] = .integer(code) }
            if let signal = result.signal { fields["signal"] = .integer(signal) }
            if let detail = result.detail { fields["detail"] = .string(detail) }
            if let junit {
                fields["tests"] = .object(["total": .integer(junit.total), "passed": .integer(junit.passed),
                                           "failed": .integer(junit.failures), "errors": .integer(junit.errors),
                                           "skipped": .integer(junit.skipped)])
            }
            return .object(fields)
        }
    }

    /// One fresh workspace: the model's files, then the task's support files and hidden tests over them
    /// (the answer cannot replace a test), then a mutant over the target; every check in order.
    func runChecks(_ task: TaskDefinition, files: [String: String], replacingTargetWith mutant: String?) async -> CheckRun {
        let workspace: Workspace
        do {
            workspace = try Workspace.create(under: scratch)
            for (path, contents) in files { try workspace.write(path, Data(contents.utf8)) }
            for path in task.supportFiles + task.hiddenTests {
                try workspace.write(path, try Self.taskFile(task, path))
            }
            if let mutant, let target = task.mutation?.target {
                try workspace.write(target, try Self.taskFile(task, mutant))
            }
        } catch {
            return CheckRun(checks: [], sandboxError: "could not prepare the workspace: \(error)")
        }
        defer { workspace.remove() }
        workspace.handOverToSandboxUser()

        var checks: [CheckResult] = []
        for check in task.checks {
            let request = ExecutionRequest(argv: check.run, workspace: workspace.root, environment: check.env,
                                           limits: task.limits, wallSeconds: check.timeoutSeconds ?? task.limits.wallSeconds)
            let result = await slots.withSlot { await sandbox.execute(request) }
            if result.outcome == .sandboxError {
                return CheckRun(checks: checks + [CheckResult(name: check.name, result: result, junit: nil)],
                                sandboxError: "check '\(check.name)': \(result.detail ?? "sandbox error")")
            }
            let junit = check.junit.flatMap { workspace.readUntrustedFile($0, limit: Self.junitLimit) }.flatMap(JUnitReport.parse)
            checks.append(CheckResult(name: check.name, result: result, junit: junit))
        }
        return CheckRun(checks: checks)
    }

    static func taskFile(_ task: TaskDefinition, _ path: String) throws -> Data {
        try Data(contentsOf: task.directory.appendingPathComponent(path))
    }

    /// The end of a stream as text: invalid UTF-8 replaced, at most `tailBytes`.
    static func tail(_ data: Data) -> String {
        String(decoding: data.suffix(tailBytes), as: UTF8.self)
    }
}
