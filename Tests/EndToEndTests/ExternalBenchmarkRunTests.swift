import Foundation
import Testing

/// Wrapper mode through `codescore run` with a stand-in harness (Tests/Fixtures/fake_harness.py): what the
/// sandboxed harness can see, how a failing harness is recorded and retried, and a command-run benchmark
/// that opted out of the sandbox.
@Suite struct ExternalBenchmarkRunTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// Three HumanEval-shaped problems; "p/2"'s canonical answer fails the stand-in harness.
    static let problems = [("p/0", "    return True\n"), ("p/1", "    return True\n"), ("p/2", "    return False\n")]
        .map { id, body in #"{"task_id": "\#(id)", "prompt": "def f():\n    \"\"\"Say yes.\"\"\"\n", "entry_point": "f", "canonical_solution": "\#(body.replacingOccurrences(of: "\n", with: "\\n"))", "test": ""}"# }
        .joined(separator: "\n") + "\n"

    func setUp(_ folder: TemporaryFolder, mode: String) throws {
        try folder.write("models/benchmarks/problems.jsonl", Self.problems)
        try folder.write("secret.txt", "not for the harness")
        try folder.write("models/benchmarks/fake.yaml", """
            schema_version: 1
            name: fake
            generate:
              problems: humaneval
              path: problems.jsonl
            evaluate:
              argv: ["/usr/bin/python3", "\(Self.fixtures.path)/fake_harness.py", "\(mode)", "{samples}", "{run_dir}/out.jsonl",
                     "\(folder.file("secret.txt").path)", "\(folder.file("escaped.txt").path)"]
              env: [OPENAI_API_KEY, LANG]
              read_only: ["\(Self.fixtures.path)"]
              timeout_seconds: 60
            results:
              parser: jsonl
              path: "{run_dir}/out.jsonl"
              fields: {task: task_id, passed: passed, detail: detail}
            """)
        try folder.write("models/coder.json", """
            {"schema_version": 1, "name": "coder", "provider": {"kind": "command", "command": ["/usr/bin/python3",
              "\(Self.fixtures.path)/humaneval_answerer.py", "\(folder.file("models/benchmarks/problems.jsonl").path)"]},
             "benchmarks": ["fake"], "generation": {"max_tokens": 64}, "limits": {"concurrency": 2}}
            """)
    }

    func run(_ folder: TemporaryFolder, _ extra: [String] = []) async throws -> CommandResult {
        try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                             "--cache-dir", folder.file("cache").path, "--quiet", "--tasks", "p/*"] + extra,
                            environment: ["OPENAI_API_KEY": "sk-planted-for-the-harness"])
    }

    @Test("The sandboxed harness scores what was generated, sees only its run folder and read_only paths, and never gets a credential")
    func sandboxedHarness() async throws {
        let folder = try TemporaryFolder()
        try setUp(folder, mode: "score")
        let result = try await run(folder)
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl")).sorted { $0.key < $1.key }
        #expect(records.map { $0.json["passed"] as? Bool } == [true, true, false])
        #expect(records.allSatisfy { $0.json["benchmark"] as? String == "fake" && $0.status == "ok" })
        let detail = (records[0].json["execution"] as? [String: Any])?["detail"] as? String
        #expect(detail?.hasPrefix("key=False read=False") == true, "\(detail ?? "nil")")
        // Whatever it wrote outside its run folder went to the sandbox's private /tmp, not the host.
        #expect(!FileManager.default.fileExists(atPath: folder.file("escaped.txt").path))
        #expect(result.stderr.contains("fake (coder): 3 samples evaluated by its harness (sandbox: bubblewrap)"), "\(result.stderr)")
        let log = try String(contentsOf: folder.file("out/benchmarks/fake/coder/harness.log"), encoding: .utf8)
        #expect(log.contains("sandbox: bubblewrap; outcome: passed; exit status 0"))
        #expect(!allFileContents(folder.file("out")).contains { String(decoding: $0.data, as: UTF8.self).contains("sk-planted") })
        let schema = repositoryRoot.appendingPathComponent("docs/schemas/result-record.v1.schema.json").path
        let validation = try await runProgram(URL(fileURLWithPath: testPython),
                                              ["-c", OutputFormatTests.validateScript, schema, folder.file("out/results.jsonl").path])
        #expect(validation.status == 0, "external records follow the schema: \(validation.stdout)\(validation.stderr)")
    }

    @Test("A harness that fails turns its samples into harness_failed errors naming the status and its last output; a fixed definition reruns from the cache")
    func failingHarnessThenFixed() async throws {
        let folder = try TemporaryFolder()
        try setUp(folder, mode: "fail")
        let failed = try await run(folder)
        #expect(failed.status == 2, "\(failed.stderr)")
        #expect(failed.stderr.contains("benchmark 'fake', model 'coder': the command exited with status 3"), "\(failed.stderr)")
        #expect(failed.stderr.contains("RuntimeError: harness exploded"))
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 3 && records.allSatisfy { $0.status == "error" && $0.errorKind == "harness_failed" })

        try setUp(folder, mode: "nothing")
        let empty = try await run(folder)
        #expect(empty.status == 2 && empty.stderr.contains("its results cannot be read"), "\(empty.stderr)")

        try setUp(folder, mode: "score")
        let fixed = try await run(folder)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stderr.contains("3 cached") && fixed.stderr.contains("0 requests"), "\(fixed.stderr)")
        let scored = try readRecords(folder.file("out/results.jsonl"))
        #expect(scored.count == 3 && scored.allSatisfy { $0.status == "ok" })
    }

    @Test("A command-run benchmark that opts out of the sandbox runs once, with its allow-listed variables; reports say it was unsandboxed; a rerun keeps it")
    func unsandboxedCommandBenchmark() async throws {
        let folder = try TemporaryFolder()
        try folder.write("models/benchmarks/shell.yaml", """
            schema_version: 1
            name: shell
            evaluate:
              argv: ["/bin/sh", "-c", "test -n \\"$OPENAI_API_KEY\\" && test -z \\"$HIDDEN\\" && echo ran > {run_dir}/marker"]
              env: [OPENAI_API_KEY]
              sandbox: false
            results:
              parser: exit-code
            """)
        try folder.write("models/coder.json", """
            {"schema_version": 1, "name": "coder", "provider": {"kind": "reference"}, "benchmarks": ["shell"]}
            """)
        let arguments = ["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                         "--cache-dir", folder.file("cache").path, "--quiet"]
        let environment = ["OPENAI_API_KEY": "sk-trusted-tool", "HIDDEN": "not listed"]
        let first = try await runProgram(codescoreBinary, arguments, environment: environment, directory: repositoryRoot)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("shell (coder): its command reported 1 samples (UNSANDBOXED)"), "\(first.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 1 && records[0].json["task"] as? String == "shell"
                && (records[0].json["scores"] as? [String: Double])?["tests.pass"] == 1)
        #expect(FileManager.default.fileExists(atPath: folder.file("out/benchmarks/shell/coder/marker").path))

        let again = try await runProgram(codescoreBinary, arguments, environment: environment, directory: repositoryRoot)
        #expect(again.status == 0 && again.stderr.contains("results kept from the earlier run"), "\(again.stderr)")
        #expect(try readRecords(folder.file("out/results.jsonl")).count == 1)

        let baseline = try await codescore(["baseline", "update", "--from", folder.file("out").path, "--to", folder.file("b.jsonl").path])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let gate = try await codescore(["gate", "--results", folder.file("out").path, "--baseline", folder.file("b.jsonl").path,
                                        "--markdown", folder.file("summary.md").path, "--junit", folder.file("junit.xml").path])
        #expect(gate.stdout.contains("shell:tests.pass"), "\(gate.stdout)\n\(gate.stderr)")
        let summary = try String(contentsOf: folder.file("summary.md"), encoding: .utf8)
        #expect(summary.contains("benchmark shell ran its harness without a sandbox"))
        let junit = try String(contentsOf: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains(#"name="codescore.unsandboxed_benchmarks" value="shell""#))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/gate.json"))) as? [String: Any]
        #expect((report?["candidate"] as? [String: Any])?["unsandboxed_benchmarks"] as? [String] == ["shell"])
    }
}
