import Foundation
import Testing

/// `gate --markdown`: rendered with a real CommonMark renderer (markdown-it-py), hostile model output
/// stays inert, and the comment stays within 60,000 characters whatever the suite size.
@Suite(.serialized)
struct MarkdownTests {
    static let hostile = "```\nbreak out\n````\n<img src=x onerror=alert(1)>\n<details open><summary>pwn</summary>x</details>\n"
        + "@org/team please look\n<!-- codescore-summary -->\n</details>\n"

    func render(_ file: URL) async throws -> [String: Any] {
        let python = ProcessInfo.processInfo.environment["CODESCORE_TEST_PYTHON"]
            ?? repositoryRoot.appendingPathComponent(".venv/bin/python").path
        let result = try await runProgram(URL(fileURLWithPath: python),
                                          [repositoryRoot.appendingPathComponent("Tests/Fixtures/render_markdown.py").path, file.path])
        try #require(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    }

    func gate(tasks: Int, tail: String, taskName: (Int) -> String) async throws -> (CommandResult, URL, TemporaryFolder) {
        let folder = try TemporaryFolder()
        var baseline = [#"{"created_at":"2026-11-25T00:00:00.000Z","kind":"codescore-baseline","models":[],"schema_version":1,"tasks":{},"tool_version":"0.1.0"}"#]
        var candidate: [String] = []
        for index in 0..<tasks {
            for sample in 0..<5 {
                baseline.append(try JUnitTests.record(task: taskName(index), category: "backend", sample: sample, pass: 1, tail: ""))
                candidate.append(try JUnitTests.record(task: taskName(index), category: "backend", sample: sample,
                                                       pass: index < tasks / 3 ? 0 : 1, tail: tail))
            }
        }
        try folder.write("baseline.jsonl", baseline.joined(separator: "\n") + "\n")
        try folder.write("run/results.jsonl", candidate.joined(separator: "\n") + "\n")
        let markdown = folder.file("summary.md")
        let result = try await codescore(["gate", "--baseline", folder.file("baseline.jsonl").path, "--results", folder.file("run").path,
                                          "--markdown", markdown.path])
        return (result, markdown, folder)
    }

    @Test func hostileModelOutputStaysInsideItsFence() async throws {
        let (result, markdown, folder) = try await gate(tasks: 30, tail: Self.hostile) { index in
            index == 0 ? "<img src=x onerror=alert(1)> @org/team" : "task-\(index)"
        }
        #expect(result.status == 1, "\(result.stdout)")
        _ = folder
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.hasPrefix("### ❌ codescore: **REGRESSION**"), "\(text.prefix(200))")
        let rendered = try await render(markdown)
        // The only raw HTML is what codescore wrote itself: <details>, <summary>, <sub>, the marker.
        let raw = (rendered["raw_html"] as? [String] ?? []).flatMap { $0.split(separator: "\n").map(String.init) }
        #expect(!raw.isEmpty)
        for tag in raw {
            #expect(tag.hasPrefix("<details><summary>") || tag == "</details>" || tag.hasPrefix("<sub>") || tag == "</sub>"
                    || tag == "<!-- codescore-summary -->", "unexpected raw HTML: \(tag)")
        }
        #expect(rendered["img_tags"] as? Int == 0)
        #expect(rendered["mention"] as? Bool == false)
        // The sticky marker is one top-level HTML comment; the copy in the model output stayed in code.
        #expect(rendered["marker_blocks"] as? [String] == ["<!-- codescore-summary -->"])
        #expect((rendered["code_blocks"] as? Int ?? 0) >= 1)
    }

    @Test func aHugeReportStaysWithinSixtyThousandCharacters() async throws {
        let (result, markdown, folder) = try await gate(tasks: 900, tail: String(repeating: "x", count: 2000) + Self.hostile) { "task-\($0)" }
        #expect(result.status == 1)
        _ = folder
        let text = try String(contentsOf: markdown, encoding: .utf8)
        #expect(text.count <= 60_000, "\(text.count) characters")
        #expect(text.contains("to fit the 60000-character limit; gate.json has everything"))
        #expect(text.hasSuffix("<!-- codescore-summary -->\n"))
        let rendered = try await render(markdown)
        #expect(rendered["img_tags"] as? Int == 0)
        #expect(rendered["marker_blocks"] as? [String] == ["<!-- codescore-summary -->"])
    }

    @Test func theStepSummaryIsAppendedOnGitHub() async throws {
        let folder = try TemporaryFolder()
        try folder.write("step.md", "earlier step\n")
        let (_, _, source) = try await gate(tasks: 30, tail: "") { "task-\($0)" }
        let result = try await codescore(["gate", "--baseline", source.file("baseline.jsonl").path, "--results", source.file("run").path],
                                         environment: ["GITHUB_STEP_SUMMARY": folder.file("step.md").path])
        #expect(result.status == 1)
        let text = try String(contentsOf: folder.file("step.md"), encoding: .utf8)
        #expect(text.hasPrefix("earlier step\n### ❌ codescore: **REGRESSION**"))
    }
}
