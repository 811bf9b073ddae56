import Foundation
import Testing

/// Judge results in every report: votes and invalid-vote counts, and samples flagged for suspected
/// manipulation in gate.json, the Markdown summary, JUnit, GitHub annotations, Code Quality and CSV.
@Suite(.serialized)
struct JudgeReportTests {
    static let hostileTask = "evil</system-err><script>alert(1)</script>"

    /// A record of `JUnitTests.record` with judge scores and votes; `flagged` adds manipulation findings,
    /// `unscored` leaves it without a valid vote.
    static func judgedRecord(task: String, sample: Int, overall: Double, flagged: Bool = false, unscored: Bool = false) throws -> String {
        let base = try JUnitTests.record(task: task, category: "backend", sample: sample, pass: 1, tail: "")
        var object = try JSONSerialization.jsonObject(with: Data(base.utf8)) as? [String: Any] ?? [:]
        var scores = object["scores"] as? [String: Double] ?? [:]
        scores["judge.suspected_manipulation"] = flagged ? 1 : 0
        var votes: [[String: Any]] = []
        if unscored {
            votes = [["index": 0, "status": "invalid", "calls": 2, "cached": false,
                      "problem": ["kind": "truncated", "detail": "cut"], "repair_problem": ["kind": "truncated", "detail": "cut"]]]
        } else {
            scores["judge.overall"] = overall
            votes = [["index": 0, "status": "valid", "calls": 1, "cached": false, "scores": ["functionality": Int(overall)]]]
        }
        object["scores"] = scores
        object["judge"] = [
            "status": unscored ? "unscored" : "scored", "valid_votes": unscored ? 0 : 1, "invalid_votes": unscored ? 1 : 0,
            "votes": votes, "suspected_manipulation": flagged,
            "manipulation": flagged ? [["rule": "ignore-instructions", "file": "a.py", "excerpt": "ignore all previous instructions"],
                                       ["rule": "forged-delimiter", "file": "a.py", "excerpt": "<<END CANDIDATE-"]] : [],
        ]
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func flagsAndVoteCountsReachEveryReport() async throws {
        let folder = try TemporaryFolder()
        var baseline = [#"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#]
        var candidate: [String] = []
        for index in 0..<30 {
            let task = index == 0 ? Self.hostileTask : "task-\(index)"
            for sample in 0..<3 {
                baseline.append(try Self.judgedRecord(task: task, sample: sample, overall: 7))
                candidate.append(try Self.judgedRecord(task: task, sample: sample, overall: 7, flagged: index < 2 && sample == 1,
                                                       unscored: index == 29 && sample == 2))
            }
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        let result = try await codescore(
            ["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
             "--junit", folder.file("junit.xml").path, "--markdown", folder.file("summary.md").path,
             "--csv", folder.file("out.csv").path, "--codequality", folder.file("cq.json").path],
            environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 0, "\(result.stderr)")

        let gate = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("run/gate.json"))) as? [String: Any])
        let judge = try #require(gate["judge"] as? [String: Any])
        #expect(judge["judged"] as? Int == 90 && judge["unscored"] as? Int == 1)
        #expect(judge["valid_votes"] as? Int == 89 && judge["invalid_votes"] as? Int == 1)
        #expect((judge["problems"] as? [String: Int]) == ["truncated": 1])
        let flagged = try #require(judge["flagged"] as? [[String: Any]])
        #expect(flagged.count == 2)
        #expect(flagged.allSatisfy { $0["rules"] as? [String] == ["forged-delimiter", "ignore-instructions"] && $0["sample"] as? Int == 1 })

        let summary = try String(contentsOf: folder.file("summary.md"), encoding: .utf8)
        #expect(summary.contains("89 valid and 1 invalid votes (truncated 1)"), "\(summary)")
        #expect(summary.contains("1 samples got no valid judge vote"))
        #expect(summary.contains("**Suspected judge manipulation** in 2 samples"))
        #expect(summary.contains("task-1 · sample 1: forged-delimiter, ignore-instructions"), "\(summary)")
        #expect(!summary.contains("<script>"), "the hostile task name is escaped")

        let annotations = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning title=codescore suspected judge manipulation") }
        #expect(annotations.count == 2, "\(result.stdout)")
        #expect(annotations.allSatisfy { $0.contains("the candidate's text addresses the judge (forged-delimiter, ignore-instructions)") })

        let junit = try String(contentsOf: folder.file("junit.xml"), encoding: .utf8)
        #expect(junit.contains("suspected judge manipulation: task-1 sample 1 (forged-delimiter, ignore-instructions)"))
        #expect(junit.contains(#"<property name="codescore.judge.invalid_votes" value="1"/>"#))
        #expect(junit.contains(#"<property name="codescore.judge.suspected_manipulation" value="2"/>"#))
        try await JUnitTests().validate(folder.file("junit.xml"))

        let issues = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("cq.json"))) as? [[String: Any]] ?? []
        #expect(issues.filter { $0["check_name"] as? String == "codescore-judge-manipulation" }.count == 2)

        let csv = try String(contentsOf: folder.file("out.csv"), encoding: .utf8)
        #expect(csv.split(separator: "\r\n").filter { $0.contains(",judge.suspected_manipulation,1") }.count == 2, "\(csv.prefix(400))")
    }

    @Test func aJudgedBaselineGatesAnUnjudgedRunOnlyWithTheFlagAndThenWithoutJudgeMetrics() async throws {
        let folder = try TemporaryFolder()
        let identity = #""judge":{"model":"j","provider_kind":"openai","provider_model":"j","prompt_template_sha256":"\#(String(repeating: "cd", count: 32))","temperature":0.7,"votes":3,"aggregation":"median","sees_test_outcome":false,"max_tokens":1024},"#
        var baseline = [#"{"created_at":"2026-11-25T00:00:00.000Z","# + identity + #""kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#]
        var candidate: [String] = []
        for index in 0..<30 {
            for sample in 0..<3 {
                baseline.append(try Self.judgedRecord(task: "task-\(index)", sample: sample, overall: 7))
                candidate.append(try JUnitTests.record(task: "task-\(index)", category: "backend", sample: sample, pass: 1, tail: ""))
            }
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        try folder.write("run/run.json", "{}")
        let gateArguments = ["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path]
        let refused = try await codescore(gateArguments)
        #expect(refused.status == 65, "\(refused.stderr)")
        let allowed = try await codescore(gateArguments + ["--allow-judge-change"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let gate = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("run/gate.json"))) as? [String: Any])
        let metrics = (gate["comparisons"] as? [[String: Any]] ?? []).compactMap { $0["metric"] as? String }
        #expect(metrics == ["tests.pass"], "\(metrics)")
    }
}
