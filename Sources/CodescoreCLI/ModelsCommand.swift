import ArgumentParser
import CodescoreConfig
import CodescoreRunner
import Foundation

extension CodescoreCommand {
    struct Models: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or validate the model registry.",
            subcommands: [List.self, Validate.self])
    }
}

extension CodescoreCommand.Models {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the models of the registry.")

        @OptionGroup var suite: SuiteOptions

        func run() async throws {
            let registry = try loadRegistry(suite)
            let rows = registry.models.map { model in
                [model.name, model.provider.kind.rawValue, model.provider.model ?? "-",
                 model.provider.apiKeyEnv ?? "-", String(model.generation.samples), model.benchmarks.joined(separator: ",")]
            }
            print(TextTable.render(header: ["NAME", "KIND", "MODEL", "KEY VARIABLE", "K", "BENCHMARKS"], rows: rows))
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every model file. Exit 65 naming the file and key on any problem.")

        @OptionGroup var suite: SuiteOptions

        func run() async throws {
            let registry = try loadRegistry(suite)
            // Benchmark names are checked the way `run` checks them: built in, or defined in <models-dir>/benchmarks.
            let folder = (suite.modelsDirectory as NSString).appendingPathComponent("benchmarks")
            let defined = Set(try loadBenchmarkDefinitions(folder: folder).map(\.name))
            if let unknown = Benchmarks.unknown(in: registry.models, defined: defined, definedIn: folder).first {
                printError(unknown.description)
                throw ExitStatus.badInput
            }
            print("\(registry.models.count) models valid in \(suite.modelsDirectory)")
        }
    }
}
