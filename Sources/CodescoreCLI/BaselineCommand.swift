import ArgumentParser
import CodescoreConfig
import CodescoreGate
import CodescoreResults
import Foundation

extension CodescoreCommand {
    struct BaselineGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "baseline",
            abstract: "Write the checked-in baseline the gate compares with.",
            subcommands: [Update.self])
    }
}

extension CodescoreCommand.BaselineGroup {
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a baseline from a finished run (its results.jsonl and run.json).",
            discussion: """
                The baseline is a header line (schema version, tool version, judge identity, policy hash, \
                created-at, git commit, models, task hashes) followed by the run's records in a fixed order, \
                without the answer texts. Use at least twice the candidate's samples per task (k_baseline ≥ \
                2·k_candidate): the baseline's noise then adds little to every comparison.
                """)

        @Option(help: "The run's output folder (with results.jsonl and run.json), or a results.jsonl file.")
        var from: String

        @Option(help: "Where to write the baseline.")
        var to = "baselines/main.jsonl"

        @Option(help: "Policy file whose hash the header records (default: the built-in policy).")
        var policy: String?

        func run() async throws {
            let run = try readRun(from)
            let records = run.records
            let manifest = run.manifest
            if let manifest, manifest.status != "complete" {
                printError("warning: the run's status is '\(manifest.status)'; its failed samples are in the baseline as errors.")
            }
            let gatePolicy = try loadPolicy(policy)
            var tasks: [String: String] = [:]
            for record in records { tasks[record.task] = record.taskHash }
            let header = Baseline.Header(
                toolVersion: CodescoreCommand.version, createdAt: Timestamp.iso8601(Date()),
                gitCommit: manifest?.gitCommit ?? GitCommit.current(), runID: manifest?.runID, judge: manifest?.judge,
                policySHA256: gatePolicy.sha256, sandbox: manifest?.sandbox,
                models: manifest?.models.filter { model in records.contains { $0.model == model.name } } ?? [], tasks: tasks)
            let baseline = Baseline(header: header, records: records)
            let target = URL(fileURLWithPath: to)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try baseline.encoded().write(to: target, options: .atomic)
            } catch {
                printError("\(to): cannot write the baseline: \(error.localizedDescription).")
                throw ExitStatus.internalError
            }
            let models = Set(records.map(\.model)).sorted().joined(separator: ", ")
            print("\(to): \(records.count) records of \(tasks.count) tasks (\(models))")
        }
    }
}

/// The gate policy from `--policy`, or the defaults; a bad file exits 65 naming file and key.
func loadPolicy(_ path: String?) throws -> GatePolicy {
    guard let path else { return GatePolicy() }
    do {
        return try GatePolicy.load(URL(fileURLWithPath: path), displayPath: path)
    } catch {
        printError(error.description)
        throw ExitStatus.badInput
    }
}
