import CodescoreResults

/// One model × metric, paired over tasks: the unit of analysis is the task (SPEC §5).
public struct PairedMetric: Sendable {
    public var model: String
    /// The benchmark whose tasks are paired (one comparison per model × benchmark × metric).
    public var benchmark: String
    /// The metric as the records name it (`tests.pass`).
    public var baseMetric: String
    /// The metric as reports name it: ``GatePolicy/label(metric:benchmark:)``.
    public var metric: String
    /// Tasks present on both sides with the same task hash, sorted by id.
    public var tasks: [String]
    public var categories: [String?]
    /// Per task, the mean over its k samples.
    public var baseline: [Double]
    public var candidate: [Double]
    public var baselineSamples: [[Double]]
    public var candidateSamples: [[Double]]
    /// Tasks that cannot be compared, by reason; listed in every report, never silently dropped.
    public var missingInBaseline: [String]
    public var missingInCandidate: [String]
    public var changed: [String]

    /// d_i = candidate_i − baseline_i.
    public var differences: [Double] { zip(candidate, baseline).map { $0 - $1 } }
}

/// One model's pairing on one benchmark: a `PairedMetric` for each gated metric that either side has, and
/// the candidate's record and error counts on that benchmark (for the error budget).
public struct ModelPairing: Sendable {
    public var metrics: [PairedMetric]
    public var candidateRecords: Int
    public var candidateErrors: Int
    /// Candidate samples the judge looked at without producing one valid vote (no `judge.overall`): they
    /// count as errors for the judge metrics, so an unparseable judge cannot pass silently.
    public var candidateUnjudged: Int
}

public enum TaskPairing {
    /// Pairs baseline and candidate samples of `model` on one benchmark's task ids + task hashes, for each of
    /// `metrics` that some record of the model on that benchmark carries, in one pass over each side. Only
    /// `ok` records count as samples; a task with no such sample on one side is "missing" there.
    public static func pair(model: String, benchmark: String = ResultRecord.builtinBenchmark, metrics: [String],
                            baseline: [ResultRecord], candidate: [ResultRecord]) -> ModelPairing {
        let base = samplesByTask(baseline, model: model, benchmark: benchmark, metrics: metrics)
        let cand = samplesByTask(candidate, model: model, benchmark: benchmark, metrics: metrics)
        let paired = metrics.indices.filter { base.seen[$0] || cand.seen[$0] }.map { position in
            var paired = PairedMetric(model: model, benchmark: benchmark, baseMetric: metrics[position],
                                      metric: GatePolicy.label(metric: metrics[position], benchmark: benchmark),
                                      tasks: [], categories: [], baseline: [],
                                      candidate: [], baselineSamples: [], candidateSamples: [], missingInBaseline: [],
                                      missingInCandidate: [], changed: [])
            let withMetric = { (tasks: [String: TaskSamples]) in tasks.filter { !$0.value.samples[position].isEmpty } }
            let (b, c) = (withMetric(base.tasks), withMetric(cand.tasks))
            for task in Set(b.keys).union(c.keys).sorted() {
                switch (b[task], c[task]) {
                case let (b?, c?) where b.hashes[position] == c.hashes[position]:
                    paired.tasks.append(task)
                    paired.categories.append(c.category ?? b.category)
                    paired.baseline.append(mean(b.samples[position]))
                    paired.candidate.append(mean(c.samples[position]))
                    paired.baselineSamples.append(b.samples[position])
                    paired.candidateSamples.append(c.samples[position])
                case (_?, _?): paired.changed.append(task)
                case (nil, _?): paired.missingInBaseline.append(task)
                case (_?, nil): paired.missingInCandidate.append(task)
                case (nil, nil): break
                }
            }
            return paired
        }
        return ModelPairing(metrics: paired, candidateRecords: cand.records, candidateErrors: cand.errors,
                            candidateUnjudged: cand.unjudged)
    }

    /// One task's samples on one side: per metric (in the order asked for), the values of its `ok` records
    /// and the task hash they were produced under.
    struct TaskSamples { var hashes: [String?]; var category: String?; var samples: [[Double]] }

    /// One side of one model: its samples by task, which metrics any of its records carries, and its counts.
    struct Side { var tasks: [String: TaskSamples] = [:]; var seen: [Bool]; var records = 0; var errors = 0; var unjudged = 0 }

    static func samplesByTask(_ records: [ResultRecord], model: String, benchmark: String, metrics: [String]) -> Side {
        var side = Side(seen: Array(repeating: false, count: metrics.count))
        // Files are grouped by task in practice: the last task's entry is kept at hand rather than looked up.
        var current: (task: String, entry: TaskSamples)?
        func flush() { if let current { side.tasks[current.task] = current.entry } }
        // Fields are read in place: copying a million records (and their references) costs more than the pairing.
        records.withUnsafeBufferPointer { records in
            for index in records.indices where records[index].model == model && records[index].benchmark == benchmark {
                side.records += 1
                guard records[index].status == .ok else {
                    side.errors += 1
                    for (position, metric) in metrics.enumerated() where records[index].scores[metric] != nil {
                        side.seen[position] = true
                    }
                    continue
                }
                if records[index].scores["judge.suspected_manipulation"] != nil && records[index].scores["judge.overall"] == nil {
                    side.unjudged += 1
                }
                let task = records[index].task
                if current?.task != task {
                    flush()
                    let entry = side.tasks.removeValue(forKey: task)
                        ?? TaskSamples(hashes: Array(repeating: nil, count: metrics.count), category: records[index].category,
                                       samples: Array(repeating: [], count: metrics.count))
                    current = (task, entry)
                }
                for (position, metric) in metrics.enumerated() {
                    guard let value = records[index].scores[metric] else { continue }
                    side.seen[position] = true
                    current!.entry.samples[position].append(value)
                    // Samples of two task versions in one file mark the task as changed (an impossible hash).
                    let hash = current!.entry.hashes[position]
                    let taskHash = records[index].taskHash
                    current!.entry.hashes[position] = hash == nil || hash == taskHash ? taskHash : "mixed"
                }
            }
        }
        flush()
        return side
    }

    /// The mean of a task's samples; integral scores (counts, 0/1) are summed exactly as integers first.
    static func mean(_ samples: [Double]) -> Double {
        if samples.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
            return Double(samples.reduce(0) { $0 + Int($1) }) / Double(samples.count)
        }
        return samples.reduce(0, +) / Double(samples.count)
    }
}
