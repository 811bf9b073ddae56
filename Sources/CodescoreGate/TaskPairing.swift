import CodescoreResults

/// One model × metric, paired over tasks: the unit of analysis is the task (SPEC §5).
public struct PairedMetric: Sendable {
    public var model: String
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

public enum TaskPairing {
    /// Pairs baseline and candidate samples of `model` on task id + task hash. Only `ok` records that carry
    /// the metric count; a task with no such sample on one side is "missing" there.
    public static func pair(model: String, metric: String, baseline: [ResultRecord], candidate: [ResultRecord]) -> PairedMetric {
        let base = samplesByTask(baseline, model: model, metric: metric)
        let cand = samplesByTask(candidate, model: model, metric: metric)
        var paired = PairedMetric(model: model, metric: metric, tasks: [], categories: [], baseline: [], candidate: [],
                                  baselineSamples: [], candidateSamples: [], missingInBaseline: [], missingInCandidate: [],
                                  changed: [])
        for task in Set(base.keys).union(cand.keys).sorted() {
            switch (base[task], cand[task]) {
            case let (b?, c?) where b.hash == c.hash:
                paired.tasks.append(task)
                paired.categories.append(c.category ?? b.category)
                paired.baseline.append(mean(b.samples))
                paired.candidate.append(mean(c.samples))
                paired.baselineSamples.append(b.samples)
                paired.candidateSamples.append(c.samples)
            case (_?, _?): paired.changed.append(task)
            case (nil, _?): paired.missingInBaseline.append(task)
            case (_?, nil): paired.missingInCandidate.append(task)
            case (nil, nil): break
            }
        }
        return paired
    }

    struct TaskSamples { var hash: String; var category: String?; var samples: [Double] }

    static func samplesByTask(_ records: [ResultRecord], model: String, metric: String) -> [String: TaskSamples] {
        var byTask: [String: TaskSamples] = [:]
        for record in records where record.model == model && record.status == .ok {
            guard let value = record.scores[metric] else { continue }
            if var existing = byTask[record.task] {
                // Samples of two task versions in one file: the comparison uses the newer hash only if the
                // file is consistent; a mix marks the task as changed by giving it an impossible hash.
                if existing.hash != record.taskHash { existing.hash = "mixed" }
                existing.samples.append(value)
                byTask[record.task] = existing
            } else {
                byTask[record.task] = TaskSamples(hash: record.taskHash, category: record.category, samples: [value])
            }
        }
        return byTask
    }

    /// The mean of a task's samples; integral scores (counts, 0/1) are summed exactly as integers first.
    static func mean(_ samples: [Double]) -> Double {
        if samples.allSatisfy({ $0 == $0.rounded() && abs($0) < 1e15 }) {
            return Double(samples.reduce(0) { $0 + Int($1) }) / Double(samples.count)
        }
        return samples.reduce(0, +) / Double(samples.count)
    }
}
