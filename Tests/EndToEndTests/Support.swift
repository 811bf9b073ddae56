import Foundation
import Testing

/// The repository checkout the tests run in.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The Python with the test packages (jsonschema, llama-cpp-python): `make test` sets CODESCORE_TEST_PYTHON.
let testPython: String = ProcessInfo.processInfo.environment["CODESCORE_TEST_PYTHON"]
    ?? repositoryRoot.appendingPathComponent(".venv/bin/python").path

/// The built `codescore` executable, next to the test bundle (or CODESCORE_BIN).
let codescoreBinary: URL = {
    if let path = ProcessInfo.processInfo.environment["CODESCORE_BIN"] { return URL(fileURLWithPath: path) }
    let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return executable.deletingLastPathComponent().appendingPathComponent("codescore")
}()

struct CommandResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program to completion with stdout and stderr captured in files (no pipe deadlocks).
/// Runs a program to completion without blocking a thread of the test process's cooperative pool
/// (blocked pool threads starve the sandbox's own deadline and stream tasks running alongside).
func runProgram(_ executable: URL, _ arguments: [String], environment: [String: String]? = nil,
                directory: URL = repositoryRoot) async throws -> CommandResult {
    let scratch = try TemporaryFolder()
    let outURL = scratch.url.appendingPathComponent("stdout")
    let errURL = scratch.url.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    if let environment { process.environment = environment }
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    await waitForExit(process)
    return CommandResult(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

/// The three foundation tasks, one per category: the runner tests count on exactly these.
let foundationTasks = ["--tasks", "backend-token-bucket", "--tasks", "frontend-escape-table", "--tasks", "testing-slugify"]

/// `run` and `gate` without a task filter get the three foundation tasks, so counts don't move as the suite grows.
func pinningTasks(_ arguments: [String]) -> [String] {
    guard let command = arguments.first, ["run", "gate"].contains(command),
          !arguments.contains("--tasks"), !arguments.contains("--tasks-dir"), !arguments.contains("--help") else { return arguments }
    return arguments + foundationTasks
}

/// Runs the built `codescore` with a clean environment plus `extra`.
func codescore(_ arguments: [String], environment extra: [String: String] = [:], directory: URL = repositoryRoot) async throws -> CommandResult {
    let arguments = pinningTasks(arguments)
    var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
    for (key, value) in extra { environment[key] = value }
    return try await runProgram(codescoreBinary, arguments, environment: environment, directory: directory)
}

/// A temporary folder removed when the value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("codescore-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: target, atomically: true, encoding: .utf8)
        return target
    }
}

/// A child process serving HTTP on 127.0.0.1 that reports its port on its first stdout line.
/// Its stdin is a pipe: when this object goes away the pipe closes and the child exits.
final class LoopbackServer {
    let process = Process()
    let stdinPipe = Pipe()
    let port: Int

    init(executable: URL, arguments: [String], readyPattern: String, timeout: Double = 30) throws {
        let stdoutPipe = Pipe()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = ""
        let deadline = Date().addingTimeInterval(timeout)
        var found: Int?
        while found == nil, Date() < deadline {
            let chunk = stdoutPipe.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer += String(decoding: chunk, as: UTF8.self)
            if let line = buffer.split(separator: "\n").first(where: { $0.contains(readyPattern) }),
               let port = Int(line.split(separator: ":").last ?? "") {
                found = port
            }
        }
        guard let found else {
            process.terminate()
            throw ServerError.didNotStart(buffer)
        }
        port = found
    }

    deinit {
        try? stdinPipe.fileHandleForWriting.close()
        process.terminate()
        process.waitUntilExit()
    }

    enum ServerError: Error { case didNotStart(String) }
}

/// The scripted OpenAI/Anthropic-shaped fixture server (Tests/Fixtures/fixture_server.py).
final class FixtureServer {
    let server: LoopbackServer

    init() throws {
        server = try LoopbackServer(
            executable: URL(fileURLWithPath: "/usr/bin/env"),
            arguments: ["python3", repositoryRoot.appendingPathComponent("Tests/Fixtures/fixture_server.py").path,
                        "--port", "0", "--max-seconds", "900"],
            readyPattern: "listening on")
    }

    /// The base URL of a scenario, e.g. `fail=2:503` → `http://127.0.0.1:PORT/fail=2:503/v1`.
    func baseURL(_ scenario: String) -> String { "http://127.0.0.1:\(server.port)/\(scenario)/v1" }

    /// Requests the server has seen, in all or for one scenario.
    func requestCount(scenario: String? = nil) async throws -> Int {
        let answer = try await httpGet("http://127.0.0.1:\(server.port)/_stats")
        let text = try #require(answer)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        guard let scenario else { return object?["requests"] as? Int ?? -1 }
        return (object?["by_scenario"] as? [String: Any])?[scenario] as? Int ?? 0
    }

}

/// GETs a loopback URL with Python's urllib (Foundation on Linux has no http: loading without
/// FoundationNetworking); nil when the server does not answer 2xx.
func httpGet(_ url: String) async throws -> String? {
    let script = "import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1], timeout=5).read().decode())"
    let result = try await runProgram(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, url])
    return result.status == 0 ? result.stdout : nil
}

/// A model file for the fixture server.
func fixtureModel(name: String, kind: String = "openai", baseURL: String, samples: Int = 1, concurrency: Int = 4,
                  timeout: Double = 10, maxRetries: Int = 4, apiKeyEnv: String? = nil, extraLimits: String = "") -> String {
    let key = apiKeyEnv.map { "\"\($0)\"" } ?? "null"
    return """
        {
          "schema_version": 1,
          "name": "\(name)",
          "provider": {"kind": "\(kind)", "base_url": "\(baseURL)", "model": "fixture", "api_key_env": \(key)},
          "generation": {"temperature": 0.5, "max_tokens": 64, "seed": 1, "samples": \(samples)},
          "limits": {"concurrency": \(concurrency), "request_timeout_seconds": \(timeout), "max_retries": \(maxRetries),
                     "retry_initial_delay_seconds": 0.05, "retry_max_delay_seconds": 0.2\(extraLimits)}
        }
        """
}

struct ParsedRecord {
    var json: [String: Any]
    var model: String { json["model"] as? String ?? "" }
    var status: String { json["status"] as? String ?? "" }
    var errorKind: String? { (json["error"] as? [String: Any])?["kind"] as? String }
    var attempts: Int { json["attempts"] as? Int ?? 0 }
    var cached: Bool { json["cached"] as? Bool ?? false }
    var key: String { "\(model)|\(json["task"] ?? "")|\(json["sample"] ?? "")" }
}

func readRecords(_ url: URL) throws -> [ParsedRecord] {
    try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
        ParsedRecord(json: try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:])
    }
}

/// Every file below `folder`, as bytes, for leak checks.
func allFileContents(_ folder: URL) -> [(path: String, data: Data)] {
    guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
    var files: [(String, Data)] = []
    for case let url as URL in enumerator {
        if (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, let data = FileManager.default.contents(atPath: url.path) {
            files.append((url.path, data))
        }
    }
    return files
}

/// Waits for a started process by polling, so no thread blocks.
func waitForExit(_ process: Process) async {
    while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
}
