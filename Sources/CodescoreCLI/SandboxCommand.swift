import ArgumentParser
import CodescoreConfig
import CodescoreSandbox
import Foundation

extension CodescoreCommand {
    struct SandboxRun: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
            abstract: "Run a command in the sandbox the way checks run: to try a check, or to see why the sandbox fails.",
            discussion: """
                The command runs in a fresh, empty workspace (or a copy of --copy-from) with the default limits \
                and prints its outcome, exit status, duration and output. Example: \
                codescore sandbox -- python3 -c 'import socket; socket.create_connection(("1.1.1.1", 443))'
                """)

        @OptionGroup var execution: ExecutionOptions

        @Option(name: .customLong("copy-from"), help: "A folder whose files are copied into the workspace first.")
        var copyFrom: String?

        @Option(name: .customLong("repeat"), help: "Run the command this many times (each in a fresh workspace) and print timing figures.")
        var repetitions: Int = 1

        @Option(name: .customLong("timeout"), help: "Wall-clock limit in seconds.")
        var timeoutSeconds: Double = 10

        @Flag(help: "Print one JSON object per run instead of text.")
        var json = false

        @Argument(parsing: .postTerminator, help: "The command and its arguments (after --).")
        var command: [String] = []

        func validate() throws {
            if command.isEmpty { throw ValidationError("give the command after --, e.g. codescore sandbox -- python3 -V") }
            if !(1...100_000).contains(repetitions) { throw ValidationError("--repeat must be from 1 to 100000.") }
        }

        func run() async throws {
            let scoring = try await ScoringSetup.makeOrExit(execution)
            defer { scoring.cleanUp() }
            if let copyFrom {
                // A folder holding the scratch folder (/tmp, /) would copy the workspace into itself without end.
                let source = URL(fileURLWithPath: copyFrom).resolvingSymlinksInPath().standardizedFileURL.path
                let scratch = scoring.scratch.resolvingSymlinksInPath().standardizedFileURL.path
                if scratch == source || scratch.hasPrefix(source == "/" ? "/" : source + "/") {
                    printError("--copy-from \(copyFrom) contains codescore's scratch folder \(scratch): the workspace would be copied "
                               + "into itself. Copy from a folder outside it.")
                    throw ExitCode(64)
                }
            }
            let sandbox = scoring.scorer.sandbox
            var durations: [Double] = []
            var last: ExecutionResult?
            for _ in 0..<repetitions {
                let workspace = try Workspace.create(under: scoring.scratch)
                defer { workspace.remove() }
                if let copyFrom { try copyFolder(URL(fileURLWithPath: copyFrom), into: workspace) }
                workspace.handOverToSandboxUser()
                let result = await sandbox.execute(ExecutionRequest(argv: command, workspace: workspace.root, wallSeconds: timeoutSeconds))
                durations.append(result.durationMS)
                last = result
                if json {
                    let line: JSONValue = .object([
                        "sandbox": .string(sandbox.name), "outcome": .string(result.outcome.rawValue),
                        "exit_code": result.exitCode.map(JSONValue.integer) ?? .null, "signal": result.signal.map(JSONValue.integer) ?? .null,
                        "duration_ms": .number(result.durationMS), "detail": result.detail.map(JSONValue.string) ?? .null,
                        "stdout_bytes": .integer(result.stdoutBytes), "stderr_bytes": .integer(result.stderrBytes),
                    ])
                    print(String(decoding: line.canonicalData(), as: UTF8.self))
                }
            }
            guard let last else { return }
            if !json {
                FileHandle.standardOutput.write(last.stdout)
                FileHandle.standardError.write(last.stderr)
                let sorted = durations.sorted()
                var summary = "sandbox \(sandbox.mode): \(last.outcome.rawValue)"
                if let detail = last.detail { summary += " (\(detail))" }
                summary += String(format: " · median %.1f ms over %d run(s)", sorted[sorted.count / 2], sorted.count)
                printError(summary)
            }
            if last.outcome != .passed { throw ExitCode(1) }
        }

        private func copyFolder(_ source: URL, into workspace: Workspace) throws {
            guard let enumerator = FileManager.default.enumerator(atPath: source.path) else { return }
            for case let relative as String in enumerator {
                var isDirectory: ObjCBool = false
                let path = source.appendingPathComponent(relative).path
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      let contents = FileManager.default.contents(atPath: path) else { continue }
                try workspace.write(relative, contents)
            }
        }
    }
}
