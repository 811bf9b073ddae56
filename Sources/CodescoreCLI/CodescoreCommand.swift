import ArgumentParser
import Foundation

/// The `codescore` command line: parses, calls the libraries, maps outcomes to exit codes (SPEC §6).
@available(macOS 15, *)
public struct CodescoreCommand: AsyncParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "codescore",
        abstract: "Gate pull requests on the quality of LLM-generated code.",
        discussion: """
            Runs a code-generation benchmark against the models in a registry, records every sample in \
            results.jsonl, and (with later subcommands) scores, compares with a baseline and reports.

            Exit codes: 0 success, 1 regression, 2 incomplete run, 64 usage error, \
            65 bad input data (the message names the file and line or key), 70 internal error.
            """,
        version: version,
        subcommands: [Run.self, Gate.self, Report.self, Dashboard.self, BaselineGroup.self, JudgeGroup.self, BenchmarksGroup.self, Tasks.self, Models.self, SandboxRun.self]
    )

    public init() {}
}

/// Exit codes from SPEC §6.
enum ExitStatus {
    static let incomplete = ExitCode(2)
    static let usage = ExitCode(64)
    static let badInput = ExitCode(65)
    static let internalError = ExitCode(70)
}

/// Prints a diagnostic on stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data(("codescore: " + message + "\n").utf8))
}

/// Folder and filter options shared by the subcommands that read the registry and the suite.
struct SuiteOptions: ParsableArguments {
    @Option(name: .customLong("models-dir"), help: "Folder of model files (one JSON file per model).")
    var modelsDirectory = "sample_models_config"

    @Option(name: .customLong("tasks-dir"), help: "Folder of tasks laid out as <category>/<id>/task.yaml.")
    var tasksDirectory = "tasks"

    var modelsURL: URL { URL(fileURLWithPath: modelsDirectory) }
    var tasksURL: URL { URL(fileURLWithPath: tasksDirectory) }
}
