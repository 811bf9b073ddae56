import Foundation
import Testing

/// `codescore run` against the scripted fixture server: retries, timeouts, error kinds, fail-fast on 401,
/// the cache, replay, and that a planted key never reaches any file or log.
@Suite(.serialized)
struct ProviderFixtureTests {
    /// Scenarios that succeed after retries, and ones that must end as counted errors.
    static let openAIScenarios: [(model: String, scenario: String, status: String, errorKind: String?, minAttempts: Int)] = [
        ("ok", "ok", "ok", nil, 1),
        ("latency", "latency=50", "ok", nil, 1),
        ("burst-500", "fail=2:500", "ok", nil, 3),
        ("burst-503", "fail=2:503", "ok", nil, 3),
        ("burst-529", "fail=1:529", "ok", nil, 2),
        ("retry-after-seconds", "retry-after=1", "ok", nil, 2),
        ("retry-after-date", "retry-after-date=1", "ok", nil, 2),
        ("retry-after-ms", "retry-after-ms=200", "ok", nil, 2),
        ("reset", "reset=1", "ok", nil, 2),
        ("truncated", "truncate=1", "ok", nil, 2),
        ("invalid-json", "invalid-json=all", "error", "invalid_response", 1),
        ("always-503", "fail=all:503", "error", "server_error", 3),
        ("bad-request", "status=400", "error", "client_error", 1),
    ]

    @Test func openAIShapeCompletesWhatCanCompleteAndCountsTheRest() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        for entry in Self.openAIScenarios {
            try folder.write("models/\(entry.model).json",
                             fixtureModel(name: entry.model, baseURL: server.baseURL(entry.scenario), maxRetries: 2))
        }
        try folder.write("models/trickle.json", fixtureModel(
            name: "trickle", baseURL: server.baseURL("trickle=100"), timeout: 1, maxRetries: 0))
        try folder.write("models/too-big.json", fixtureModel(
            name: "too-big", baseURL: server.baseURL("big=20000"), maxRetries: 0, extraLimits: ", \"max_response_bytes\": 4096"))

        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--max-errors", "100%",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == Self.openAIScenarios.count + 2)
        for entry in Self.openAIScenarios {
            let record = try #require(records.first { $0.model == entry.model }, "no record for \(entry.model)")
            #expect(record.status == entry.status, "\(entry.model): \(record.json)")
            #expect(record.errorKind == entry.errorKind, "\(entry.model)")
            #expect(record.attempts >= entry.minAttempts, "\(entry.model) made \(record.attempts) attempts")
        }
        #expect(records.first { $0.model == "trickle" }?.errorKind == "timeout")
        #expect(records.first { $0.model == "too-big" }?.errorKind == "response_too_large")
        let okRecord = try #require(records.first { $0.model == "ok" })
        #expect((okRecord.json["usage"] as? [String: Any])?["output_tokens"] as? Int ?? 0 > 0)
        #expect((okRecord.json["output"] as? String)?.contains("fixture answer") == true)
        // The summary counts the failures by kind.
        #expect(result.stderr.contains("10 ok, 5 failed"), "\(result.stderr)")
        #expect(result.stderr.contains("invalid_response 1"))
    }

    @Test func anthropicShapeRetriesOverloadAndHonoursRetryAfter() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        let scenarios = [("a-ok", "ok", "ok"), ("a-overloaded", "fail=2:529", "ok"), ("a-rate-limited", "retry-after=1", "ok"),
                         ("a-reset", "reset=1", "ok"), ("a-invalid", "invalid-json=all", "error")]
        for (name, scenario, _) in scenarios {
            try folder.write("models/\(name).json", fixtureModel(name: name, kind: "anthropic", baseURL: server.baseURL(scenario)))
        }
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--max-errors", "100%", "--samples", "2",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == scenarios.count * 2)
        for (name, _, status) in scenarios {
            #expect(records.filter { $0.model == name }.allSatisfy { $0.status == status }, "\(name)")
        }
        let ok = try #require(records.first { $0.model == "a-ok" })
        #expect((ok.json["usage"] as? [String: Any])?["input_tokens"] as? Int ?? 0 > 0)
    }

    @Test(arguments: ["openai", "anthropic"])
    func rejectedKeyFailsFastAndNeverLeaks(kind: String) async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        let secret = "sk-test-PLANTED-\(UUID().uuidString)"
        try folder.write("models/denied.json", fixtureModel(
            name: "denied", kind: kind, baseURL: server.baseURL("status=401"), concurrency: 1, apiKeyEnv: "FIXTURE_API_KEY"))
        try folder.write("models/fine.json", fixtureModel(
            name: "fine", kind: kind, baseURL: server.baseURL("latency=20"), concurrency: 1, apiKeyEnv: "FIXTURE_API_KEY"))
        let environment = ["FIXTURE_API_KEY": secret]
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--samples", "5", "--max-errors", "100%",
        ], environment: environment)
        #expect(result.status == 2)
        #expect(result.stderr.contains("rejected the credentials"), "\(result.stderr)")
        #expect(result.stderr.contains("FIXTURE_API_KEY"))
        // Fail fast: one rejected request stops the run, not the 15 the model would otherwise have made.
        #expect(try await server.requestCount(scenario: "status=401") == 1)

        // The server echoed the key in its 401 body; neither logs nor any written file may contain it.
        let ok = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--models", "fine", "--out", folder.file("out2").path,
            "--cache-dir", folder.file("cache").path, "--samples", "2",
        ], environment: environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        let secretBytes = Data(secret.utf8)
        for output in [result.stdout, result.stderr, ok.stdout, ok.stderr] {
            #expect(!output.contains(secret))
            #expect(!output.contains(String(secret.suffix(6))))
        }
        let files = allFileContents(folder.url).filter { !$0.path.contains("/models/") }
        #expect(files.count >= 6)
        for file in files {
            #expect(file.data.range(of: secretBytes) == nil, "key found in \(file.path)")
        }
    }

    @Test func missingKeyVariableIsAUsageErrorBeforeAnyRequest() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/m.json", fixtureModel(name: "m", baseURL: server.baseURL("ok"), apiKeyEnv: "CODESCORE_UNSET_KEY"))
        let result = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("CODESCORE_UNSET_KEY"))
        #expect(try await server.requestCount() == 0)
    }

    @Test func secondRunIsServedFromTheCacheAndReplayNeedsNoServer() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/m.json", fixtureModel(name: "m", baseURL: server.baseURL("latency=10"), samples: 3))
        let arguments = ["run", "--models-dir", folder.file("models").path, "--cache-dir", folder.file("cache").path]
        let first = try await codescore(arguments + ["--out", folder.file("out1").path])
        #expect(first.status == 0, "\(first.stderr)")
        let afterFirst = try await server.requestCount()
        #expect(afterFirst == 9)
        let firstRecords = try readRecords(folder.file("out1/results.jsonl"))
        // k samples are k different requests (the seed and the sample index differ).
        #expect(Set(firstRecords.compactMap { $0.json["output_sha256"] as? String }).count == 9)

        let second = try await codescore(arguments + ["--out", folder.file("out2").path])
        #expect(second.status == 0)
        #expect(try await server.requestCount() == afterFirst)
        let records = try readRecords(folder.file("out2/results.jsonl"))
        #expect(records.count == 9 && records.allSatisfy(\.cached))

        let replay = try await codescore(arguments + ["--out", folder.file("out3").path, "--replay"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(try await server.requestCount() == afterFirst)

        // A replay with an empty cache: every sample is a cache miss naming the request.
        let missing = try await codescore(["run", "--models-dir", folder.file("models").path, "--cache-dir", folder.file("empty").path,
                                     "--out", folder.file("out4").path, "--replay", "--max-errors", "100%"])
        // Every sample failed: incomplete whatever the budget (never a silent pass).
        #expect(missing.status == 2)
        let misses = try readRecords(folder.file("out4/results.jsonl"))
        #expect(misses.count == 9 && misses.allSatisfy { $0.errorKind == "cache_miss" })
        let message = (misses.first?.json["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("no cached response for model 'm', task '"), "\(message)")
        #expect(try await server.requestCount() == afterFirst)
    }

    @Test func errorBudgetStopsARunThatKeepsFailing() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/m.json", fixtureModel(name: "m", baseURL: server.baseURL("status=500"), samples: 20,
                                                        concurrency: 1, maxRetries: 0))
        let result = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                                    "--cache-dir", folder.file("cache").path, "--max-errors", "3"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("error budget of 3"))
        #expect(try await server.requestCount() < 60)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "incomplete")
    }
}
