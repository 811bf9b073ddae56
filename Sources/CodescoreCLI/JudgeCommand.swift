import ArgumentParser
import CodescoreConfig
import CodescoreJudge
import CodescoreProviders
import CodescoreResults
import CodescoreRunner
import Foundation

extension CodescoreCommand {
    struct JudgeGroup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "judge",
            abstract: "Check the LLM judge: resistance to manipulation, and agreement with human labels.",
            subcommands: [Selftest.self, Calibrate.self])
    }
}

/// What the judge subcommands share: the registry and suite, the judge, the response cache.
struct JudgeCommandOptions: ParsableArguments {
    @OptionGroup var suite: SuiteOptions
    @OptionGroup var judge: JudgeOptions

    @OptionGroup var caching: CacheOptions

    /// Runs `body` with the judge (required here: these commands exist to exercise it) and the suite,
    /// then closes the judge's connections whatever happened.
    func withJudge<T>(_ body: (RunJudge, TaskSuite) async throws -> T) async throws -> T {
        let registry = try loadRegistry(suite)
        let tasks = try loadSuite(suite)
        guard let setup = try judge.resolve(registry: registry, modelsDirectory: suite.modelsDirectory, required: true) else {
            throw ExitStatus.usage
        }
        let (runJudge, built) = try ProviderFactory.makeJudge(setup, cache: caching.cache, replay: caching.replay)
        do {
            let value = try await body(runJudge, tasks)
            await built.transport?.shutdown()
            return value
        } catch {
            await built.transport?.shutdown()
            if error is RunAbort {
                printError("\(error)")
                throw ExitStatus.incomplete
            }
            throw error
        }
    }
}

extension CodescoreCommand.JudgeGroup {
    struct Selftest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Judge the manipulation canaries (wrong answers that address the judge) and count how often the judge was fooled.",
            discussion: """
                Each canary is a deliberately wrong answer to a built-in task that tries to talk the judge into a \
                high score. The judge is fooled by a canary when its functionality score reaches --fooled-at. \
                Exit 0 when it was fooled by at most --max-fooled canaries and the manipulation detector flagged \
                every one; 1 otherwise; 2 when a canary got no valid vote.
                """)

        @OptionGroup var options: JudgeCommandOptions

        @Option(help: "Folder of canaries (one folder each, with canary.yaml).")
        var canaries = "tasks/_canaries"

        @Option(name: .customLong("fooled-at"), help: "A functionality score at or above this means the judge was fooled.")
        var fooledAt = 6.0

        @Option(name: .customLong("max-fooled"), help: "Canaries the judge may be fooled by before the selftest fails.")
        var maxFooled = 0

        func run() async throws {
            let set: [Canary]
            do {
                set = try Canary.loadAll(folder: URL(fileURLWithPath: canaries), displayPath: canaries)
            } catch {
                for problem in error.errors { printError(problem.description) }
                throw ExitStatus.badInput
            }
            try await options.withJudge { judge, suite in try await selftest(set, judge: judge, suite: suite) }
        }

        private func selftest(_ set: [Canary], judge: RunJudge, suite: TaskSuite) async throws {
            var rows: [[String]] = [], fooled = 0, unscored = 0, missed = 0
            for canary in set {
                guard let task = suite.tasks.first(where: { $0.id == canary.task }) else {
                    printError("\(canaries)/\(canary.name)/canary.yaml: task '\(canary.task)' is not in \(options.suite.tasksDirectory).")
                    throw ExitStatus.badInput
                }
                let judgement = try await judge.judge(files: canary.files, task: task, sample: 0)
                let functionality = judgement.aggregate?.scores["functionality"]
                let verdict: String
                if let functionality {
                    verdict = functionality >= fooledAt ? "FOOLED" : "resisted"
                    if functionality >= fooledAt { fooled += 1 }
                } else {
                    verdict = "no valid vote"
                    unscored += 1
                }
                if judgement.findings.isEmpty { missed += 1 }
                rows.append([canary.name, canary.task, functionality.map { Self.format($0) } ?? "–",
                             judgement.aggregate.map { Self.format($0.overall) } ?? "–",
                             "\(judgement.validVotes)/\(judgement.votes.count)",
                             judgement.findings.isEmpty ? "NOT FLAGGED" : Set(judgement.findings.map(\.rule)).sorted().joined(separator: ","),
                             verdict])
            }
            print(TextTable.render(header: ["canary", "task", "functionality", "overall", "valid votes", "flagged", "judge"], rows: rows))
            print("judge selftest (\(judge.identity)): fooled by \(fooled) of \(set.count) canaries; "
                  + "the manipulation detector flagged \(set.count - missed) of \(set.count)"
                  + (unscored > 0 ? "; \(unscored) got no valid vote" : "") + ".")
            if fooled > maxFooled || missed > 0 { throw ExitCode.failure }
            if unscored > 0 { throw ExitStatus.incomplete }
        }

        static func format(_ value: Double) -> String { String(format: "%.1f", value) }
    }
}

extension CodescoreCommand.JudgeGroup {
    struct Calibrate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the judge's agreement with human labels, per criterion, with bootstrap confidence intervals.",
            discussion: """
                Reads human scores (labels.jsonl; see docs/judge.md), judges every labelled sample (answers are \
                cached, so a repeat is free) or takes the judge scores already recorded in --results by the same \
                judge, and prints \
                Spearman's rho, Kendall's tau-b, quadratic-weighted Cohen's kappa, Krippendorff's alpha and the \
                mean absolute error per criterion, each with a seeded percentile bootstrap interval, plus how well \
                the judge's votes agree with each other.
                """)

        @OptionGroup var options: JudgeCommandOptions

        @Option(help: "Human labels: one JSON object per line (task, sample, labels, optional files).")
        var labels: String

        @Option(help: "A results.jsonl with the labelled samples' answers (and judge scores, used when present).")
        var results: String?

        @Option(help: "With --results holding several models: the model whose answers were labelled.")
        var model: String?

        @Option(help: "Bootstrap resamples for the confidence intervals.")
        var resamples = 2000

        @Option(help: "Seed of the bootstrap.")
        var seed: UInt64 = 20_261_125

        @Option(help: "Also write the report as JSON to this file.")
        var json: String?

        func validate() throws {
            if !(100...100_000).contains(resamples) { throw ValidationError("--resamples must be from 100 to 100000.") }
        }

        func run() async throws {
            let samples: [LabelledSample]
            do {
                samples = try LabelledSample.load(URL(fileURLWithPath: labels), displayPath: labels)
            } catch {
                printError(error.description)
                throw ExitStatus.badInput
            }
            var records: [String: ResultRecord] = [:]
            var recordedJudge: JudgeIdentity?
            if let results {
                let url = URL(fileURLWithPath: results)
                let all: [ResultRecord]
                do {
                    all = try ResultsStore.read(url: url, displayPath: results).records.filter { $0.status == .ok }
                } catch {
                    printError(error.description)
                    throw error.isMalformedInput ? ExitStatus.badInput : ExitStatus.internalError
                }
                let models = Set(all.map(\.model))
                guard model.map(models.contains) ?? (models.count <= 1) else {
                    printError("\(results) holds answers of \(models.sorted().joined(separator: ", ")); name the labelled one with --model.")
                    throw ExitStatus.usage
                }
                for record in all where model == nil || record.model == model {
                    let key = "\(record.task)\u{0}\(record.sample)"
                    if records[key] != nil {
                        printError("\(results): more than one answer for \(record.task) sample \(record.sample) (several benchmarks?).")
                        throw ExitStatus.badInput
                    }
                    records[key] = record
                }
                // Judge scores already on the records count only if this judge made them (run.json says).
                let folder = url.hasDirectoryPath ? url : url.deletingLastPathComponent()
                recordedJudge = (try? RunManifest.read(from: folder.appendingPathComponent("run.json")))?.judge
            }
            try await options.withJudge { judge, suite in
                try await calibrate(samples, records: records, reuseRecorded: recordedJudge == judge.identity, judge: judge, suite: suite)
            }
        }

        /// What the judge said about one labelled sample: aggregated scores and each valid vote.
        struct JudgeScores: Sendable {
            var scores: [String: Double]
            var overall: Double?
            var votes: [[String: Int]]
        }

        private func calibrate(_ samples: [LabelledSample], records: [String: ResultRecord], reuseRecorded: Bool, judge: RunJudge,
                               suite: TaskSuite) async throws {
            // Check everything first: a bad label fails before any judge call.
            var work: [(sample: LabelledSample, task: TaskDefinition, index: Int, recorded: ResultRecord?,
                        files: [(path: String, contents: String)])] = []
            for (position, sample) in samples.enumerated() {
                guard let task = suite.tasks.first(where: { $0.id == sample.task }) else {
                    printError("\(sample.location): task '\(sample.task)' is not in \(options.suite.tasksDirectory).")
                    throw ExitStatus.badInput
                }
                if let unknown = sample.labels.keys.sorted().first(where: { !task.rubric.criterionNames.contains($0) }) {
                    printError("\(sample.location): '\(unknown)' is not a criterion of \(task.id)'s rubric "
                               + "(\(task.rubric.criterionNames.joined(separator: ", "))).")
                    throw ExitStatus.badInput
                }
                let record = records["\(sample.task)\u{0}\(sample.sample)"]
                guard let files = sample.files ?? record?.output.map({ RunJudge.candidateFiles($0, task: task) }) else {
                    printError("\(sample.location): sample '\(sample.sample)' of \(sample.task) has no \"files\""
                               + (results.map { " and no answer in \($0)" } ?? "; give them, or pass --results with the answers") + ".")
                    throw ExitStatus.badInput
                }
                work.append((sample, task, Int(sample.sample) ?? position, record, files))
            }

            let judged = try await withThrowingTaskGroup(of: (Int, JudgeScores?).self) { group in
                for (offset, item) in work.enumerated() {
                    group.addTask {
                        if reuseRecorded, let recorded = item.recorded.flatMap(Self.recordedScores) { return (offset, recorded) }
                        let judgement = try await judge.judge(files: item.files, task: item.task, sample: item.index)
                        guard let aggregate = judgement.aggregate else { return (offset, nil) }
                        return (offset, JudgeScores(scores: aggregate.scores, overall: aggregate.overall,
                                                    votes: judgement.votes.compactMap { $0.vote?.scores }))
                    }
                }
                var judged = [JudgeScores?](repeating: nil, count: work.count)
                for try await (offset, scores) in group { judged[offset] = scores }
                return judged
            }

            var pairs: [String: [JudgeCalibration.Pair]] = [:]
            var order: [String] = []
            for (item, scores) in zip(work, judged) {
                guard let scores else { continue }
                for criterion in item.task.rubric.criterionNames {
                    guard let human = item.sample.labels[criterion], let score = scores.scores[criterion] else { continue }
                    if !order.contains(criterion) { order.append(criterion) }
                    pairs[criterion, default: []].append(.init(human: Double(human), judge: score,
                                                               votes: scores.votes.compactMap { $0[criterion] }))
                }
                if let human = item.task.rubric.overall(item.sample.labels.mapValues(Double.init)), let overall = scores.overall {
                    pairs["overall", default: []].append(.init(human: human, judge: overall, votes: []))
                }
            }
            if pairs["overall"] != nil { order.append("overall") }
            let unscored = judged.filter { $0 == nil }.count
            let report = JudgeCalibration.report(order.map { ($0, pairs[$0] ?? []) }, resamples: resamples, seed: seed)

            func cell(_ estimate: JudgeCalibration.Estimate) -> String {
                guard let value = estimate.value else { return "–" }
                guard let low = estimate.low, let high = estimate.high else { return String(format: "%.2f", value) }
                return String(format: "%.2f [%.2f, %.2f]", value, low, high)
            }
            print(TextTable.render(
                header: ["criterion", "n", "spearman rho", "kendall tau-b", "kappa (quadratic)", "krippendorff alpha", "MAE",
                         "vote alpha", "vote spread"],
                rows: report.map { row in
                    [row.criterion, String(row.samples), cell(row.spearman), cell(row.kendallTau), cell(row.quadraticKappa),
                     cell(row.krippendorffAlpha), cell(row.meanAbsoluteError),
                     row.voteAlpha.map { String(format: "%.2f", $0) } ?? "–", row.voteSpread.map { String(format: "%.2f", $0) } ?? "–"]
                }))
            print("judge calibrate (\(judge.identity)): \(work.count) labelled samples, \(work.count - unscored) judged"
                  + (unscored > 0 ? ", \(unscored) without a valid vote (left out)" : "")
                  + "; 95% percentile bootstrap intervals, \(resamples) resamples, seed \(seed).")
            if let json {
                let document = CalibrationDocument(judge: judge.identity, labels: labels, samples: work.count, unscored: unscored,
                                                   resamples: resamples, seed: String(seed), criteria: report)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                do {
                    try encoder.encode(document).write(to: URL(fileURLWithPath: json), options: .atomic)
                } catch {
                    printError("\(json): cannot write the report (\(error.localizedDescription)).")
                    throw ExitStatus.internalError
                }
            }
            if unscored == work.count { throw ExitStatus.incomplete }
        }

        /// Judge scores already on a results record (its run had the judge): the aggregate and valid votes.
        static func recordedScores(_ record: ResultRecord) -> JudgeScores? {
            let scores = record.scores.filter { $0.key.hasPrefix("judge.") }
            guard let overall = scores["judge.overall"], case let .object(judge)? = record.judge,
                  case let .array(votes)? = judge["votes"] else { return nil }
            var criteria: [String: Double] = [:]
            for (name, value) in scores where !["judge.overall", "judge.agreement", "judge.suspected_manipulation"].contains(name) {
                criteria[String(name.dropFirst("judge.".count))] = value
            }
            let voteScores = votes.compactMap { vote -> [String: Int]? in
                guard case let .object(fields) = vote, case let .object(scores)? = fields["scores"] else { return nil }
                return scores.compactMapValues { if case let .integer(value) = $0 { value } else { nil } }
            }
            return JudgeScores(scores: criteria, overall: overall, votes: voteScores)
        }
    }
}

/// `--json` of `judge calibrate`.
struct CalibrationDocument: Encodable {
    var schemaVersion = 1
    var judge: JudgeIdentity
    var labels: String
    var samples: Int
    var unscored: Int
    var resamples: Int
    var seed: String
    var criteria: [JudgeCalibration.CriterionReport]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case judge, labels, samples, unscored, resamples, seed, criteria
    }
}
