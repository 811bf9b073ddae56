import Foundation
import Testing

/// `codescore gate` through the binary: verdicts, exit codes, gate.json, and malformed baselines.
@Suite(.serialized)
struct GateTests {
    /// A results.jsonl line for model m (tests.pass only).
    static func record(task: Int, sample: Int, pass: Double, status: String = "ok") -> String {
        let scores = status == "ok" ? "{\"tests.pass\":\(pass)}" : "{}"
        let error = status == "ok" ? "" : ",\"error\":{\"kind\":\"server_error\",\"message\":\"x\"}"
        return "{\"attempts\":1,\"benchmark\":\"builtin\",\"cached\":false,\"category\":\"backend\",\"created_at\":\"2026-11-25T00:00:00.000Z\""
            + ",\"model\":\"m\",\"run_id\":\"r\",\"sample\":\(sample),\"schema_version\":1,\"scores\":\(scores),\"status\":\"\(status)\""
            + ",\"task\":\"t\(String(format: "%02d", task))\",\"task_hash\":\"h\(task)\"\(error)}"
    }

    static let header = #"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#

    /// Writes a baseline and a candidate results folder; `passRate(task, sample)` gives each score.
    func write(_ folder: TemporaryFolder, tasks: Int, samples: Int, baseline: (Int, Int) -> Double,
               candidate: (Int, Int) -> Double) throws {
        var base = [Self.header]
        var cand: [String] = []
        for task in 0..<tasks {
            for sample in 0..<samples {
                base.append(Self.record(task: task, sample: sample, pass: baseline(task, sample)))
                cand.append(Self.record(task: task, sample: sample, pass: candidate(task, sample)))
            }
        }
        try folder.write("baseline.jsonl", base.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", cand.joined(separator: "\n") + "\n")
    }

    func gate(_ folder: TemporaryFolder, _ extra: [String] = []) async throws -> CommandResult {
        try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path] + extra)
    }

    func gateJSON(_ folder: TemporaryFolder) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("run/gate.json"))) as? [String: Any] ?? [:]
    }

    @Test func unchangedCandidatePasses() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 30, samples: 3, baseline: { task, _ in task % 3 == 0 ? 0 : 1 }, candidate: { task, _ in task % 3 == 0 ? 0 : 1 })
        let result = try await gate(folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("codescore gate: PASS"))
        let report = try gateJSON(folder)
        #expect(report["verdict"] as? String == "PASS")
        #expect(report["exit_code"] as? Int == 0)
        let comparison = try #require((report["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["tasks"] as? Int == 30 && comparison["metric"] as? String == "tests.pass")
        #expect((comparison["p_non_inferiority"] as? Double ?? 1) < 0.05)
        #expect(comparison["mde"] is Double)
    }

    @Test func aClearDropIsARegressionNamingTheTasks() async throws {
        let folder = try TemporaryFolder()
        // Tasks 0–9 go from always passing to never passing.
        try write(folder, tasks: 30, samples: 5, baseline: { _, _ in 1 }, candidate: { task, _ in task < 10 ? 0 : 1 })
        let result = try await gate(folder)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("REGRESSION"))
        #expect(result.stdout.contains("regressed tasks: t00, t01"), "\(result.stdout)")
        let comparison = try #require((try gateJSON(folder)["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["verdict"] as? String == "REGRESSION")
        #expect((comparison["regressed_tasks"] as? [[String: Any]])?.count == 10)
        #expect(abs((comparison["delta"] as? Double ?? 0) + 1.0 / 3) < 1e-12)
    }

    @Test func aSmallNoisySuiteIsInconclusiveAndStrictMakesItExit2() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 4, samples: 2, baseline: { task, sample in Double((task + sample) % 2) },
                  candidate: { task, _ in Double(task % 2) })
        let relaxed = try await gate(folder)
        #expect(relaxed.status == 0, "\(relaxed.stdout)")
        #expect(relaxed.stdout.contains("INCONCLUSIVE (underpowered)"), "\(relaxed.stdout)")
        let comparison = try #require((try gateJSON(folder)["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["underpowered"] as? Bool == true)
        #expect((comparison["reason"] as? String ?? "").contains("UNDERPOWERED"))
        #expect(comparison["tasks_needed"] is Int)
        let strict = try await gate(folder, ["--strict"])
        #expect(strict.status == 2)
    }

    @Test func aRunWithTooManyErrorsIsNeverAPass() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 30, samples: 3, baseline: { _, _ in 1 }, candidate: { _, _ in 1 })
        // A quarter of the candidate's samples failed.
        var lines = try String(contentsOf: folder.file("run/results.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        for index in stride(from: 0, to: lines.count, by: 4) { lines[index] = Self.record(task: index / 3, sample: index % 3, pass: 0, status: "error") }
        try folder.write("run/results.jsonl", lines.joined(separator: "\n") + "\n")
        let result = try await gate(folder)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(!result.stdout.contains("codescore gate: PASS"), "\(result.stdout)")
        let comparison = try #require((try gateJSON(folder)["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["verdict"] as? String == "INCONCLUSIVE")
        #expect((comparison["reason"] as? String ?? "").contains("samples failed"))
    }

    @Test func changedAndMissingTasksAreListedNotCompared() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 30, samples: 2, baseline: { _, _ in 1 }, candidate: { _, _ in 1 })
        var lines = try String(contentsOf: folder.file("run/results.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        lines = lines.map { $0.replacingOccurrences(of: "\"task_hash\":\"h0\"", with: "\"task_hash\":\"h0-new\"") }
        lines.removeAll { $0.contains("\"task\":\"t29\"") }
        try folder.write("run/results.jsonl", lines.joined(separator: "\n") + "\n")
        _ = try await gate(folder)
        let comparison = try #require((try gateJSON(folder)["comparisons"] as? [[String: Any]])?.first)
        #expect(comparison["tasks"] as? Int == 28)
        #expect(comparison["changed_tasks"] as? [String] == ["t00"])
        #expect(comparison["missing_in_candidate"] as? [String] == ["t29"])
    }

    @Test(arguments: [
        ("truncated", "cut short", 3),
        ("nan", "not valid JSON", 2),
        ("duplicate", "duplicate record for model 'm', task 't00', sample 0 (first on line 2)", 3),
        ("version", "baseline schema_version 7 is not supported", 1),
    ])
    func malformedBaselinesExit65WithFileAndLine(kind: String, message: String, line: Int) async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 30, samples: 1, baseline: { _, _ in 1 }, candidate: { _, _ in 1 })
        var lines = try String(contentsOf: folder.file("baseline.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        switch kind {
        case "truncated": lines = [lines[0], lines[1], String(lines[2].prefix(30))]
        case "nan": lines[1] = lines[1].replacingOccurrences(of: "\"tests.pass\":1", with: "\"tests.pass\":NaN")
        case "duplicate": lines.insert(lines[1], at: 2)
        default: lines[0] = lines[0].replacingOccurrences(of: "\"schema_version\":1", with: "\"schema_version\":7")
        }
        let text = lines.joined(separator: "\n") + (kind == "truncated" ? "" : "\n")
        try folder.write("baseline.jsonl", text)
        let result = try await gate(folder)
        #expect(result.status == 65, "\(kind): \(result.stderr)")
        #expect(result.stderr.contains("baseline.jsonl:\(line): "), "\(kind): \(result.stderr)")
        #expect(result.stderr.contains(message), "\(kind): \(result.stderr)")
    }

    @Test func baselineUpdateWritesAHeaderAndSortedRecords() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 3, samples: 2, baseline: { _, _ in 1 }, candidate: { _, _ in 1 })
        let lines = try String(contentsOf: folder.file("run/results.jsonl"), encoding: .utf8).split(separator: "\n")
        try folder.write("run/results.jsonl", lines.reversed().joined(separator: "\n") + "\n")
        let result = try await codescore(["baseline", "update", "--from", folder.file("run").path, "--to", folder.file("b/main.jsonl").path])
        #expect(result.status == 0, "\(result.stderr)")
        let written = try String(contentsOf: folder.file("b/main.jsonl"), encoding: .utf8).split(separator: "\n")
        #expect(written.count == 7)
        let header = try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any]
        #expect(header?["kind"] as? String == "codescore-baseline" && header?["schema_version"] as? Int == 1)
        #expect(header?["policy_sha256"] is String && header?["tool_version"] is String)
        let order = written.dropFirst().compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .map { "\($0["task"]!)/\($0["sample"]!)" }
        #expect(order == ["t00/0", "t00/1", "t01/0", "t01/1", "t02/0", "t02/1"])
        // The gate reads what baseline update wrote.
        let gate = try await codescore(["gate", "--baseline", folder.file("b/main.jsonl").path, "--results", folder.file("run").path])
        // Three identical tasks cannot reach p < 0.05 (2⁻³ = 0.125): INCONCLUSIVE, underpowered, exit 0.
        #expect(gate.status == 0, "\(gate.stderr)")
        #expect(gate.stdout.contains("INCONCLUSIVE (underpowered)"), "\(gate.stdout)")
    }
}

/// The checked-in baseline matches the suite: `make run` gates the reference model against it.
@Suite struct CheckedInBaselineTests {
    @Test func everyTaskOfTheSuiteIsInTheBaselineWithItsCurrentHash() async throws {
        let listing = try await codescore(["tasks", "list", "--json"])
        #expect(listing.status == 0)
        var suite: [String: String] = [:]
        for line in listing.stdout.split(separator: "\n") {
            let task = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            suite[task?["id"] as? String ?? ""] = task?["hash"] as? String
        }
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("baselines/main.jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(header?["tasks"] as? [String: String] == suite, "refresh it: codescore run --models reference --samples 6 --out /tmp/b && codescore baseline update --from /tmp/b")
        // k_baseline = 6 = 2 · k_candidate for the reference model.
        #expect(lines.count == 1 + suite.count * 6)
    }
}

extension GateTests {
    @Test func aBaselineScoredByAnotherJudgeIsRefusedUnlessAllowed() async throws {
        let folder = try TemporaryFolder()
        try write(folder, tasks: 30, samples: 1, baseline: { _, _ in 1 }, candidate: { _, _ in 1 })
        let text = try String(contentsOf: folder.file("baseline.jsonl"), encoding: .utf8)
            .replacingOccurrences(of: "\"kind\":\"codescore-baseline\"", with: #""judge":{"model":"gpt-judge","provider_kind":"openai","provider_model":"gpt-4o","prompt_template_sha256":"\#(String(repeating: "ab", count: 32))","temperature":0.7,"votes":3,"aggregation":"median","sees_test_outcome":false,"max_tokens":1024},"kind":"codescore-baseline""#)
        try folder.write("baseline.jsonl", text)
        let refused = try await gate(folder)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("the baseline has judge scores (judge gpt-judge (openai gpt-4o) · prompt abababab · t=0.7 · m=3 median) but this run was not judged"), "\(refused.stderr)")
        let allowed = try await gate(folder, ["--allow-judge-change"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }
}
