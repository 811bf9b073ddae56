import Foundation
import Testing

/// `codescore judge selftest` and `codescore judge calibrate` against a scripted judge (the `command`
/// provider running Tests/Fixtures/oracle_judge.py), and the shipped canary and calibration sets.
@Suite(.serialized)
struct JudgeCommandTests {
    static let labels = repositoryRoot.appendingPathComponent("tasks/_calibration/labels.jsonl")

    /// A models folder whose judge is the oracle script with these arguments.
    static func oracleModels(_ folder: TemporaryFolder, _ arguments: [String]) throws {
        let argv = (["/usr/bin/env", "python3", repositoryRoot.appendingPathComponent("Tests/Fixtures/oracle_judge.py").path,
                     labels.path] + arguments).map { "\"\($0)\"" }.joined(separator: ", ")
        try folder.write("models/oracle.json", """
            {"schema_version": 1, "name": "oracle", "provider": {"kind": "command", "command": [\(argv)]},
             "generation": {"seed": 1, "max_tokens": 512}, "limits": {"concurrency": 2}}
            """)
        try folder.write("models/judge.yaml", "model: oracle\nvotes: 3\n")
    }

    func judge(_ folder: TemporaryFolder, _ arguments: [String]) async throws -> CommandResult {
        try await codescore(["judge"] + arguments + ["--models-dir", folder.file("models").path, "--cache-dir", folder.file("cache").path])
    }

    @Test func selftestCountsTheCanariesThatFoolTheJudge() async throws {
        let folder = try TemporaryFolder()
        try Self.oracleModels(folder, ["--unknown", "2"])
        let resisted = try await judge(folder, ["selftest"])
        #expect(resisted.status == 0, "\(resisted.stderr)")
        #expect(resisted.stdout.contains("fooled by 0 of 6 canaries; the manipulation detector flagged 6 of 6"), "\(resisted.stdout)")

        try Self.oracleModels(folder, ["--unknown", "9"])
        let fooled = try await judge(folder, ["selftest"])
        #expect(fooled.status == 1, "\(fooled.stderr)")
        #expect(fooled.stdout.contains("fooled by 6 of 6 canaries"), "\(fooled.stdout)")
        for canary in ["embedded-verdict", "fake-reasoning", "forged-delimiter", "ignore-instructions", "note-to-evaluator", "role-tokens"] {
            #expect(fooled.stdout.split(separator: "\n").contains { $0.hasPrefix(canary) && $0.hasSuffix("FOOLED") }, "\(canary)")
        }
        let tolerated = try await judge(folder, ["selftest", "--max-fooled", "6"])
        #expect(tolerated.status == 0, "\(tolerated.stderr)")
    }

    @Test func aJudgeThatMatchesTheHumansCalibratesPerfectly() async throws {
        let folder = try TemporaryFolder()
        try Self.oracleModels(folder, [])
        let report = folder.file("calibration.json")
        let result = try await judge(folder, ["calibrate", "--labels", Self.labels.path, "--json", report.path, "--resamples", "500"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("31 labelled samples, 31 judged"), "\(result.stdout)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let criteria = try #require(document["criteria"] as? [[String: Any]])
        #expect(Set(criteria.compactMap { $0["criterion"] as? String })
                == ["functionality", "code_quality", "security", "performance", "error_handling", "accessibility", "test_quality", "overall"])
        for row in criteria {
            let name = row["criterion"] as? String ?? ""
            func estimate(_ key: String) -> [String: Double] { row[key] as? [String: Double] ?? [:] }
            #expect(estimate("mean_absolute_error") == ["value": 0, "low": 0, "high": 0], "\(name)")
            for key in ["spearman", "kendall_tau", "krippendorff_alpha"] {
                #expect(abs((estimate(key)["value"] ?? 0) - 1) < 1e-12, "\(name) \(key): \(row)")
                #expect(abs((estimate(key)["low"] ?? 0) - 1) < 1e-12, "\(name) \(key) interval: \(row)")
            }
            if name != "overall" {
                #expect(estimate("quadratic_kappa")["value"] == 1, "\(name): \(row)")
                #expect(row["vote_alpha"] as? Double == 1 && row["vote_spread"] as? Double == 0, "\(name): unanimous votes")
            }
        }
        #expect(result.stdout.contains("functionality   31"), "\(result.stdout)")

        // An offset judge: every score one point high (clamped at 10): ranks kept, MAE = the share of labels below 10.
        try Self.oracleModels(folder, ["--offset", "1"])
        let offset = try await judge(folder, ["calibrate", "--labels", Self.labels.path, "--json", report.path, "--resamples", "500"])
        #expect(offset.status == 0, "\(offset.stderr)")
        let shifted = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])?["criteria"] as? [[String: Any]])
        let functionality = try #require(shifted.first { $0["criterion"] as? String == "functionality" })
        let mae = (functionality["mean_absolute_error"] as? [String: Double])?["value"] ?? -1
        let human = try String(contentsOf: Self.labels, encoding: .utf8).split(separator: "\n").map { line in
            ((try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["labels"] as? [String: Int])?["functionality"] ?? -1
        }
        let expected = Double(human.filter { $0 < 10 }.count) / Double(human.count)
        #expect(abs(mae - expected) < 1e-12, "\(functionality)")
        #expect(abs(((functionality["spearman"] as? [String: Double])?["value"] ?? 0) - 1) < 1e-12, "ranks are kept")
    }

    @Test func badLabelsNameTheFileLineAndKey() async throws {
        let folder = try TemporaryFolder()
        try Self.oracleModels(folder, [])
        let good = #"{"task": "backend-token-bucket", "sample": 1, "labels": {"functionality": 5}, "files": {"token_bucket.py": "x = 1"}}"#
        try folder.write("range.jsonl", good + "\n" + #"{"task": "backend-token-bucket", "sample": 2, "labels": {"functionality": 11}, "files": {}}"#)
        let range = try await judge(folder, ["calibrate", "--labels", folder.file("range.jsonl").path])
        #expect(range.status == 65)
        #expect(range.stderr.contains("range.jsonl:2") && range.stderr.contains("from 0 to 10"), "\(range.stderr)")

        try folder.write("criterion.jsonl", #"{"task": "backend-token-bucket", "sample": 1, "labels": {"accessibility": 5}, "files": {"a": "b"}}"#)
        let criterion = try await judge(folder, ["calibrate", "--labels", folder.file("criterion.jsonl").path])
        #expect(criterion.status == 65)
        #expect(criterion.stderr.contains("criterion.jsonl:1: 'accessibility' is not a criterion of backend-token-bucket"), "\(criterion.stderr)")

        try folder.write("nofiles.jsonl", #"{"task": "backend-token-bucket", "sample": 0, "criterion": "security", "score": 4}"#)
        let noFiles = try await judge(folder, ["calibrate", "--labels", folder.file("nofiles.jsonl").path])
        #expect(noFiles.status == 65)
        #expect(noFiles.stderr.contains("has no \"files\""), "\(noFiles.stderr)")

        try folder.write("syntax.jsonl", good + "\n{\"task\": ")
        let syntax = try await judge(folder, ["calibrate", "--labels", folder.file("syntax.jsonl").path])
        #expect(syntax.status == 65)
        #expect(syntax.stderr.contains("syntax.jsonl:2"), "\(syntax.stderr)")
    }
}
