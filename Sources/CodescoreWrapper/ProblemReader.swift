import CodescoreConfig
import Foundation
import Subprocess

/// One problem of a benchmark whose samples codescore generates (`generate:` in the definition).
public struct ExternalProblem: Sendable, Hashable {
    /// The harness's id, verbatim (`HumanEval/0`, `11` for MBPP).
    public var taskID: String
    /// What the model is shown: HumanEval's signature and docstring; MBPP's description and its first test.
    public var prompt: String
    /// The function the harness calls, when the format names it.
    public var entryPoint: String?
    /// Where it was read (`file:line`).
    public var source: String
    /// The problem's line as read, for the subset problem file a harness gets (`{problems}`).
    public var line: Data

    public init(taskID: String, prompt: String, entryPoint: String?, source: String, line: Data = Data()) {
        self.taskID = taskID
        self.prompt = prompt
        self.entryPoint = entryPoint
        self.source = source
        self.line = line
    }
}

/// Reads a generate-shaped benchmark's problem file: HumanEval or MBPP JSON Lines, plain or gzip-compressed
/// (`.gz` is decompressed with the system's `gzip -dc`). Every problem needs its id and text; mistakes name
/// the file, line and key.
public enum ProblemReader {
    public static func load(_ url: URL, format: BenchmarkDefinition.Generation.ProblemFormat,
                            displayPath: String) async throws(HarnessParseError) -> [ExternalProblem] {
        let data = url.pathExtension == "gz" ? try await gunzip(url, displayPath: displayPath)
            : try HarnessFile.read(url, displayPath: displayPath)
        var problems: [ExternalProblem] = []
        var seen: [String: Int] = [:]
        for (number, bytes) in HarnessFile.lines(data) {
            let location = ConfigLocation(file: displayPath, line: number)
            let line = JSONCursor(try HarnessFile.decode(bytes, at: location), at: location)
            _ = try line.fields()
            let problem: ExternalProblem
            switch format {
            case .humaneval:
                let id = try line.required("task_id", expected: "the task id (a string)").string(expected: "the task id (a string)")
                let prompt = try line.required("prompt", expected: "the prompt (a string)").string(expected: "the prompt (a string)")
                let entry = try line.optional("entry_point")?.string(expected: "the function name (a string)")
                problem = ExternalProblem(taskID: id, prompt: prompt, entryPoint: entry, source: "\(displayPath):\(number)", line: bytes)
            case .mbpp:
                let idValue = try line.required("task_id", expected: "the task id (a number)")
                let id = String(try idValue.count(expected: "the task id (a whole number)"))
                let text = try line.required("text", expected: "the problem text (a string)").string(expected: "the problem text (a string)")
                let tests = try line.required("test_list", expected: "the test assertions (a list of strings)")
                    .items(expected: "the test assertions (a list of strings)")
                let example = try tests.first?.string(expected: "a test assertion (a string)")
                let prompt = text + (example.map { "\nYour code should pass this test:\n\($0)" } ?? "")
                problem = ExternalProblem(taskID: id, prompt: prompt, entryPoint: nil, source: "\(displayPath):\(number)", line: bytes)
            }
            if let first = seen[problem.taskID] {
                throw .unexpectedValue(ConfigLocation(file: displayPath, keyPath: ["task_id"], line: number),
                                       expected: "a task id not given before (it is at \(displayPath):\(first))",
                                       found: "'\(problem.taskID)' again")
            }
            seen[problem.taskID] = number
            problems.append(problem)
        }
        guard !problems.isEmpty else { throw .empty(file: displayPath, expected: "one problem per line") }
        return problems
    }

    /// The decompressed bytes of a `.gz` file, through `gzip -dc` (no compression library is a dependency).
    static func gunzip(_ url: URL, displayPath: String) async throws(HarnessParseError) -> Data {
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw .unreadable(file: displayPath, reason: "no such file or not readable")
        }
        do {
            let result = try await Subprocess.run(.name("gzip"), arguments: ["-dc", "--", url.path],
                                                  output: .bytes(limit: 512 * 1024 * 1024), error: .string(limit: 4096))
            guard case .exited(0) = result.terminationStatus else {
                throw HarnessParseError.unreadable(file: displayPath, reason: "gzip could not decompress it ("
                    + (result.standardError ?? "").trimmingCharacters(in: .whitespacesAndNewlines) + ")")
            }
            return Data(result.standardOutput)
        } catch let error as HarnessParseError {
            throw error
        } catch {
            throw .unreadable(file: displayPath, reason: "gzip could not be run (\(error))")
        }
    }
}

/// The samples file a harness reads: one `{"task_id", "completion"}` object per line, in the given order.
public enum HarnessSamplesFile {
    /// The problems' own lines, one per line: a harness given this file sees exactly the selected problems.
    public static func problems(_ problems: [ExternalProblem]) -> Data {
        var data = Data()
        for problem in problems {
            data.append(problem.line)
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }

    public static func render(_ samples: [(taskID: String, completion: String)]) -> Data {
        var data = Data()
        for sample in samples {
            data.append(JSONValue.object(["task_id": .string(sample.taskID), "completion": .string(sample.completion)]).canonicalData())
            data.append(UInt8(ascii: "\n"))
        }
        return data
    }
}
