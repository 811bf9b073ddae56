import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import Foundation

/// Built-in benchmark names a model's `benchmarks` list may contain.
public enum Benchmarks {
    public static let builtin = ResultRecord.builtinBenchmark
    public static let known = [builtin]
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

    public var totalItems: Int { jobs.reduce(0) { $0 + $1.items.count } }

    /// Builds the plan; a benchmark name this build does not know is an input error in the model file.
    public static func make(models: [ModelConfig], tasks: [TaskDefinition], samplesOverride: Int?) throws(ConfigError) -> RunPlan {
        var jobs: [ModelJob] = []
        for model in models {
            for (index, benchmark) in model.benchmarks.enumerated() where !Benchmarks.known.contains(benchmark) {
                throw ConfigError.invalidValue(
                    ConfigLocation(file: model.sourceFile, keyPath: ["benchmarks", "[\(index)]"]),
                    expected: "a known benchmark (\(Benchmarks.known.joined(separator: ", "))), not '\(benchmark)'")
            }
            let samples = samplesOverride ?? model.generation.samples
            var items: [WorkItem] = []
            for benchmark in model.benchmarks {
                for task in tasks {
                    for sample in 0..<samples { items.append(WorkItem(task: task, benchmark: benchmark, sample: sample)) }
                }
            }
            jobs.append(ModelJob(model: model, items: items))
        }
        return RunPlan(jobs: jobs)
    }

    /// Splits existing records into those to keep and the samples already done.
    ///
    /// Records outside this plan are kept untouched. Inside it, a finished (`ok`) record marks its sample
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
