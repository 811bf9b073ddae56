import Foundation
import Testing

/// Samples are executed in the real sandbox and their scores land in results.jsonl.
@Suite(.serialized)
struct ExecutionScoringTests {
    func manifest(_ folder: TemporaryFolder) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any] ?? [:]
    }

    @Test func referenceAnswersPassTheirChecksInTheSandbox() async throws {
        let folder = try TemporaryFolder()
        let result = try await codescore(["run", "--models", "reference", "--samples", "1", "--out", folder.file("out").path, "--no-cache"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("3/3 passed their checks"), "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 3)
        for record in records {
            let scores = record.json["scores"] as? [String: Double] ?? [:]
            #expect(record.json["passed"] as? Bool == true, "\(record.key): \(record.json["execution"] ?? "")")
            #expect(scores["tests.pass"] == 1 && scores["tests.fraction"] == 1)
            let execution = record.json["execution"] as? [String: Any] ?? [:]
            #expect(execution["sandbox"] as? String == "bubblewrap")
            let checks = execution["checks"] as? [[String: Any]] ?? []
            #expect(!checks.isEmpty && checks.allSatisfy { $0["outcome"] as? String == "passed" })
            // Per-test counts come from the checks' JUnit reports.
            #expect(checks.allSatisfy { (($0["tests"] as? [String: Any])?["total"] as? Int ?? 0) > 1 })
        }
        let slugify = records.first { $0.json["task"] as? String == "testing-slugify" }
        #expect((slugify?.json["scores"] as? [String: Double])?["tests.mutation_score"] == 1)
        #expect(try manifest(folder)["sandbox"] as? String == "bubblewrap")
    }

    @Test func aWrongAnswerIsAScoredFailureAndHostilePathsAreRefused() async throws {
        let folder = try TemporaryFolder()
        // A model that answers a token bucket that never refills, plus a git hook outside the workspace.
        let answer = """
            ```python token_bucket.py
            class TokenBucket:
                def __init__(self, capacity, refill_per_second, clock=None):
                    self.tokens = capacity
                def try_acquire(self, amount=1):
                    return False
            ```

            ```sh ../../.git/hooks/pre-commit
            echo owned > /tmp/codescore-owned
            ```
            """
        let reply = try JSONSerialization.data(withJSONObject: ["completion": answer])
        try folder.write("reply.json", String(decoding: reply, as: UTF8.self))
        try folder.write("models/wrong.json", """
            {"name": "wrong", "provider": {"kind": "command", "command": ["/bin/cat", "\(folder.file("reply.json").path)"]},
             "generation": {"samples": 2}}
            """)
        let hook = repositoryRoot.appendingPathComponent(".git/hooks/pre-commit")
        let hookBefore = try? Data(contentsOf: hook)
        let result = try await codescore(["run", "--models-dir", folder.file("models").path, "--tasks", "backend-token-bucket",
                                    "--out", folder.file("out").path, "--no-cache", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect(records.count == 2)
        for record in records {
            #expect(record.status == "ok")
            #expect(record.json["passed"] as? Bool == false)
            let scores = record.json["scores"] as? [String: Double] ?? [:]
            #expect(scores["tests.pass"] == 0)
            #expect((scores["tests.fraction"] ?? 1) < 1 && (scores["tests.fraction"] ?? 0) > 0, "\(scores)")
            let execution = record.json["execution"] as? [String: Any] ?? [:]
            #expect(execution["refused_paths"] as? [String] == ["../../.git/hooks/pre-commit"])
            #expect(execution["outcome"] as? String == "failed")
        }
        #expect((try? Data(contentsOf: hook)) == hookBefore)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/codescore-owned"))
    }

    @Test func unsafeModeSaysSoInTheManifestAndOnStderr() async throws {
        let folder = try TemporaryFolder()
        let result = try await codescore(["run", "--models", "reference", "--samples", "1", "--tasks", "backend-token-bucket",
                                    "--out", folder.file("out").path, "--no-cache", "--unsafe-no-sandbox", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("--unsafe-no-sandbox: generated code runs without isolation"))
        #expect(try manifest(folder)["sandbox"] as? String == "none")
        let records = try readRecords(folder.file("out/results.jsonl"))
        #expect((records.first?.json["execution"] as? [String: Any])?["sandbox"] as? String == "none")
        #expect(records.first?.json["passed"] as? Bool == true)
    }

    @Test func validateExecuteRunsReferencesAndWrongSolutions() async throws {
        let result = try await codescore(["tasks", "validate", "--execute", "--tasks", "backend-token-bucket", "--tasks", "testing-slugify"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 tasks: 4 solutions behaved as expected (sandbox: bubblewrap)"), "\(result.stdout)")

        // A suite whose "wrong" solution is in fact correct fails validation with exit 65.
        let folder = try TemporaryFolder()
        let source = repositoryRoot.appendingPathComponent("tasks/backend/backend-token-bucket")
        let copy = folder.file("tasks/backend/backend-token-bucket")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: source, to: copy)
        let wrong = try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("wrong").path)[0]
        let target = copy.appendingPathComponent("wrong/\(wrong)/token_bucket.py")
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: copy.appendingPathComponent("reference/token_bucket.py"), to: target)
        let broken = try await codescore(["tasks", "validate", "--execute", "--tasks-dir", folder.file("tasks").path])
        #expect(broken.status == 65)
        #expect(broken.stdout.contains("WRONG"))
        #expect(broken.stderr.contains("1 of 2 solutions did not behave as expected"), "\(broken.stderr)")
    }

    @Test func passAtKIsReportedPerModelByTheUnbiasedEstimator() async throws {
        let folder = try TemporaryFolder()
        // Sample 0 answers the reference solution, sample 1 an empty file: c = 1 of n = 2 per task.
        try folder.write("agent.py", """
            import json, sys
            request = json.load(sys.stdin)
            body = open('tasks/backend/backend-token-bucket/reference/token_bucket.py').read() if request['sample'] == 0 else ''
            print(json.dumps({'completion': '```python token_bucket.py\\n' + body + '\\n```\\n'}))
            """)
        try folder.write("models/half.json", """
            {"name": "half", "provider": {"kind": "command", "command": ["python3", "\(folder.file("agent.py").path)"]},
             "generation": {"samples": 2}}
            """)
        let result = try await codescore(["run", "--models-dir", folder.file("models").path, "--tasks", "backend-token-bucket",
                                          "--out", folder.file("out").path, "--no-cache", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1/2 passed their checks"), "\(result.stderr)")
        // pass@1 = 1 − C(1,1)/C(2,1) = 0.5; pass@2 = 1 − C(1,2)/C(2,2) = 1.
        #expect(result.stderr.contains("codescore run: half: pass@1 0.500 · pass@2 1.000 over 1 tasks"), "\(result.stderr)")
    }
}
