import ArgumentParser
import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import CodescoreRunner
import CodescoreScoring
import Foundation

extension CodescoreCommand {
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate k samples per task for every selected model and record them in results.jsonl.",
            discussion: """
                Results are appended and flushed as each sample finishes. Running again with the same --out \
                resumes: finished samples are kept, failed ones are tried again, nothing is duplicated. \
                Answers are cached by request, so a repeated run makes no network calls for what it has.
                """)

        @OptionGroup var options: RunOptions

        func run() async throws {
            let outcome = try await options.perform()
            if !outcome.complete { throw ExitStatus.incomplete }
        }
    }
}

/// The options of `run`, shared by `gate`, and the run itself.
struct RunOptions: ParsableArguments {
    @OptionGroup var suite: SuiteOptions

    @Option(name: .customLong("models"), parsing: .upToNextOption,
            help: "Model names to run (default: every model in the registry).")
    var modelNames: [String] = []

    @Option(name: .customLong("tasks"), help: "Only tasks whose id matches this glob (repeatable).")
    var taskGlobs: [String] = []

    @Option(help: "Only tasks of this category (frontend, backend, testing).")
    var category: TaskCategory?

    @Option(help: "Samples per task, overriding each model's generation.samples.")
    var samples: Int?

    @Option(help: "Output folder for results.jsonl, results.csv and run.json.")
    var out = "codescore-out"

    @Option(name: .customLong("benchmarks-dir"),
            help: "Folder of external benchmark definitions (default: <models-dir>/benchmarks).")
    var benchmarksDirectory: String?

    @OptionGroup var caching: CacheOptions

    @Option(name: .customLong("max-errors"),
            help: "Failed samples tolerated before the run stops as incomplete: a count or a percentage.")
    var maxErrors = "10%"

    @Flag(help: "No progress output on stderr (the closing summary is still printed).")
    var quiet = false

    @OptionGroup var execution: ExecutionOptions

    @OptionGroup var judge: JudgeOptions

    func validate() throws {
        if let samples, !(1...1000).contains(samples) {
            throw ValidationError("--samples must be from 1 to 1000.")
        }
        if ErrorBudget(argument: maxErrors) == nil {
            throw ValidationError("--max-errors takes a count such as 5 or a percentage such as 10%.")
        }
    }

    func perform() async throws -> RunOutcome {
        let clockStart = ContinuousClock.now
        let startedAt = Date()
        let registry = try loadRegistry(suite)
        let models: [ModelConfig]
        do {
            models = try registry.select(modelNames)
        } catch {
            printError(error.description)
            throw ExitStatus.usage
        }
        // The built-in suite is read only when a selected model runs it.
        let tasks = models.contains { $0.benchmarks.contains(Benchmarks.builtin) }
            ? try loadSuite(suite).filtered(idGlobs: taskGlobs, category: category) : []
        let benchmarksFolder = benchmarksDirectory ?? (suite.modelsDirectory as NSString).appendingPathComponent("benchmarks")
        let external = try await ExternalSelection.load(models: models, folder: benchmarksFolder, taskGlobs: taskGlobs, category: category)
        let plan: RunPlan
        do {
            plan = try RunPlan.make(models: models, suites: external.tasks.merging([Benchmarks.builtin: tasks]) { _, builtin in builtin },
                                    commandBenchmarks: external.commandRun, samplesOverride: samples, definedIn: benchmarksFolder)
        } catch {
            printError(error.description)
            throw ExitStatus.badInput
        }
        guard plan.totalItems > 0 || !plan.commandBenchmarks.isEmpty else {
            printError("no task in \(suite.tasksDirectory) or the selected models' external benchmarks matches the filters; nothing to run.")
            throw ExitStatus.usage
        }

        // Generated code runs only in a working sandbox; find out before any request is made.
        let scoring = try await ScoringSetup.makeOrExit(execution)
        defer { scoring.cleanUp() }

        let outputs = OutputPaths(folder: out)
        let existing: (records: [ResultRecord], interruptedTail: Bool)
        do {
            existing = try ResultsStore.read(url: outputs.results, displayPath: outputs.resultsDisplay)
        } catch {
            printError(error.description)
            throw error.isMalformedInput ? ExitStatus.badInput : ExitStatus.internalError
        }
        // A judged run re-judges samples kept from a run without this judge (generation comes from the cache).
        let judgeSetup = try judge.resolve(registry: registry, modelsDirectory: suite.modelsDirectory)
        let judgeIdentity = judgeSetup.map { $0.config.identity(judgeModel: $0.model) }
        let previousJudge = (try? RunManifest.read(from: outputs.manifest))?.judge
        let resume = plan.reconcile(existing: existing.records) { record in
            judgeIdentity != nil && (record.judge == nil || previousJudge != judgeIdentity)
        }
        // Records outside this run's selection keep their judge scores: with another judge now, the folder
        // would mix two judges under one identity.
        if previousJudge != judgeIdentity,
           let foreign = resume.keep.first(where: { $0.judge != nil && !resume.done.contains($0.identity) }) {
            printError("\(outputs.resultsDisplay) holds judge scores (e.g. \(foreign.model) \(foreign.task) sample \(foreign.sample)) "
                       + "from judge \(previousJudge.map { "\($0)" } ?? "unknown") outside this run's selection, and this run "
                       + (judgeIdentity.map { "judges with \($0)" } ?? "has no judge") + ". Use another --out, or select every "
                       + "model and task the folder holds.")
            throw ExitStatus.usage
        }

        // Keys are read now, so a missing one fails before any request is made.
        var built: [String: ProviderFactory.Built] = [:]
        for model in models {
            do {
                built[model.name] = try ProviderFactory.make(
                    model, environment: ProcessInfo.processInfo.environment, forceReplay: caching.replay)
            } catch {
                await shutDownTransports(built)
                printError(error.description)
                throw ExitStatus.usage
            }
        }

        let cache = caching.cache
        var runJudge: RunJudge?
        if let judgeSetup {
            do {
                let (made, judgeBuilt) = try ProviderFactory.makeJudge(judgeSetup, cache: cache, replay: caching.replay)
                runJudge = made
                built["\u{0}judge"] = judgeBuilt
            } catch {
                await shutDownTransports(built)
                throw error
            }
        }

        let runID = RunIdentifier.make(date: startedAt)
        let runModels = models.map { model in
            RunManifest.Model(name: model.name, providerKind: model.provider.kind.rawValue, providerModel: model.provider.model,
                              baseURL: model.provider.baseURL, configSHA256: model.configHash,
                              samples: samples ?? model.generation.samples)
        }
        var initial = RunManifest(
            runID: runID, toolVersion: CodescoreCommand.version, gitCommit: GitCommit.current(),
            startedAt: Timestamp.iso8601(startedAt), status: "running",
            models: runModels,
            suite: .init(tasksDir: suite.tasksDirectory,
                         tasksSHA256: ContentHash.sha256Hex(tasks.map { "\($0.id):\($0.hash)\n" }.joined()),
                         tasks: Dictionary(uniqueKeysWithValues: tasks.map { ($0.id, $0.hash) })),
            filters: .init(models: modelNames, tasks: taskGlobs, category: category?.rawValue, samples: samples))
        switch ManifestFile.carriedOverModels(previous: try? RunManifest.read(from: outputs.manifest), current: runModels,
                                              modelsWithRecords: Set(existing.records.map(\.model)),
                                              manifestPath: outputs.manifestDisplay) {
        case let .success(earlierModels):
            initial.models += earlierModels
        case let .failure(changed):
            await shutDownTransports(built)
            printError(changed.description)
            throw ExitStatus.usage
        }
        initial.sandbox = scoring.scorer.sandbox.name
        let externalEntries = external.manifestEntries(sandbox: scoring.scorer.sandbox)
        if !externalEntries.isEmpty { initial.externalBenchmarks = externalEntries }
        initial.judge = runJudge?.identity
        initial.counts.planned = plan.totalItems
        initial.counts.resumed = resume.done.count
        let store = ResultsStore(url: outputs.results, displayPath: outputs.resultsDisplay)
        do {
            // Dropped records (failed or stale) and a torn last line from a killed run are removed by
            // rewriting the kept records atomically; otherwise the file is only appended to.
            try await store.open(rewritingWith: resume.rewrite || existing.interruptedTail ? resume.keep : nil)
        } catch {
            await shutDownTransports(built)
            printError(error.description)
            throw ExitStatus.internalError
        }

        let manifest = ManifestFile(initial, url: outputs.manifest)
        manifest.update { _ in }
        InterruptHandler.install { _ in
            manifest.update { interrupted in
                interrupted.status = "interrupted"
                interrupted.finishedAt = Timestamp.iso8601(Date())
            }
        }

        let pending = plan.jobs.compactMap { job -> (job: ModelJob, provider: any ModelProvider)? in
            var remaining = job
            remaining.items = job.items.filter { !resume.done.contains(job.identity(of: $0)) }
            guard let provider = built[job.model.name]?.provider, !remaining.items.isEmpty else { return nil }
            return (remaining, provider)
        }
        let progress = ProgressReporter(enabled: !quiet)
        let errorBudget = ErrorBudget(argument: maxErrors) ?? .fraction(0.1)
        let runner = Runner(
            runID: runID, cache: cache,
            errorBudget: errorBudget, progress: progress, scorer: scoring.scorer,
            judge: runJudge)
        let generated = await runner.run(pending, store: store)
        var totals = generated.totals
        var abort = generated.abort
        // External benchmarks' harnesses score what was generated for them (or run their own command).
        let harnessed = abort != nil ? generated.held : await HarnessPhase(
            selection: external, plan: plan, sandbox: scoring.scorer.sandbox, scratch: scoring.scratch,
            outputFolder: URL(fileURLWithPath: out), runID: runID
        ).run(held: generated.held, kept: resume.keep, totals: &totals)
        for record in harnessed {
            do {
                try await store.append(record)
            } catch {
                abort = abort ?? .resultsUnwritable("\(error)")
                break
            }
        }
        let allowedErrors = errorBudget.allowedErrors(planned: plan.totalItems)
        if abort == nil, totals.errors > allowedErrors {
            abort = .errorBudgetExceeded(errors: totals.errors, allowed: allowedErrors)
        }
        await store.close()
        await shutDownTransports(built)

        // The CSV and manifest describe everything in results.jsonl, including resumed samples.
        let all = (try? ResultsStore.read(url: outputs.results, displayPath: outputs.resultsDisplay).records) ?? []
        try? Data(ResultsCSV.render(all).utf8).write(to: outputs.csv, options: .atomic)
        let elapsed = ContinuousClock.now - clockStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let nothingSucceeded = totals.ok == 0 && totals.errors > 0 && resume.done.isEmpty
        manifest.update { manifest in
            manifest.finishedAt = Timestamp.iso8601(Date())
            manifest.status = abort == nil && !nothingSucceeded ? "complete" : "incomplete"
            manifest.counts.ok = totals.ok
            manifest.counts.error = totals.errors
            manifest.counts.cached = totals.cached
            manifest.usage = .init(inputTokens: totals.inputTokens, outputTokens: totals.outputTokens)
            manifest.costUSD = totals.spentUSD
            manifest.wallSeconds = seconds
            if runJudge != nil {
                manifest.judgeCounts = .init(judged: totals.judged, unscored: totals.unjudged, validVotes: totals.validVotes,
                                             invalidVotes: totals.invalidVotes, requests: totals.judgeRequests,
                                             suspectedManipulation: totals.manipulationFlags, problems: totals.voteProblems)
            }
        }

        progress.finish(summary: RunSummary.line(totals: totals, resumed: resume.done.count, seconds: seconds,
                                                 results: outputs.resultsDisplay))
        let runHashes = Set(plan.jobs.flatMap { $0.items.map(\.task.hash) } + harnessed.map(\.taskHash))
        for line in RunSummary.passAtK(all, models: models.map(\.name), taskHashes: runHashes) {
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        if let abort { printError(abort.description) }
        if nothingSucceeded { printError("every one of the \(totals.errors) samples failed; the run is incomplete.") }
        return RunOutcome(outputs: outputs, records: all, manifest: manifest.snapshot, models: models.map(\.name),
                          complete: abort == nil && !nothingSucceeded)
    }

}

/// What a run leaves for the commands after it (the gate).
struct RunOutcome {
    var outputs: OutputPaths
    var records: [ResultRecord]
    var manifest: RunManifest
    /// The models this invocation ran (the manifest also lists earlier ones kept in the folder).
    var models: [String]
    /// False when the error budget was exceeded, every sample failed, or credentials were rejected.
    var complete: Bool
}

/// Closes the HTTP connection pools of the built providers (each must be shut down before exit).
private func shutDownTransports(_ built: [String: ProviderFactory.Built]) async {
    for transport in built.values.compactMap(\.transport) { await transport.shutdown() }
}

/// Where a run writes its files.
struct OutputPaths {
    var folder: String
    var results: URL { URL(fileURLWithPath: folder).appendingPathComponent("results.jsonl") }
    var csv: URL { URL(fileURLWithPath: folder).appendingPathComponent("results.csv") }
    var manifest: URL { URL(fileURLWithPath: folder).appendingPathComponent("run.json") }
    var resultsDisplay: String { (folder as NSString).appendingPathComponent("results.jsonl") }
    var manifestDisplay: String { (folder as NSString).appendingPathComponent("run.json") }
}

/// The closing line: counts, tokens, cost, wall time.
enum RunSummary {
    static func line(totals: RunTotals, resumed: Int, seconds: Double, results: String) -> String {
        let produced = totals.ok + totals.errors
        var parts = ["\(produced) samples: \(totals.ok) ok, \(totals.errors) failed, \(totals.cached) cached"]
        if resumed > 0 { parts[0] += ", \(resumed) kept from the earlier run" }
        if totals.scored > 0 { parts.append("\(totals.passed)/\(totals.scored) passed their checks") }
        if !totals.errorKinds.isEmpty {
            parts.append("failures: " + totals.errorKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if totals.judged > 0 {
            var judged = "judge: \(totals.judged) samples, \(totals.validVotes) valid and \(totals.invalidVotes) invalid votes"
            if !totals.voteProblems.isEmpty {
                judged += " (" + totals.voteProblems.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
            }
            if totals.unjudged > 0 { judged += ", \(totals.unjudged) samples without a valid vote" }
            if totals.manipulationFlags > 0 { judged += ", \(totals.manipulationFlags) flagged for suspected manipulation" }
            parts.append(judged)
        }
        parts.append("\(totals.requests) requests" + (totals.judged > 0 ? " + \(totals.judgeRequests) judge requests" : ""))
        parts.append("\(totals.inputTokens) input + \(totals.outputTokens) output tokens")
        parts.append(String(format: "$%.4f", totals.spentUSD))
        parts.append(String(format: "%.1f s", seconds))
        return "codescore run: " + parts.joined(separator: " · ") + " → " + results
    }
}

extension RunSummary {
    /// Per model and benchmark, pass@1 and pass@k (k = the most samples every task has) by the unbiased
    /// estimator, averaged over the tasks of this run that have executed samples.
    static func passAtK(_ records: [ResultRecord], models: [String], taskHashes: Set<String>) -> [String] {
        // The built-in suite first, then external benchmarks by name.
        let benchmarks = Set(records.map(\.benchmark)).sorted { ($0 == Benchmarks.builtin ? "" : $0) < ($1 == Benchmarks.builtin ? "" : $1) }
        let pairs: [(model: String, benchmark: String)] = models.flatMap { model in benchmarks.map { (model, $0) } }
        return pairs.compactMap { model, benchmark -> String? in
            var perTask: [String: (n: Int, c: Int)] = [:]
            for record in records where record.model == model && record.benchmark == benchmark && record.status == .ok
                && taskHashes.contains(record.taskHash) {
                guard let pass = record.scores["tests.pass"] else { continue }
                perTask[record.task, default: (0, 0)].n += 1
                if pass == 1 { perTask[record.task, default: (0, 0)].c += 1 }
            }
            guard let k = perTask.values.map(\.n).min(), k > 0 else { return nil }
            func mean(_ k: Int) -> Double {
                perTask.values.map { PassAtK.estimate(samples: $0.n, correct: $0.c, k: k) ?? 0 }.reduce(0, +) / Double(perTask.count)
            }
            var parts = [String(format: "pass@1 %.3f", mean(1))]
            if k > 1 { parts.append(String(format: "pass@%d %.3f", k, mean(k))) }
            let label = benchmark == Benchmarks.builtin ? model : "\(model) · \(benchmark)"
            return "codescore run: \(label): " + parts.joined(separator: " · ") + " over \(perTask.count) tasks"
        }
    }
}

/// Run ids: sortable by time, unique across shards without coordination.
enum RunIdentifier {
    static func make(date: Date) -> String {
        let stamp = date.formatted(.iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false)
            .timeSeparator(.omitted))
        let suffix = (0..<8).map { _ in String("0123456789abcdef".randomElement()!) }.joined()
        return "\(stamp)-\(suffix)"
    }
}

/// The commit being evaluated: the CI's variable when set, else the checkout's HEAD.
enum GitCommit {
    static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for variable in ["GITHUB_SHA", "CI_COMMIT_SHA"] {
            if let value = environment[variable], !value.isEmpty { return value }
        }
        var folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for _ in 0..<32 {
            let git = folder.appendingPathComponent(".git")
            if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
                return resolve(head.trimmingCharacters(in: .whitespacesAndNewlines), git: git)
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return nil
    }

    private static func resolve(_ head: String, git: URL) -> String? {
        guard head.hasPrefix("ref: ") else { return head.isEmpty ? nil : head }
        let ref = String(head.dropFirst(5))
        if let value = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
            return value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let packed = (try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8)) ?? ""
        return packed.split(separator: "\n").first { $0.hasSuffix(" " + ref) }.map { String($0.prefix { $0 != " " }) }
    }
}
