import Foundation
import Testing

/// CSV, JSONL, GitHub annotations, GitLab Code Quality, and `codescore report` re-rendering from files.
@Suite(.serialized)
struct ReportFilesTests {
    static let nasty = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "\t=1", "-cmd|' /c calc'!A1", "+1", "::error file=x::pwned",
                        "::add-mask::secret", "##[set-env name=X;]y", "line\u{2028}sep\u{2029}end"]

    /// 30 tasks whose ids are hostile strings, 10 of which regress (5 samples each side).
    func write(_ folder: TemporaryFolder) throws {
        var baseline = [#"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#]
        var candidate: [String] = []
        for index in 0..<30 {
            let task = index < Self.nasty.count ? Self.nasty[index] : "task-\(index)"
            for sample in 0..<5 {
                baseline.append(try JUnitTests.record(task: task, category: "backend", sample: sample, pass: 1, tail: ""))
                candidate.append(try JUnitTests.record(task: task, category: "backend", sample: sample, pass: index < 10 ? 0 : 1,
                                                       tail: Self.nasty.joined(separator: "\n")))
            }
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
    }

    @Test func csvJsonlAnnotationsAndCodeQuality() async throws {
        let folder = try TemporaryFolder()
        try write(folder)
        let result = try await codescore(
            ["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
             "--csv", folder.file("out.csv").path, "--jsonl", folder.file("out.jsonl").path,
             "--codequality", folder.file("cq.json").path],
            environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1, "\(result.stderr)")

        // CSV: parsed back with Python's csv module; formulas neutralised in text cells, numbers numeric.
        let script = """
            import csv, json, sys
            rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
            raw = open(sys.argv[1], 'rb').read()
            header = rows[0]
            tasks = sorted({r[header.index('task')] for r in rows[1:]})
            values = [r[header.index('value')] for r in rows[1:]]
            print(json.dumps({'crlf': raw.count(b'\\r\\n') >= len(rows), 'tasks': tasks,
                              'numeric': all(v.lstrip('-').replace('.', '', 1).isdigit() for v in values)}))
            """
        let parsed = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, folder.file("out.csv").path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let csv = try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(csv["crlf"] as? Bool == true)
        #expect(csv["numeric"] as? Bool == true)
        let tasks = csv["tasks"] as? [String] ?? []
        for dangerous in ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(1)", "\t=1", "-cmd|' /c calc'!A1", "+1"] {
            #expect(tasks.contains("'" + dangerous), "\(dangerous) not neutralised in \(tasks)")
            #expect(!tasks.contains(dangerous))
        }

        // JSONL: U+2028/2029 escaped, one record per line.
        let jsonl = try String(contentsOf: folder.file("out.jsonl"), encoding: .utf8)
        #expect(!jsonl.contains("\u{2028}") && jsonl.contains("\\u2028"))
        #expect(jsonl.split(separator: "\n").count == 150)

        // Annotations: at most 10 errors and one overflow notice; every line is one command whose data
        // cannot start another (no raw CR/LF; the payload never begins a line).
        let annotations = result.stdout.split(separator: "\n").filter { $0.hasPrefix("::") || $0.hasPrefix("##[") }
        #expect(annotations.filter { $0.hasPrefix("::error ") }.count == 10, "\(annotations)")
        #expect(annotations.filter { $0.hasPrefix("::warning ") }.count == 1)
        #expect(annotations.count == 11, "\(annotations)")
        for line in annotations { #expect(line.hasPrefix("::error title=") || line.hasPrefix("::warning title=")) }
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("::add-mask::") || $0.hasPrefix("##[set-env") })
        #expect(result.stdout.contains("::error title=codescore regressed task%3A %3A%3Aerror file=x%3A%3Apwned::"))

        // Code Quality: a JSON array, one issue per regressed task and metric, unique fingerprints.
        let issues = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("cq.json"))) as? [[String: Any]] ?? []
        #expect(issues.count == 11)
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 11)
        #expect(issues.allSatisfy { ($0["location"] as? [String: Any])?["path"] is String && $0["severity"] is String })
    }

    @Test func reportReRendersFromFilesWithoutRunning() async throws {
        let folder = try TemporaryFolder()
        try write(folder)
        let gate = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                        "--markdown", folder.file("first.md").path])
        #expect(gate.status == 1)
        let report = try await codescore(["report", "--results", folder.file("run").path, "--markdown", folder.file("second.md").path,
                                          "--junit", folder.file("junit.xml").path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOf: folder.file("first.md"), encoding: .utf8)
                == String(contentsOf: folder.file("second.md"), encoding: .utf8))
        #expect(FileManager.default.fileExists(atPath: folder.file("junit.xml").path))
        // Without a gate.json and without --baseline there is nothing to render.
        try FileManager.default.removeItem(at: folder.file("run/gate.json"))
        let missing = try await codescore(["report", "--results", folder.file("run").path, "--markdown", folder.file("third.md").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no gate.json"))
    }
}
