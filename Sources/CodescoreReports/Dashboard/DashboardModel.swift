import CodescoreConfig
import CodescoreGate
import CodescoreResults
import CodescoreScoring
import CodescoreStatistics
import Foundation

/// What the pages are drawn from, computed once from the input: the metrics shown, every task's per-side
/// aggregates, the table rows, the category and run statistics and the trend series.
struct DashboardModel {
    /// A metric of one model on one benchmark, as the gate compares it.
    struct MetricKey: Hashable, Comparable {
        var model: String
        var benchmark: String
        var metric: String
        var label: String { GatePolicy.label(metric: metric, benchmark: benchmark) }
        static func < (a: MetricKey, b: MetricKey) -> Bool { (a.model, a.benchmark, a.metric) < (b.model, b.benchmark, b.metric) }
    }

    struct TaskKey: Hashable { var model: String; var benchmark: String; var task: String }

    /// One task of one model on one side: its samples' values by metric (ok records only), its records.
    struct TaskSide {
        var category: String?
        var hashes: Set<String> = []
        var samples: [String: [Double]] = [:]
        var records: [Int] = []
        var errors = 0
        var flagged = false
    }

    /// A drill-down target: one task of one benchmark, on page `page` with anchor `t<index>`.
    struct SiteTask: Hashable { var benchmark: String; var task: String }

    struct Row {
        var task: Int
        var metric: Int
        var baseline: Double?
        var candidate: Double?
        var p: Double?
        var flags: Int
    }

    /// Row flags, as the tasks page's script reads them.
    enum Flag {
        static let regressed = 1, improved = 2, changed = 4, error = 8, manipulation = 16, new = 32, missing = 64
    }

    let input: DashboardInput
    let metrics: [MetricKey]
    let candidateTasks: [TaskKey: TaskSide]
    let baselineTasks: [TaskKey: TaskSide]
    let siteTasks: [SiteTask]
    let siteTaskIndex: [SiteTask: Int]
    let categories: [SiteTask: String]
    /// The models that have a task, on either side, sorted.
    let modelsByTask: [SiteTask: [String]]
    let tasksPerPage: Int
    let rows: [Row]

    init(_ input: DashboardInput) {
        self.input = input
        let candidateTasks = Self.aggregate(input.candidate)
        let baselineTasks = Self.aggregate(input.baseline)
        self.candidateTasks = candidateTasks
        self.baselineTasks = baselineTasks
        metrics = Self.metrics(input, candidate: candidateTasks)

        var categories: [SiteTask: String] = [:]
        for (key, side) in baselineTasks.merging(candidateTasks, uniquingKeysWith: { $1 }) {
            if let category = side.category { categories[SiteTask(benchmark: key.benchmark, task: key.task)] = category }
        }
        var modelsByTask: [SiteTask: Set<String>] = [:]
        for key in Set(candidateTasks.keys).union(baselineTasks.keys) {
            modelsByTask[SiteTask(benchmark: key.benchmark, task: key.task), default: []].insert(key.model)
        }
        self.modelsByTask = modelsByTask.mapValues { $0.sorted() }
        siteTasks = modelsByTask.keys.sorted { ($0.benchmark, $0.task) < ($1.benchmark, $1.task) }
        siteTaskIndex = Dictionary(uniqueKeysWithValues: siteTasks.enumerated().map { ($1, $0) })
        self.categories = categories
        // About 300 samples per drill-down page, whatever k and the number of models.
        let samplesPerTask = max(1, input.candidate.count / max(1, siteTasks.count))
        tasksPerPage = min(100, max(1, 300 / samplesPerTask))
        rows = Self.rows(input: input, metrics: metrics, candidate: candidateTasks, baseline: baselineTasks,
                         taskIndex: siteTaskIndex)
    }

    func page(ofTask index: Int) -> Int { index / tasksPerPage }
    var pageCount: Int { (siteTasks.count + tasksPerPage - 1) / tasksPerPage }
    static func pagePath(_ page: Int) -> String { "samples/" + String(format: "%04d", page) + ".html" }

    static func aggregate(_ records: [ResultRecord]) -> [TaskKey: TaskSide] {
        var tasks: [TaskKey: TaskSide] = [:]
        for (index, record) in records.enumerated() {
            let key = TaskKey(model: record.model, benchmark: record.benchmark, task: record.task)
            var side = tasks.removeValue(forKey: key) ?? TaskSide(category: record.category)
            side.records.append(index)
            side.hashes.insert(record.taskHash)
            if record.status == .ok {
                for (metric, value) in record.scores where value.isFinite { side.samples[metric, default: []].append(value) }
            } else {
                side.errors += 1
            }
            if case let .object(judge)? = record.judge, case let .array(findings)? = judge["manipulation"], !findings.isEmpty {
                side.flagged = true
            }
            tasks[key] = side
        }
        return tasks
    }

    /// The gate's comparisons when there are any; without a verdict, the policy's default metrics the run has.
    static func metrics(_ input: DashboardInput, candidate: [TaskKey: TaskSide]) -> [MetricKey] {
        let benchmarks = Set((input.candidate + input.baseline).map(\.benchmark))
        if let report = input.report, !report.comparisons.isEmpty {
            var seen = Set<MetricKey>()
            return report.comparisons.compactMap { comparison in
                var key = MetricKey(model: comparison.model, benchmark: ResultRecord.builtinBenchmark, metric: comparison.metric)
                let parts = comparison.metric.split(separator: ":", maxSplits: 1).map(String.init)
                if parts.count == 2, parts[0] != ResultRecord.builtinBenchmark, benchmarks.contains(parts[0]) {
                    key.benchmark = parts[0]
                    key.metric = parts[1]
                }
                return seen.insert(key).inserted ? key : nil
            }
        }
        var keys = Set<MetricKey>()
        for (task, side) in candidate {
            for metric in side.samples.keys where GatePolicy.defaultMetrics[metric] != nil {
                keys.insert(MetricKey(model: task.model, benchmark: task.benchmark, metric: metric))
            }
        }
        return keys.sorted()
    }

    /// The mean, or nil (not NaN) for no values: a side without samples shows as "—".
    static func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : Descriptive.mean(values) }

    static func rows(input: DashboardInput, metrics: [MetricKey], candidate: [TaskKey: TaskSide], baseline: [TaskKey: TaskSide],
                     taskIndex: [SiteTask: Int]) -> [Row] {
        var rows: [Row] = []
        for (metricIndex, metric) in metrics.enumerated() {
            let comparison = input.report?.comparisons.first { $0.model == metric.model && $0.metric == metric.label }
            let regressed = Set(comparison?.regressedTasks.map(\.task) ?? [])
            let improved = Set(comparison?.improvedTasks.map(\.task) ?? [])
            let tasks = Set(candidate.keys.filter { $0.model == metric.model && $0.benchmark == metric.benchmark })
                .union(baseline.keys.filter { $0.model == metric.model && $0.benchmark == metric.benchmark })
            for key in tasks.sorted(by: { $0.task < $1.task }) {
                let cand = candidate[key], base = baseline[key]
                let candSamples = cand?.samples[metric.metric] ?? [], baseSamples = base?.samples[metric.metric] ?? []
                // A task neither side scored on this metric (e.g. no judge) has no row for it.
                guard !candSamples.isEmpty || !baseSamples.isEmpty || (cand?.errors ?? 0) > 0 else { continue }
                var flags = 0
                if regressed.contains(key.task) { flags |= Flag.regressed }
                if improved.contains(key.task) { flags |= Flag.improved }
                if let cand, let base, cand.hashes != base.hashes { flags |= Flag.changed }
                if (cand?.errors ?? 0) > 0 { flags |= Flag.error }
                if cand?.flagged == true { flags |= Flag.manipulation }
                if !input.baseline.isEmpty && base == nil { flags |= Flag.new }
                if cand == nil { flags |= Flag.missing }
                var p: Double?
                if flags & Flag.changed == 0, !candSamples.isEmpty, !baseSamples.isEmpty {
                    p = GateAnalysis.taskTest(baseline: baseSamples, candidate: candSamples, alternative: .twoSided).p
                }
                rows.append(Row(task: taskIndex[SiteTask(benchmark: key.benchmark, task: key.task)]!, metric: metricIndex,
                                baseline: mean(baseSamples), candidate: mean(candSamples), p: p, flags: flags))
            }
        }
        return rows
    }

    // MARK: Overview statistics

    /// One model's results in one category of one benchmark: pass@k over its tasks and mean scores.
    struct CategoryStats {
        var model: String
        var benchmark: String
        var category: String
        var tasks: Int
        var samples: Int
        /// k → mean over tasks of the unbiased pass@k (errors count as failed samples).
        var passAtK: [(k: Int, value: Double)]
        var testsFraction: Double?
        var judgeOverall: Double?
        /// The judge's mean per rubric criterion (`judge.<criterion>` scores), by name.
        var rubric: [(criterion: String, mean: Double)]
    }

    /// Judge scores that are not rubric criteria.
    static let judgeAggregates: Set<String> = ["judge.overall", "judge.agreement", "judge.suspected_manipulation"]

    func categoryStats() -> [CategoryStats] {
        var groups: [String: (model: String, benchmark: String, category: String, tasks: [TaskSide])] = [:]
        for (key, side) in candidateTasks {
            let category = side.category ?? "—"
            let id = [key.model, key.benchmark, category].joined(separator: "\u{1F}")
            groups[id, default: (key.model, key.benchmark, category, [])].tasks.append(side)
        }
        return groups.values.map { group in
            let counts = group.tasks.map { side in
                (n: side.records.count, c: (side.samples["tests.pass"] ?? []).filter { $0 == 1 }.count)
            }
            let hasPass = group.tasks.contains { $0.samples["tests.pass"] != nil }
            let smallest = counts.map(\.n).min() ?? 0
            let ks = hasPass ? Set([1, 5, 10, smallest].filter { $0 >= 1 && $0 <= smallest }).sorted() : []
            let passAtK = ks.map { k in
                (k: k, value: Descriptive.mean(counts.compactMap { PassAtK.estimate(samples: $0.n, correct: $0.c, k: k) }))
            }
            func average(_ metric: String) -> Double? {
                Self.mean(group.tasks.compactMap { Self.mean($0.samples[metric] ?? []) })
            }
            let criteria = Set(group.tasks.flatMap(\.samples.keys)).filter { $0.hasPrefix("judge.") && !Self.judgeAggregates.contains($0) }
            return CategoryStats(model: group.model, benchmark: group.benchmark, category: group.category,
                                 tasks: group.tasks.count, samples: counts.reduce(0) { $0 + $1.n }, passAtK: passAtK,
                                 testsFraction: average("tests.fraction"), judgeOverall: average("judge.overall"),
                                 rubric: criteria.sorted().compactMap { key in
                                     average(key).map { (String(key.dropFirst("judge.".count)), $0) }
                                 })
        }.sorted { ($0.model, $0.benchmark, $0.category) < ($1.model, $1.benchmark, $1.category) }
    }

    /// One model's run: volumes, errors by kind, tokens, cost and latency.
    struct RunStats {
        var model: String
        var samples = 0
        var errors: [String: Int] = [:]
        var cached = 0
        var inputTokens = 0
        var outputTokens = 0
        var costUSD = 0.0
        var latencies: [Double] = []
    }

    func runStats() -> [RunStats] {
        var stats: [String: RunStats] = [:]
        for record in input.candidate {
            var entry = stats[record.model] ?? RunStats(model: record.model)
            entry.samples += 1
            if let error = record.error, record.status == .error { entry.errors[error.kind, default: 0] += 1 }
            if record.cached { entry.cached += 1 } else if let latency = record.latencyMS { entry.latencies.append(latency) }
            entry.inputTokens += record.usage?.inputTokens ?? 0
            entry.outputTokens += record.usage?.outputTokens ?? 0
            entry.costUSD += record.costUSD ?? 0
            stats[record.model] = entry
        }
        return stats.values.sorted { $0.model < $1.model }
    }

    // MARK: Trends

    /// One point of a trend line: a run's mean over tasks of each task's mean score.
    struct TrendPoint { var label: String; var createdAt: String; var value: Double; var isBaseline: Bool; var isCandidate: Bool }

    /// Per metric key, the points in time order: the history, the baseline and the candidate. Empty without history.
    func trends() -> [(key: MetricKey, points: [TrendPoint])] {
        guard !input.history.isEmpty else { return [] }
        struct Run { var label: String; var createdAt: String; var tasks: [TaskKey: TaskSide]; var isBaseline: Bool; var isCandidate: Bool }
        let baselineRunID = input.report?.baseline.runID
        // This run is the last point; a copy of it in the history is not a second one.
        let history = input.history.filter { $0.runID == nil || $0.runID != input.manifest?.runID }
        // The baseline in use is one point, ringed: its file when the history has it, else its run.
        let baselineIndex = baselineRunID.flatMap { id in
            history.firstIndex { $0.runID == id && $0.isBaselineFile } ?? history.firstIndex { $0.runID == id }
        }
        var runs = history.enumerated().compactMap { index, run -> Run? in
            if let baselineIndex, index != baselineIndex, run.runID == baselineRunID { return nil }
            return Run(label: run.label, createdAt: run.createdAt, tasks: Self.aggregate(run.records), isBaseline: index == baselineIndex,
                       isCandidate: false)
        }
        if baselineIndex == nil, !input.baseline.isEmpty, let createdAt = input.report?.baseline.createdAt {
            runs.append(Run(label: "baseline", createdAt: createdAt, tasks: baselineTasks, isBaseline: true, isCandidate: false))
        }
        runs.append(Run(label: "this run", createdAt: input.manifest?.startedAt ?? input.generatedAt, tasks: candidateTasks,
                        isBaseline: false, isCandidate: true))
        let ordered = runs.enumerated().sorted { ($0.element.createdAt, $0.offset) < ($1.element.createdAt, $1.offset) }.map(\.element)
        return metrics.map { key in
            let points = ordered.compactMap { run -> TrendPoint? in
                let means = run.tasks.compactMap { task, side -> Double? in
                    guard task.model == key.model, task.benchmark == key.benchmark else { return nil }
                    return Self.mean(side.samples[key.metric] ?? [])
                }
                guard let value = Self.mean(means) else { return nil }
                return TrendPoint(label: run.label, createdAt: run.createdAt, value: value, isBaseline: run.isBaseline,
                                  isCandidate: run.isCandidate)
            }
            return (key, points)
        }
    }
}
