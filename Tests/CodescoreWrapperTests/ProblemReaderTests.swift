import CodescoreConfig
@testable import CodescoreWrapper
import Foundation
import Testing

/// Problem files of generate-shaped benchmarks (HumanEval, MBPP; plain or gzip) and the samples file.
@Suite struct ProblemReaderTests {
    static let humaneval = [
        #"{"task_id": "HumanEval/0", "prompt": "def add(a, b):\n    \"\"\"Add.\"\"\"\n", "canonical_solution": "    return a + b\n", "test": "def check(c): assert c(1, 2) == 3\n", "entry_point": "add"}"#,
        #"{"task_id": "HumanEval/1", "prompt": "def neg(a):\n", "canonical_solution": "    return -a\n", "test": "", "entry_point": "neg"}"#,
    ].joined(separator: "\n") + "\n"

    @Test func humanEvalPlainAndGzipReadTheSame() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let plain = try folder.write("HumanEval.jsonl", Self.humaneval)
        let gz = try folder.write("HumanEval.jsonl.gz", Data())
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["sh", "-c", "gzip -c \"$0\" > \"$1\"", plain.path, gz.path]
        try gzip.run()
        while gzip.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        #expect(gzip.terminationStatus == 0)

        let fromPlain = try await ProblemReader.load(plain, format: .humaneval, displayPath: "HumanEval.jsonl")
        let fromGzip = try await ProblemReader.load(gz, format: .humaneval, displayPath: "HumanEval.jsonl.gz")
        #expect(fromPlain.map(\.taskID) == ["HumanEval/0", "HumanEval/1"])
        #expect(fromPlain[0].prompt == "def add(a, b):\n    \"\"\"Add.\"\"\"\n" && fromPlain[0].entryPoint == "add")
        #expect(fromGzip.map(\.taskID) == fromPlain.map(\.taskID) && fromGzip.map(\.prompt) == fromPlain.map(\.prompt))
        #expect(fromGzip[1].source == "HumanEval.jsonl.gz:2")
    }

    @Test func mbppShowsTheTextAndItsFirstTest() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = try folder.write("mbpp.jsonl", #"{"task_id": 11, "text": "Remove first and last occurrence of a char.", "code": "", "test_list": ["assert remove_Occ(\"hello\",\"l\") == \"heo\"", "assert 1"]}"# + "\n")
        let problems = try await ProblemReader.load(file, format: .mbpp, displayPath: "mbpp.jsonl")
        #expect(problems.map(\.taskID) == ["11"])
        #expect(problems[0].prompt == "Remove first and last occurrence of a char.\nYour code should pass this test:\nassert remove_Occ(\"hello\",\"l\") == \"heo\"")
    }

    @Test("Mistakes name the file, line and key", arguments: [
        (#"{"task_id": "HumanEval/0"}"#, "p.jsonl:1", "prompt"),
        (#"{"task_id": 3, "prompt": "x"}"#, "p.jsonl:1", "task_id"),
        ("{\"task_id\": \"A\", \"prompt\": \"x\"}\n{\"task_id\": \"A\", \"prompt\": \"y\"}", "p.jsonl:2", "p.jsonl:1"),
        ("", "p.jsonl", "one problem per line"),
        ("{not json", "p.jsonl:1", "not valid JSON"),
    ])
    func mistakes(text: String, place: String, mention: String) async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = try folder.write("p.jsonl", text)
        do {
            _ = try await ProblemReader.load(file, format: .humaneval, displayPath: "p.jsonl")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(place) && error.description.contains(mention), "\(error.description)")
        }
    }

    @Test func aCorruptGzipIsAnError() async throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let file = try folder.write("p.jsonl.gz", "not gzip at all")
        await #expect(throws: HarnessParseError.self) { try await ProblemReader.load(file, format: .humaneval, displayPath: "p.jsonl.gz") }
    }

    @Test func theSamplesFileIsOneObjectPerLineInOrder() throws {
        let data = HarnessSamplesFile.render([("HumanEval/0", "    return a + b\n"), ("HumanEval/0", "    return 0\n")])
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: String]
        #expect(first == ["task_id": "HumanEval/0", "completion": "    return a + b\n"])
    }
}
