import ArgumentParser
import CodescoreConfig
import CodescoreProviders
import CodescoreScoring
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
            abstract: "Check every task: structure, referenced files, unique ids. Exit 65 on any problem.",
            discussion: """
                With --execute, also runs every reference solution and every wrong solution through the sandbox, \
                rendered as a model would answer: references must pass all checks (testing tasks: kill every \
                mutant), wrong solutions must not. Exit 65 when one does not behave.
                """)

        @OptionGroup var suite: SuiteOptions

        @Option(help: "Only tasks whose id matches this glob (repeatable).")
        var tasks: [String] = []

        @Option(help: "Only tasks of this category (frontend, backend, testing).")
        var category: TaskCategory?

        @Flag(help: "Run reference and wrong solutions in the sandbox.")
        var execute = false

        @OptionGroup var execution: ExecutionOptions

        func run() async throws {
            let loaded = try loadSuite(suite)
            guard execute else {
                print("\(loaded.tasks.count) tasks valid in \(suite.tasksDirectory)")
                return
            }
            let selected = loaded.filtered(idGlobs: tasks, category: category)
            let scoring = try await ScoringSetup.makeOrExit(execution)
            defer { scoring.cleanUp() }
            let outcomes = await SolutionCheck.run(selected, scorer: scoring.scorer)
            var rows: [[String]] = []
            var problems = 0
            for outcome in outcomes {
                if !outcome.asExpected { problems += 1 }
                rows.append([outcome.task, outcome.solution, outcome.expectPass ? "pass" : "fail", outcome.summary,
                             outcome.asExpected ? "ok" : "WRONG"])
            }
            print(TextTable.render(header: ["TASK", "SOLUTION", "EXPECTED", "GOT", "VERDICT"], rows: rows))
            let tasksWithoutWrong = selected.filter { $0.wrongSolutions.isEmpty }.map(\.id)
            if !tasksWithoutWrong.isEmpty {
                printError("note: no wrong_solutions to check in \(tasksWithoutWrong.joined(separator: ", ")).")
            }
            if problems > 0 {
                printError("\(problems) of \(outcomes.count) solutions did not behave as expected (sandbox: \(scoring.scorer.sandbox.name)).")
                throw ExitStatus.badInput
            }
            print("\(selected.count) tasks: \(outcomes.count) solutions behaved as expected (sandbox: \(scoring.scorer.sandbox.name))")
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

/// Runs each task's reference and wrong solutions through the scorer, as a model's answer would be.
enum SolutionCheck {
    struct Outcome: Sendable {
        var task: String
        var solution: String
        var expectPass: Bool
        var passed: Bool
        var summary: String
        var asExpected: Bool { expectPass == passed && !summary.hasPrefix("sandbox error") }
    }

    static func run(_ tasks: [TaskDefinition], scorer: ExecutionScorer) async -> [Outcome] {
        let jobs = tasks.flatMap { task in
            [(task, task.referenceFolder, true)] + task.wrongSolutions.map { (task, $0, false) }
        }
        return await withTaskGroup(of: (Int, Outcome).self) { group in
            for (index, (task, folder, expectPass)) in jobs.enumerated() {
                group.addTask {
                    let answer: String
                    do {
                        answer = ReferenceProvider.render(files: try task.solutionFiles(in: folder), language: task.language)
                    } catch {
                        return (index, Outcome(task: task.id, solution: folder, expectPass: expectPass, passed: false,
                                               summary: "sandbox error: unreadable solution (\(error.localizedDescription))"))
                    }
                    let score = await scorer.score(task: task, answer: answer)
                    return (index, Outcome(task: task.id, solution: folder, expectPass: expectPass, passed: score.passed,
                                           summary: summary(score)))
                }
            }
            var outcomes: [(Int, Outcome)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    static func summary(_ score: SampleScore) -> String {
        if let error = score.sandboxError { return "sandbox error: \(error)" }
        var parts = [score.passed ? "pass" : "fail"]
        if let fraction = score.scores["tests.fraction"] { parts.append(String(format: "tests %.0f%%", fraction * 100)) }
        if let mutation = score.scores["tests.mutation_score"] { parts.append(String(format: "mutants killed %.0f%%", mutation * 100)) }
        return parts.joined(separator: ", ")
    }
}
