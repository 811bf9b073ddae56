import ArgumentParser
import CodescoreConfig
import Foundation

extension CodescoreCommand {
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or validate the task suite.",
            subcommands: [List.self, Validate.self])
    }
}

extension CodescoreCommand.Tasks {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tasks with their category, language and hash.")

        @OptionGroup var suite: SuiteOptions

        @Option(help: "Only tasks whose id matches this glob (repeatable).")
        var tasks: [String] = []

        @Option(help: "Only tasks of this category (frontend, backend, testing).")
        var category: TaskCategory?

        @Flag(help: "Print JSON lines instead of a table.")
        var json = false

        func run() async throws {
            let loaded = try loadSuite(suite)
            let selected = loaded.filtered(idGlobs: tasks, category: category)
            if json {
                for task in selected {
                    let line: JSONValue = .object([
                        "id": .string(task.id), "category": .string(task.category.rawValue),
                        "language": .string(task.language), "title": .string(task.title), "hash": .string(task.hash),
                        "tags": .array(task.tags.map(JSONValue.string)),
                    ])
                    print(String(decoding: line.canonicalData(), as: UTF8.self))
                }
                return
            }
            let rows = selected.map { [$0.id, $0.category.rawValue, $0.language, String($0.hash.prefix(12)), $0.title] }
            print(TextTable.render(header: ["ID", "CATEGORY", "LANGUAGE", "HASH", "TITLE"], rows: rows))
            FileHandle.standardError.write(Data("\(selected.count) of \(loaded.tasks.count) tasks\n".utf8))
        }
    }

    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every task: structure, referenced files, unique ids. Exit 65 on any problem.")

        @OptionGroup var suite: SuiteOptions

        func run() async throws {
            let loaded = try loadSuite(suite)
            print("\(loaded.tasks.count) tasks valid in \(suite.tasksDirectory)")
        }
    }
}

extension TaskCategory: ExpressibleByArgument {}

/// Loads the suite, printing every problem and exiting 65 if there is any.
func loadSuite(_ options: SuiteOptions) throws -> TaskSuite {
    do {
        return try TaskSuite.load(root: options.tasksURL, displayPath: options.tasksDirectory)
    } catch {
        for problem in error.errors { printError(problem.description) }
        throw ExitStatus.badInput
    }
}

/// Loads the model registry, printing every problem and exiting 65 if there is any.
func loadRegistry(_ options: SuiteOptions) throws -> ModelRegistry {
    do {
        return try ModelRegistry.load(directory: options.modelsURL, displayPath: options.modelsDirectory)
    } catch {
        for problem in error.errors { printError(problem.description) }
        throw ExitStatus.badInput
    }
}

/// Left-aligned columns for terminal listings. Cells are sanitised: no control characters.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let clean = ([header] + rows).map { $0.map(sanitize) }
        var widths = Array(repeating: 0, count: header.count)
        for row in clean { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return clean.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    static func sanitize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? " " : $0
        }))
    }
}
