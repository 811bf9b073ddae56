import Foundation
import Testing

/// `gate --junit`: valid against both schemas in ../shared/schemas/junit whatever the run contains.
@Suite(.serialized)
struct JUnitTests {
    /// The shared schemas, copied into Tests/Fixtures/junit-schemas so any checkout has them.
    static let schemas = ["jenkins-junit-10.xsd", "ant-junit.xsd"].map {
        repositoryRoot.appendingPathComponent("Tests/Fixtures/junit-schemas/\($0)")
    }

    /// A record whose execution carries `tail` as the failing check's output.
    static func record(task: String, category: String, sample: Int, pass: Double, tail: String, status: String = "ok",
                       message: String = "") throws -> String {
        var object: [String: Any] = [
            "attempts": 1, "benchmark": "builtin", "cached": false, "category": category, "created_at": "2026-11-25T00:00:00.000Z",
            "model": "m", "run_id": "r", "sample": sample, "schema_version": 1, "status": status, "task": task,
            "task_hash": "h-\(task)", "latency_ms": 12.5,
        ]
        if status == "ok" {
            object["scores"] = ["tests.pass": pass]
            object["passed"] = pass == 1
            object["execution"] = ["sandbox": "bubblewrap", "outcome": pass == 1 ? "passed" : "failed",
                                   "checks": [["name": "hidden tests", "outcome": pass == 1 ? "passed" : "failed", "duration_ms": 1,
                                               "stdout_tail": tail, "stderr_tail": tail, "stdout_bytes": 1, "stderr_bytes": 1]]]
        } else {
            object["scores"] = [String: Double]()
            object["error"] = ["kind": "sandbox_error", "message": message]
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    static let hostile = "ctl:\u{01}\u{08}\u{0B}\u{0C}\u{1F} ansi:\u{1B}[31mred\u{1B}[0m cdata:]]> close:</system-out></failure> "
        + "xml:<script>alert(1)</script>&amp; quote:\"' emoji:😀🧪 bom:\u{FEFF} nonchar:\u{FFFE}\u{FFFF} lone:\u{FFFD}"

    func validate(_ file: URL) async throws {
        for schema in Self.schemas {
            let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/xmllint"), ["--noout", "--schema", schema.path, file.path])
            #expect(result.status == 0, "\(schema.lastPathComponent): \(result.stderr.prefix(2000))")
        }
    }

    @Test func hostileContentStaysValidAgainstBothSchemas() async throws {
        let folder = try TemporaryFolder()
        var baseline = [#"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#]
        var candidate: [String] = []
        let longLine = String(repeating: "x", count: 100_000)
        // 30 tasks: 10 regress (with hostile output and a 100 KB line), one errors, the rest pass; two task
        // names become the same test name once whitespace is collapsed, and a name carries markup and controls.
        for index in 0..<30 {
            let task = index == 29 ? "dup x" : index == 28 ? "dup  x" : index == 27 ? "<b>\u{07}name</b> \u{1B}[1m" : "task-\(index)"
            let category = index >= 28 ? "frontend" : "backend"
            for sample in 0..<5 {
                baseline.append(try Self.record(task: task, category: category, sample: sample, pass: 1, tail: ""))
                if index == 26 {
                    candidate.append(try Self.record(task: task, category: category, sample: sample, pass: 0, tail: "",
                                                     status: "error", message: Self.hostile))
                } else {
                    let pass: Double = index < 10 ? 0 : 1
                    candidate.append(try Self.record(task: task, category: category, sample: sample, pass: pass,
                                                     tail: Self.hostile + (index == 0 ? longLine : "")))
                }
            }
        }
        // Lone invalid UTF-8 bytes in the file itself are replaced when read.
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        let junit = folder.file("junit.xml")
        let result = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                          "--junit", junit.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        try await validate(junit)
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(!xml.contains("\u{1B}"))
        #expect(!xml.contains("\u{01}"))
        #expect(!xml.unicodeScalars.contains("\u{FFFE}"))
        #expect(xml.contains("😀"))
        #expect(xml.contains("more characters cut by codescore"))
        #expect(xml.utf8.count < 1_000_000)

        // Read back with a real parser: counts and structure.
        let script = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            suite = root.find('testsuite')
            cases = suite.findall('testcase')
            names = [(c.get('classname'), c.get('name')) for c in cases]
            assert len(names) == len(set(names)), 'duplicate testcase'
            # Markup from data is text: no element it names exists in the parsed tree.
            assert root.find('.//script') is None and root.find('.//b') is None, 'markup from data became XML'
            assert any('<script>alert(1)</script>' in (e.text or '') for e in root.iter('failure')), 'payload not kept as text'
            failures = [c for c in cases if c.find('failure') is not None]
            errors = [c for c in cases if c.find('error') is not None]
            print(suite.get('tests'), suite.get('failures'), suite.get('errors'), len(failures), len(errors))
            print([c.get('name') for c in failures if c.get('classname') == 'codescore.gate'])
            print(sorted(c.get('name') for c in cases if c.get('classname') == 'frontend'))
            """
        let parsed = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, junit.path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n")
        // 30 task cases + 1 metric case; 10 regressed tasks + the metric fail; 1 task errors.
        #expect(lines.first == "31 11 1 11 1", "\(parsed.stdout)")
        #expect(lines.dropFirst().first == "['tests.pass']")
        #expect(lines.dropFirst(2).first == "['dup x', 'dup x (2)']")
    }

    @Test func anEmptyRunNeverReadsAsAllPassed() async throws {
        let folder = try TemporaryFolder()
        try folder.write("baseline.jsonl", #"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"# + "\n")
        try folder.write("run/results.jsonl", "")
        let junit = folder.file("junit.xml")
        let result = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                          "--junit", junit.path])
        #expect(result.status == 2, "\(result.stdout)")
        try await validate(junit)
        let xml = try String(contentsOf: junit, encoding: .utf8)
        #expect(xml.contains("errors=\"1\"") && xml.contains("type=\"empty\""), "\(xml)")
    }

    @Test func tenThousandErroringTasksStayUnderGitLabsLimit() async throws {
        let folder = try TemporaryFolder()
        let header = #"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#
        let message = String(repeating: "<error detail> ", count: 200)
        var baseline = [header]
        var candidate: [String] = []
        for index in 0..<10_000 {
            baseline.append(try Self.record(task: "t\(index)", category: "backend", sample: 0, pass: 1, tail: ""))
            candidate.append(try Self.record(task: "t\(index)", category: "backend", sample: 0, pass: 0, tail: "", status: "error",
                                             message: message))
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        let junit = folder.file("junit.xml")
        let result = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                          "--junit", junit.path])
        #expect(result.status == 2, "\(result.stderr)")
        let size = try FileManager.default.attributesOfItem(atPath: junit.path)[.size] as? Int ?? .max
        #expect(size < 30_000_000, "\(size) bytes")
        try await validate(junit)
        // Every task errors, and so does the metric: 100% failed samples is an incomplete run.
        #expect(try String(contentsOf: junit, encoding: .utf8).contains("tests=\"10001\" failures=\"0\" errors=\"10001\""))
    }
}
