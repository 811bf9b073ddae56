import ArgumentParser
import CodescoreConfig
import CodescoreGate
import CodescoreReports
import CodescoreResults
import Foundation

extension CodescoreCommand {
    struct Gate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the benchmark (or take --results), compare with the baseline, decide PASS / REGRESSION / INCONCLUSIVE.",
            discussion: """
                Paired over tasks (a task's score is the mean of its k samples), one-sided against the margin δ of \
                each metric: REGRESSION when the candidate is worse than the baseline by more than δ with \
                Holm-adjusted p < α, PASS when non-inferiority is shown, otherwise INCONCLUSIVE (e.g. \
                underpowered, with how many tasks or samples would be needed). Writes gate.json next to the \
                results. Exit 0 pass (or inconclusive), 1 regression, 2 incomplete run or --strict inconclusive, \
                64 usage, 65 bad baseline/results/policy. docs/statistics.md explains the method.
                """)

        @OptionGroup var run: RunOptions

        @Option(help: "The baseline to compare with (written by `codescore baseline update`).")
        var baseline = "baselines/main.jsonl"

        @Option(help: "Compare an existing run (its folder or results.jsonl) instead of running the benchmark.")
        var results: String?

        @Option(help: "Gate policy file (YAML or JSON): metrics, margins, floors, α, test, error budget, strict.")
        var policy: String?

        @Option(help: "Significance level α, overriding the policy.")
        var alpha: Double?

        @Option(name: .customLong("margin"), help: "A metric's margin δ as METRIC=VALUE, overriding the policy (repeatable).")
        var margins: [String] = []

        @Option(help: "Seed for every resample (permutation, bootstrap), overriding the policy.")
        var seed: UInt64?

        @Flag(help: "INCONCLUSIVE exits 2 instead of 0.")
        var strict = false

        @Flag(name: .customLong("allow-judge-change"), help: "Compare although the baseline was scored by another judge.")
        var allowJudgeChange = false

        @Option(name: .customLong("gate-json"), help: "Where to write gate.json (default: next to the results).")
        var gateJSON: String?

        @OptionGroup var reports: ReportOptions

        func run() async throws {
            var gatePolicy = try loadPolicy(policy)
            if let alpha {
                guard alpha > 0 && alpha < 0.5 else { throw ValidationError("--alpha must be between 0 and 0.5.") }
                gatePolicy.alpha = alpha
            }
            for entry in margins {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let value = Double(parts[1]), value > 0 else {
                    throw ValidationError("--margin takes METRIC=VALUE with a positive value, e.g. tests.pass=0.05.")
                }
                gatePolicy.metrics[parts[0], default: GatePolicy.MetricRule(margin: value)].margin = value
            }
            if let seed { gatePolicy.seed = seed }
            if strict { gatePolicy.strict = true }

            let candidate = try await candidateRecords()
            let (report, baselineRecords) = try evaluate(policy: gatePolicy, baselinePath: baseline, candidate: candidate,
                                                         allowJudgeChange: allowJudgeChange)
            let gatePath = gateJSON ?? candidate.gatePath
            do {
                try report.encoded().write(to: URL(fileURLWithPath: gatePath), options: .atomic)
            } catch {
                printError("\(gatePath): cannot write: \(error.localizedDescription).")
                throw ExitStatus.internalError
            }
            // The verdict is printed before the report files: a report that cannot be written never hides it.
            print(report.table())
            try reports.write(report: report, records: candidate.records, manifest: candidate.manifest, baseline: baselineRecords)
            if candidate.manifest?.sandbox == "none" {
                printError("warning: the candidate's generated code ran WITHOUT a sandbox (--unsafe-no-sandbox).")
            }
            if report.exitCode != 0 { throw ExitCode(Int32(report.exitCode)) }
        }
    }
}

/// A finished run as the gate and the reports see it.
struct CandidateRun {
    var records: [ResultRecord]
    var manifest: RunManifest?
    var complete: Bool
    var path: String

    /// Where the gate writes (and report and dashboard read) its gate.json: next to the results.
    var gatePath: String { URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("gate.json").path }
}

/// The gate.json at `path`, or nil when there is none; exit 65 when it cannot be read as one.
func readGateReport(at path: String) throws -> GateReport? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    do {
        return try GateReport.decode(data)
    } catch {
        printError("\(path): not a gate.json this codescore can read: \(error.localizedDescription)")
        throw ExitStatus.badInput
    }
}

/// Compares a candidate with the baseline file under a policy (exit 65 for a bad baseline or a judge change);
/// returns the report and the baseline records it compared with.
func evaluate(policy: GatePolicy, baselinePath baseline: String, candidate: CandidateRun,
              allowJudgeChange: Bool) throws -> (report: GateReport, baseline: [ResultRecord]) {
    var gatePolicy = policy
    let baselineFile: Baseline
    do {
        baselineFile = try Baseline.read(url: URL(fileURLWithPath: baseline), displayPath: baseline)
    } catch {
        printError(error.description)
        if case .unreadable = error { printError("write one with `codescore baseline update --from <run folder>`.") }
        throw ExitStatus.badInput
    }

    switch (baselineFile.header.judge, candidate.manifest?.judge) {
    case let (before?, now?) where before != now && !allowJudgeChange:
        printError("\(baseline): the baseline was scored by judge \(before) and this run by \(now); their judge scores "
                   + "are not comparable. Update the baseline, or pass --allow-judge-change.")
        throw ExitStatus.badInput
    case let (before?, nil):
        guard allowJudgeChange else {
            printError("\(baseline): the baseline has judge scores (judge \(before)) but this run was not judged, so its judge "
                       + "metrics cannot be compared. Run with the judge, or pass --allow-judge-change to gate without them.")
            throw ExitStatus.badInput
        }
        gatePolicy.metrics = gatePolicy.metrics.filter { !GatePolicy.isJudgeMetric($0.key) }
    case (nil, _?):
        printError("note: the baseline has no judge scores yet, so judge metrics are reported but not gated; "
                   + "`codescore baseline update` records them.")
        gatePolicy.metrics = gatePolicy.metrics.filter { !GatePolicy.isJudgeMetric($0.key) }
    default:
        break
    }
    var baselineRecords = baselineFile.records
    if let manifest = candidate.manifest, !manifest.filters.tasks.isEmpty || manifest.filters.category != nil {
        // A filtered run is compared on its own selection only.
        baselineRecords = baselineRecords.filter(manifest.selects)
    }
    let comparisons = GateAnalysis(policy: gatePolicy)
        .compare(baseline: baselineRecords, candidate: candidate.records, candidateComplete: candidate.complete)
    let report = GateReport.make(
        comparisons: comparisons, policy: gatePolicy,
        baseline: .init(path: baseline, runID: baselineFile.header.runID, gitCommit: baselineFile.header.gitCommit,
                        createdAt: baselineFile.header.createdAt, complete: true, sandbox: baselineFile.header.sandbox,
                        judge: baselineFile.header.judge, records: baselineRecords.count),
        candidate: .init(path: candidate.path, runID: candidate.manifest?.runID, gitCommit: candidate.manifest?.gitCommit,
                         createdAt: candidate.manifest?.startedAt, complete: candidate.complete,
                         sandbox: candidate.manifest?.sandbox, judge: candidate.manifest?.judge,
                         records: candidate.records.count,
                         unsandboxedBenchmarks: candidate.manifest?.externalBenchmarks.flatMap { benchmarks in
                             let names = benchmarks.filter { $0.value.sandbox == "none" }.keys.sorted()
                             return names.isEmpty ? nil : names
                         }),
        toolVersion: CodescoreCommand.version, createdAt: Timestamp.iso8601(Date()),
        judge: JudgeSummary.make(records: candidate.records, identity: candidate.manifest?.judge))
    return (report, baselineRecords)
}

extension CodescoreCommand.Gate {
    /// The candidate: an existing run (--results), or the benchmark run now with the run options.
    func candidateRecords() async throws -> CandidateRun {
        if let results { return try readRun(results) }
        let outcome = try await run.perform()
        let selectedModels = Set(outcome.models)
        let records = outcome.records.filter { selectedModels.contains($0.model) && outcome.manifest.selects($0) }
        return CandidateRun(records: records, manifest: outcome.manifest, complete: outcome.complete,
                            path: outcome.outputs.resultsDisplay)
    }
}

/// Reads a finished run: its folder (results.jsonl and run.json) or a results.jsonl file.
func readRun(_ results: String) throws -> CandidateRun {
    let url = URL(fileURLWithPath: results)
    var isDirectory: ObjCBool = false
    _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
    let resultsURL = isDirectory.boolValue ? url.appendingPathComponent("results.jsonl") : url
    let display = isDirectory.boolValue ? (results as NSString).appendingPathComponent("results.jsonl") : results
    guard FileManager.default.fileExists(atPath: resultsURL.path) else {
        printError("\(display): no such file.")
        throw ExitStatus.usage
    }
    let read: (records: [ResultRecord], interruptedTail: Bool)
    do {
        read = try ResultsStore.read(url: resultsURL, displayPath: display)
    } catch {
        printError(error.description)
        throw error.isMalformedInput ? ExitStatus.badInput : ExitStatus.internalError
    }
    let manifest = try? RunManifest.read(from: resultsURL.deletingLastPathComponent().appendingPathComponent("run.json"))
    let complete = !read.interruptedTail && (manifest.map { $0.status == "complete" } ?? true)
    return CandidateRun(records: read.records, manifest: manifest, complete: complete, path: display)
}
