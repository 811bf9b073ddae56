import CodescoreConfig
import CodescoreResults
import CodescoreRunner
import CodescoreSandbox
import CodescoreWrapper
import Foundation

/// The external benchmarks (wrapper mode) the selected models opt into, with the problems of the
/// generate-shaped ones read and filtered into tasks for the runner.
struct ExternalSelection {
    var definitions: [String: BenchmarkDefinition] = [:]
    /// Generate-shaped benchmarks: the selected problems, in file order, and the same as tasks.
    var problems: [String: [ExternalProblem]] = [:]
    var tasks: [String: [TaskDefinition]] = [:]
    /// Benchmarks whose command does everything.
    var commandRun: Set<String> = []

    /// Reads the definitions in `folder` that the models use and the problems of generate-shaped ones.
    /// `--tasks` globs match a problem's id or `<benchmark>/<id>`; `--category` other than `external`
    /// leaves external benchmarks out; a command-run benchmark runs only when no task filter is given.
    static func load(models: [ModelConfig], folder: String, taskGlobs: [String], category: TaskCategory?) async throws -> ExternalSelection {
        let used = Set(models.flatMap(\.benchmarks)).subtracting(Benchmarks.known)
        var selection = ExternalSelection()
        guard !used.isEmpty else { return selection }
        for definition in try loadBenchmarkDefinitions(folder: folder) where used.contains(definition.name) {
            selection.definitions[definition.name] = definition
        }
        let included = category == nil || category == .external
        for definition in selection.definitions.values.sorted(by: { $0.name < $1.name }) {
            guard let generate = definition.generate else {
                // No tasks of its own, but known to the plan even when the filters leave it out.
                selection.tasks[definition.name] = []
                if included && taskGlobs.isEmpty { selection.commandRun.insert(definition.name) }
                continue
            }
            let path = generate.problemsPath.hasPrefix("/") ? URL(fileURLWithPath: generate.problemsPath)
                : definition.directory.appendingPathComponent(generate.problemsPath).standardizedFileURL
            let all: [ExternalProblem]
            do {
                all = try await ProblemReader.load(path, format: generate.problems, displayPath: path.path)
            } catch {
                printError("\(definition.sourceFile): generate.path: \(error.description)")
                throw ExitStatus.badInput
            }
            let chosen = included ? all.filter { problem in
                taskGlobs.isEmpty || taskGlobs.contains { Glob.matches($0, problem.taskID) || Glob.matches($0, "\(definition.name)/\(problem.taskID)") }
            } : []
            selection.problems[definition.name] = chosen
            selection.tasks[definition.name] = chosen.map { ExternalTask.make($0, definition: definition) }
        }
        return selection
    }

    /// `run.json`'s `external_benchmarks`: each definition's version, where its command runs, and the problems selected.
    func manifestEntries(sandbox: any Sandbox) -> [String: RunManifest.ExternalBenchmark] {
        var entries: [String: RunManifest.ExternalBenchmark] = [:]
        for (name, definition) in definitions {
            entries[name] = RunManifest.ExternalBenchmark(
                definitionSHA256: definition.sha256, sandbox: HarnessRun.placement(of: definition, sandbox: sandbox),
                tasks: definition.generate == nil ? nil
                    : Dictionary((tasks[name] ?? []).map { ($0.id, $0.hash) }, uniquingKeysWith: { first, _ in first }))
        }
        return entries
    }
}

/// After generation: each external benchmark's harness, once per model, and its results on the records.
struct HarnessPhase {
    var selection: ExternalSelection
    var plan: RunPlan
    var sandbox: any Sandbox
    var scratch: URL
    var outputFolder: URL
    var runID: String

    /// Scores the held records of generate-shaped benchmarks through their harness and runs command-run
    /// benchmarks that have no results yet; returns the records to write. Kept records (from an earlier
    /// run) supply the answers of samples not generated now, since a harness wants every problem.
    func run(held: [ResultRecord], kept: [ResultRecord], totals: inout RunTotals) async -> [ResultRecord] {
        var output: [ResultRecord] = []
        for job in plan.jobs {
            let model = job.model.name
            for benchmark in job.model.benchmarks {
                guard let definition = selection.definitions[benchmark] else { continue }
                if definition.generate != nil {
                    let fresh = held.filter { $0.model == model && $0.benchmark == benchmark }
                    guard !fresh.isEmpty else { continue }
                    output += await scoreGenerated(fresh, job: job, definition: definition,
                                                   kept: kept.filter { $0.model == model && $0.benchmark == benchmark },
                                                   totals: &totals)
                } else if plan.commandBenchmarks[model]?.contains(benchmark) == true {
                    guard !kept.contains(where: { $0.model == model && $0.benchmark == benchmark && $0.status == .ok }) else {
                        report("\(benchmark) (\(model)): results kept from the earlier run; use a new --out to run it again")
                        continue
                    }
                    output += await runCommand(definition, model: model, totals: &totals)
                }
            }
        }
        return output
    }

    private func scoreGenerated(_ fresh: [ResultRecord], job: ModelJob, definition: BenchmarkDefinition, kept: [ResultRecord],
                                totals: inout RunTotals) async -> [ResultRecord] {
        struct Key: Hashable { var task: String; var sample: Int }
        let format = definition.generate?.problems ?? .humaneval
        let problems = selection.problems[definition.name] ?? []
        let problemByID = Dictionary(problems.map { ($0.taskID, $0) }, uniquingKeysWith: { first, _ in first })
        var answers: [Key: String] = [:]
        for record in kept + fresh where record.status == .ok { answers[Key(task: record.task, sample: record.sample)] = record.output }
        // Every planned sample, in plan order (problem by problem, samples in order): a sample without an
        // answer (its generation failed) gets an empty completion, so the harness still sees every problem.
        let samples = job.items.filter { $0.benchmark == definition.name }.map { item -> (taskID: String, completion: String) in
            let answer = answers[Key(task: item.task.id, sample: item.sample)]
            let completion = answer.flatMap { answer in problemByID[item.task.id].map { HarnessCompletion.make(answer: answer, problem: $0, format: format) } }
            return (item.task.id, completion ?? "")
        }
        let harness = HarnessRun(definition: definition, model: job.model.name, outputFolder: outputFolder, sandbox: sandbox,
                                 scratch: scratch)
        let outcome = await harness.run(samples: HarnessSamplesFile.render(samples), problems: HarnessSamplesFile.problems(problems))
        var records = fresh
        switch outcome {
        case let .success(ran):
            let results = Dictionary(ran.results.map { (Key(task: $0.task, sample: $0.sample), $0) }, uniquingKeysWith: { first, _ in first })
            var passed = 0, scored = 0
            for index in records.indices where records[index].status == .ok {
                guard let result = results[Key(task: records[index].task, sample: records[index].sample)] else {
                    fail(&records[index], kind: "harness_no_result",
                         message: "the harness left no result for this sample (\(harness.runDirectory.path))", totals: &totals)
                    continue
                }
                HarnessRecords.apply(result, to: &records[index], benchmark: definition.name, sandbox: ran.sandbox)
                scored += 1
                if result.passed == true { passed += 1 }
            }
            totals.scored += scored
            totals.passed += passed
            report("\(definition.name) (\(job.model.name)): \(scored) samples evaluated by its harness (\(Self.where_(ran.sandbox))) in "
                   + String(format: "%.1f", ran.seconds) + " s: \(passed) passed")
        case let .failure(failure):
            for index in records.indices where records[index].status == .ok {
                fail(&records[index], kind: "harness_failed", message: failure.description, totals: &totals)
            }
            report(failure.description)
        }
        return records
    }

    private func runCommand(_ definition: BenchmarkDefinition, model: String, totals: inout RunTotals) async -> [ResultRecord] {
        let harness = HarnessRun(definition: definition, model: model, outputFolder: outputFolder, sandbox: sandbox, scratch: scratch)
        switch await harness.run() {
        case let .success(ran):
            let records = HarnessRecords.make(ran.results, benchmark: definition.name, definitionSHA256: definition.sha256,
                                              model: model, runID: runID, sandbox: ran.sandbox)
            let passed = records.filter { $0.passed == true }.count
            totals.ok += records.count
            totals.scored += records.count
            totals.passed += passed
            report("\(definition.name) (\(model)): its command reported \(records.count) samples (\(Self.where_(ran.sandbox))) in "
                   + String(format: "%.1f", ran.seconds) + " s: \(passed) passed")
            return records
        case let .failure(failure):
            // One failed record stands for the benchmark, so the gate counts it and the next run tries again.
            var record = ResultRecord(
                runID: runID, model: model, benchmark: definition.name, task: definition.name, category: HarnessRecords.category,
                taskHash: HarnessRecords.taskHash(definitionSHA256: definition.sha256, task: definition.name), sample: 0, status: .ok)
            totals.ok += 1
            fail(&record, kind: "harness_failed", message: failure.description, totals: &totals)
            report(failure.description)
            return [record]
        }
    }

    /// Turns an `ok` record into a failed one (its quality is unknown, never a silent zero).
    private func fail(_ record: inout ResultRecord, kind: String, message: String, totals: inout RunTotals) {
        record.status = .error
        record.error = .init(kind: kind, message: message)
        totals.countAsFailed(kind: kind)
    }

    static func where_(_ sandbox: String) -> String { sandbox == "none" ? "UNSANDBOXED" : "sandbox: \(sandbox)" }

    private func report(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
