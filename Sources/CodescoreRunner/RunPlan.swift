import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import Foundation

/// Built-in benchmark names a model's `benchmarks` list may contain.
public enum Benchmarks {
    public static let builtin = ResultRecord.builtinBenchmark
    public static let known = [builtin]

    /// Every entry of a model's `benchmarks` that is neither built in nor among `defined`, as input errors
    /// naming the model file and entry.
    public static func unknown(in models: [ModelConfig], defined: Set<String>, definedIn folder: String) -> [ConfigError] {
        let known = defined.union(Self.known)
        return models.flatMap { model in
            model.benchmarks.enumerated().filter { !known.contains($0.element) }.map { index, benchmark in
                ConfigError.invalidValue(
                    ConfigLocation(file: model.sourceFile, keyPath: ["benchmarks", "[\(index)]"]),
                    expected: "builtin or a benchmark defined in \(folder) (\(known.sorted().joined(separator: ", "))), not '\(benchmark)'")
            }
        }
    }
}

/// One sample to produce: a task, for a benchmark, with a sample index.
public struct WorkItem: Sendable {
    public var task: TaskDefinition
    public var benchmark: String
    public var sample: Int
}

/// Everything one model will generate in this run.
public struct ModelJob: Sendable {
    public var model: ModelConfig
    public var items: [WorkItem]

    public func identity(of item: WorkItem) -> ResultRecord.Identity {
        ResultRecord.Identity(model: model.name, benchmark: item.benchmark, task: item.task.id,
                              taskHash: item.task.hash, sample: item.sample)
    }
}

/// The cross product models × benchmarks × tasks × samples, before resuming.
public struct RunPlan: Sendable {
    public var jobs: [ModelJob]
    /// Per model, the external benchmarks whose command does everything (no items: their harness runs once).
    public var commandBenchmarks: [String: [String]] = [:]

    public var totalItems: Int { jobs.reduce(0) { $0 + $1.items.count } }

    /// Builds the plan over the built-in suite only.
    public static func make(models: [ModelConfig], tasks: [TaskDefinition], samplesOverride: Int?) throws(ConfigError) -> RunPlan {
        try make(models: models, suites: [Benchmarks.builtin: tasks], commandBenchmarks: [], samplesOverride: samplesOverride)
    }

    /// Builds the plan: `suites` holds each benchmark's tasks (the built-in suite, and the problems of
    /// generate-shaped external benchmarks); `commandBenchmarks` are external benchmarks run as one command.
    /// A benchmark name in a model file that is neither is an input error naming the file and entry.
    public static func make(models: [ModelConfig], suites: [String: [TaskDefinition]], commandBenchmarks: Set<String>,
                            samplesOverride: Int?, definedIn folder: String = "the benchmarks folder") throws(ConfigError) -> RunPlan {
        if let unknown = Benchmarks.unknown(in: models, defined: Set(suites.keys).union(commandBenchmarks), definedIn: folder).first {
            throw unknown
        }
        var plan = RunPlan(jobs: [])
        for model in models {
            let samples = samplesOverride ?? model.generation.samples
            var items: [WorkItem] = []
            for benchmark in model.benchmarks {
                for task in suites[benchmark] ?? [] {
                    for sample in 0..<samples { items.append(WorkItem(task: task, benchmark: benchmark, sample: sample)) }
                }
            }
            plan.jobs.append(ModelJob(model: model, items: items))
            let commands = model.benchmarks.filter(commandBenchmarks.contains)
            if !commands.isEmpty { plan.commandBenchmarks[model.name] = commands }
        }
        return plan
    }

    /// Splits existing records into those to keep and the samples already done.
    ///
    /// Records outside this plan are kept untouched, except failed records of a command-run benchmark
    /// of the plan (it runs again). Inside it, a finished (`ok`) record marks its sample
    /// done; failed records and records of an older task version are dropped, to be produced again;
    /// a repeated identity keeps its first record. `rewrite` says whether anything was dropped.
    /// `isStale` drops finished records too (e.g. not judged by the judge this run has).
    public func reconcile(
        existing: [ResultRecord], isStale: (ResultRecord) -> Bool = { _ in false }
    ) -> (keep: [ResultRecord], done: Set<ResultRecord.Identity>, rewrite: Bool) {
        struct Coordinate: Hashable { var model, benchmark, task: String; var sample: Int }
        var currentHash: [Coordinate: String] = [:]
        for job in jobs {
            for item in job.items {
                currentHash[Coordinate(model: job.model.name, benchmark: item.benchmark, task: item.task.id, sample: item.sample)] = item.task.hash
            }
        }
        var keep: [ResultRecord] = []
        var done: Set<ResultRecord.Identity> = []
        var seen: Set<ResultRecord.Identity> = []
        var rewrite = false
        for record in existing {
            guard seen.insert(record.identity).inserted else { rewrite = true; continue }
            // A command-run benchmark's failed records go, so that it runs again; its results stay.
            if record.status == .error, commandBenchmarks[record.model]?.contains(record.benchmark) == true {
                rewrite = true
                continue
            }
            let coordinate = Coordinate(model: record.model, benchmark: record.benchmark, task: record.task, sample: record.sample)
            guard let hash = currentHash[coordinate] else { keep.append(record); continue }
            if hash == record.taskHash && record.status == .ok && !isStale(record) {
                keep.append(record)
                done.insert(record.identity)
            } else {
                rewrite = true
            }
        }
        return (keep, done, rewrite)
    }
}
