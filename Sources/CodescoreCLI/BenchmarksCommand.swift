import ArgumentParser
import CodescoreConfig
import CodescoreRunner
import CodescoreWrapper
import Foundation

extension CodescoreCommand {
    struct BenchmarksGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "benchmarks",
            abstract: "List or validate the external benchmark definitions (<models-dir>/benchmarks/*.yaml).",
            subcommands: [List.self, Validate.self])
    }
}

/// The definitions folder: `<models-dir>/benchmarks` unless given.
struct BenchmarkOptions: ParsableArguments {
    @OptionGroup var suite: SuiteOptions

    @Option(name: .customLong("benchmarks-dir"), help: "Folder of external benchmark definitions (default: <models-dir>/benchmarks).")
    var benchmarksDirectory: String?

    var folder: String { benchmarksDirectory ?? (suite.modelsDirectory as NSString).appendingPathComponent("benchmarks") }

    func load() throws -> [BenchmarkDefinition] { try loadBenchmarkDefinitions(folder: folder) }
}

/// Every definition in the folder (none when it does not exist); any problem is printed with its file and
/// key and exits 65.
func loadBenchmarkDefinitions(folder: String) throws -> [BenchmarkDefinition] {
    do {
        return try BenchmarkDefinition.loadAll(directory: URL(fileURLWithPath: folder), displayPath: folder)
    } catch {
        for problem in error.errors { printError(problem.description) }
        throw ExitStatus.badInput
    }
}

extension CodescoreCommand.BenchmarksGroup {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the external benchmarks and how each is run and read.")

        @OptionGroup var options: BenchmarkOptions

        func run() async throws {
            let rows = try options.load().map { definition in
                [definition.name, definition.generate == nil ? "command does everything" : "codescore generates (\(definition.generate!.problems.rawValue))",
                 definition.evaluate.argv[0], definition.results.parser.rawValue, definition.evaluate.sandbox ? "yes" : "NO"]
            }
            print(TextTable.render(header: ["NAME", "SHAPE", "PROGRAM", "PARSER", "SANDBOXED"], rows: rows))
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every definition, and that every benchmark a model opts into is built in or defined. Exit 65 on any problem.")

        @OptionGroup var options: BenchmarkOptions

        func run() async throws {
            let definitions = try options.load()
            let registry = try loadRegistry(options.suite)
            let problems = Benchmarks.unknown(in: registry.models, defined: Set(definitions.map(\.name)), definedIn: options.folder)
                .map(\.description)
            for problem in problems { printError(problem) }
            if !problems.isEmpty { throw ExitStatus.badInput }
            print("\(definitions.count) benchmark definitions valid in \(options.folder); every model's benchmarks are known")
        }
    }
}
