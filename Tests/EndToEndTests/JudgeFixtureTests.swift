import Foundation
import Testing

/// The judge path end to end: `codescore run` with the fixture server scripted as the judge model.
/// Every kind of bad answer is repaired once, then recorded as an invalid vote with its kind, counted in
/// the summary and run.json, and never turned into a score.
@Suite(.serialized)
struct JudgeFixtureTests {
    struct Mode: Sendable, CustomTestStringConvertible {
        var scenario: String
        /// Expected status of every vote, the problem kind of the first answer, and whether judge scores exist.
        var voteStatus: String
        var problem: String?
        var scored: Bool
        var repaired = false
        var testDescription: String { scenario }
    }

    static let modes: [Mode] = [
        Mode(scenario: "judge=valid", voteStatus: "valid", problem: nil, scored: true),
        Mode(scenario: "judge=prose", voteStatus: "valid", problem: nil, scored: true),
        Mode(scenario: "judge=missing", voteStatus: "invalid", problem: "missing_criterion", scored: false),
        Mode(scenario: "judge=eleven", voteStatus: "invalid", problem: "out_of_range", scored: false),
        Mode(scenario: "judge=nonint", voteStatus: "invalid", problem: "not_integer", scored: false),
        Mode(scenario: "judge=truncated", voteStatus: "invalid", problem: "truncated", scored: false),
        Mode(scenario: "judge=wrongschema", voteStatus: "invalid", problem: "wrong_schema", scored: false),
        Mode(scenario: "judge=noanswer", voteStatus: "invalid", problem: "no_json", scored: false),
        Mode(scenario: "judge=eleven,judge-repair=valid", voteStatus: "valid", problem: "out_of_range", scored: true, repaired: true),
    ]

    /// A models folder with the offline reference model and a fixture judge on `scenario`.
    static func models(_ folder: TemporaryFolder, server: FixtureServer, scenario: String, kind: String = "openai",
                       votes: Int = 3) throws {
        let reference = try String(contentsOf: repositoryRoot.appendingPathComponent("sample_models_config/reference.json"), encoding: .utf8)
        try folder.write("models/reference.json", reference)
        try folder.write("models/judge-model.json", fixtureModel(name: "judge-model", kind: kind, baseURL: server.baseURL(scenario), maxRetries: 1))
        try folder.write("models/judge.yaml", "model: judge-model\nvotes: \(votes)\nmax_tokens: 256\n")
    }

    static func judgeStats(_ server: FixtureServer) async throws -> (first: Int, repair: Int) {
        let text = try #require(try await httpGet("http://127.0.0.1:\(server.server.port)/_stats"))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let judge = object?["judge"] as? [String: Any]
        return (judge?["first"] as? Int ?? -1, judge?["repair"] as? Int ?? -1)
    }

    @Test(arguments: modes)
    func everyAnswerShapeIsHandledCountedAndVisible(mode: Mode) async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: mode.scenario)
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--models", "reference", "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--samples", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        let record = try #require(records.first)
        #expect(records.count == 1 && record.status == "ok", "\(record.json)")
        let scores = try #require(record.json["scores"] as? [String: Double])
        let judge = try #require(record.json["judge"] as? [String: Any], "no judge field: \(record.json)")
        let votes = try #require(judge["votes"] as? [[String: Any]])
        #expect(votes.count == 3)
        for vote in votes {
            #expect(vote["status"] as? String == mode.voteStatus, "\(mode.scenario): \(vote)")
            #expect((vote["problem"] as? [String: Any])?["kind"] as? String == mode.problem, "\(mode.scenario): \(vote)")
            if mode.voteStatus == "invalid" {
                #expect((vote["repair_problem"] as? [String: Any])?["kind"] as? String == mode.problem, "the repair failed the same way")
                #expect(vote["calls"] as? Int == 2, "one repair retry")
                #expect(vote["scores"] == nil, "an invalid vote has no scores")
            } else {
                #expect(vote["repaired"] as? Bool == mode.repaired)
            }
        }
        #expect(scores["judge.suspected_manipulation"] == 0)
        let schema = repositoryRoot.appendingPathComponent("docs/schemas/result-record.v1.schema.json").path
        let validation = try await runProgram(URL(fileURLWithPath: testPython),
                                              ["-c", OutputFormatTests.validateScript, schema, folder.file("out/results.jsonl").path])
        #expect(validation.status == 0, "the judged record follows the schema: \(validation.stdout)\(validation.stderr)")
        let counts = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any])?["judge_counts"] as? [String: Any])
        if mode.scored {
            // Seeds 1, 3, 5 (vote j is sent seed + 2j) → scores 7, 6, 8 on every criterion: median 7, spread 2/3.
            let expected = mode.repaired ? [8.0, 7.0, 6.0] : [7.0, 6.0, 8.0]
            let median = expected.sorted()[1]
            for criterion in ["functionality", "code_quality", "security", "performance", "error_handling"] {
                #expect(scores["judge.\(criterion)"] == median, "\(mode.scenario): \(scores)")
            }
            #expect(scores["judge.overall"] == median)
            #expect(abs((scores["judge.agreement"] ?? -1) - 2.0 / 3.0) < 1e-12, "\(scores)")
            #expect(judge["status"] as? String == "scored")
            #expect((judge["rationale"] as? String)?.hasPrefix("fixture overall (score \(Int(median)))") == true, "\(judge)")
            #expect(counts["valid_votes"] as? Int == 3 && counts["invalid_votes"] as? Int == 0)
            #expect(result.stderr.contains("3 valid and 0 invalid votes"), "\(result.stderr)")
        } else {
            #expect(scores.keys.filter { $0.hasPrefix("judge.") } == ["judge.suspected_manipulation"],
                    "no judge scores without a valid vote, never a zero: \(scores)")
            #expect(judge["status"] as? String == "unscored")
            #expect(counts["valid_votes"] as? Int == 0 && counts["invalid_votes"] as? Int == 3 && counts["unscored"] as? Int == 1)
            #expect((counts["problems"] as? [String: Any])?[mode.problem ?? ""] as? Int == 3, "\(counts)")
            #expect(result.stderr.contains("0 valid and 3 invalid votes (\(mode.problem ?? "") 3)"), "\(result.stderr)")
            #expect(result.stderr.contains("1 samples without a valid vote"), "\(result.stderr)")
        }
        let stats = try await Self.judgeStats(server)
        #expect(stats.first == 3)
        #expect(stats.repair == (mode.voteStatus == "valid" && !mode.repaired ? 0 : 3))
    }

    @Test func judgeIdentityIsInRunJSONAndCachedRerunMakesNoRequests() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: "judge=valid")
        let arguments = ["run", "--models-dir", folder.file("models").path, "--models", "reference",
                         "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--samples", "2"]
        let first = try await codescore(arguments + ["--out", folder.file("out1").path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("6 valid and 0 invalid votes · 2 requests + 6 judge requests"), "\(first.stderr)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out1/run.json"))) as? [String: Any])
        let identity = try #require(manifest["judge"] as? [String: Any])
        #expect(identity["model"] as? String == "judge-model")
        #expect(identity["votes"] as? Int == 3)
        #expect(identity["temperature"] as? Double == 0.7)
        #expect(identity["aggregation"] as? String == "median")
        #expect(identity["sees_test_outcome"] as? Bool == false)
        #expect((identity["prompt_template_sha256"] as? String)?.count == 64)

        // The fences differ on every call, yet the second run answers every vote from the cache.
        let second = try await codescore(arguments + ["--out", folder.file("out2").path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("+ 0 judge requests"), "\(second.stderr)")
        #expect(try await Self.judgeStats(server).first == 6)
        let again = try readRecords(folder.file("out2/results.jsonl"))
        #expect(again.allSatisfy { ($0.json["scores"] as? [String: Double])?["judge.overall"] == 7 })

        // The baseline written from the judged run carries the identity; a different judge is refused.
        let baseline = folder.file("baseline.jsonl").path
        let update = try await codescore(["baseline", "update", "--from", folder.file("out1").path, "--to", baseline])
        #expect(update.status == 0, "\(update.stderr)")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(String(contentsOf: URL(fileURLWithPath: baseline), encoding: .utf8)
            .split(separator: "\n")[0].utf8)) as? [String: Any])
        #expect((header["judge"] as? [String: Any])?["prompt_template_sha256"] as? String == identity["prompt_template_sha256"] as? String)
        try folder.write("models/judge.yaml", "model: judge-model\nvotes: 5\n")
        let changed = try await codescore(["gate", "--baseline", baseline, "--models-dir", folder.file("models").path, "--models", "reference",
                                           "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--samples", "2",
                                           "--out", folder.file("out3").path])
        #expect(changed.status == 65, "\(changed.stderr)")
        #expect(changed.stderr.contains("m=5") && changed.stderr.contains("not comparable"), "\(changed.stderr)")
    }

    @Test func aRejectedStructuredOutputDialectStopsTheRunWithAConfigurationError() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: "fail=all:500")
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--models", "reference", "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--samples", "1",
        ])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("HTTP 500 to a request for structured output in the 'json_schema' dialect"), "\(result.stderr)")
        #expect(result.stderr.contains("structured_output"), "\(result.stderr)")
    }

    @Test func anthropicJudgeAnswersThroughTheForcedTool() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: "judge=valid", kind: "anthropic", votes: 2)
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--models", "reference", "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "frontend-accordion", "--samples", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let record = try #require(try readRecords(folder.file("out/results.jsonl")).first)
        let scores = try #require(record.json["scores"] as? [String: Double])
        #expect(scores["judge.accessibility"] == 7 && scores["judge.overall"] == 7, "\(scores)")
        #expect(scores["judge.agreement"] == 0)
    }

    @Test(arguments: [false, true])
    func theTestOutcomeReachesTheJudgeOnlyWhenConfigured(sees: Bool) async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: "judge=valid", votes: 1)
        if sees { try folder.write("models/judge.yaml", "model: judge-model\nvotes: 1\nsees_test_outcome: true\n") }
        let result = try await codescore([
            "run", "--models-dir", folder.file("models").path, "--models", "reference", "--out", folder.file("out").path,
            "--cache-dir", folder.file("cache").path, "--tasks", "backend-token-bucket", "--samples", "1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let log = try #require(try await httpGet("http://127.0.0.1:\(server.server.port)/_requests?last=5"))
        let requests = try #require(try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]], "\(log)")
        let request = try #require(requests.last?["body"] as? [String: Any], "\(log)")
        let user = ((request["messages"] as? [[String: Any]]) ?? []).first { $0["role"] as? String == "user" }?["content"] as? String ?? ""
        #expect(user.contains("## Result of running the task's tests") == sees, "\(user.prefix(600))")
        #expect(user.contains("Outcome: passed") == sees)
        #expect(user.contains("<<CANDIDATE-"), "the candidate is fenced")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any])
        #expect((manifest["judge"] as? [String: Any])?["sees_test_outcome"] as? Bool == sees)
    }

    @Test func resumingAFolderJudgedByAnotherJudgeOutsideTheSelectionIsRefused() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try Self.models(folder, server: server, scenario: "judge=valid", votes: 1)
        let arguments = ["run", "--models-dir", folder.file("models").path, "--models", "reference", "--out", folder.file("out").path,
                         "--cache-dir", folder.file("cache").path, "--samples", "1"]
        let first = try await codescore(arguments + ["--tasks", "backend-token-bucket", "--tasks", "testing-slugify"])
        #expect(first.status == 0, "\(first.stderr)")
        try folder.write("models/judge.yaml", "model: judge-model\nvotes: 2\n")
        let narrowed = try await codescore(arguments + ["--tasks", "backend-token-bucket"])
        #expect(narrowed.status == 64, "\(narrowed.stderr)")
        #expect(narrowed.stderr.contains("outside this run's selection") && narrowed.stderr.contains("m=2"), "\(narrowed.stderr)")
        // The whole selection again: every kept sample is judged anew by the new judge.
        let whole = try await codescore(arguments + ["--tasks", "backend-token-bucket", "--tasks", "testing-slugify"])
        #expect(whole.status == 0, "\(whole.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 2)
        #expect(records.allSatisfy { (($0.json["judge"] as? [String: Any])?["votes"] as? [Any])?.count == 2 })
    }
}
