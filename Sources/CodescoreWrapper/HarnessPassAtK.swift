import CodescoreScoring

/// Per-task pass@k of harness results, by the unbiased estimator (``PassAtK``).
///
/// A sample whose outcome is unknown (no `passed`, or no value for the chosen metric) counts as failed and is
/// counted in ``TaskPassAtK/unknown``: an unreadable outcome never raises a score.
public enum HarnessPassAtK {
    /// What makes a sample correct.
    public enum Criterion: Sendable, Hashable {
        /// The result's `passed` (the harness's own verdict: for BaxBench, correct and secure).
        case passed
        /// A 0/1 metric equal to 1, e.g. `tests.pass` (BaxBench pass@k) or `security.pass` (sec_pass@k).
        case metric(String)
    }

    /// One task's counts and estimates.
    public struct TaskPassAtK: Sendable, Hashable {
        public var task: String
        /// n: samples of the task.
        public var samples: Int
        /// c: samples that met the criterion.
        public var correct: Int
        /// Samples whose outcome was unknown (counted as not correct).
        public var unknown: Int
        /// k → pass@k, for each requested k ≤ n.
        public var passAtK: [Int: Double]
    }

    /// Tasks in id order.
    public static func perTask(_ results: [HarnessSampleResult], ks: [Int], criterion: Criterion = .passed) -> [TaskPassAtK] {
        var counts: [String: (n: Int, c: Int, unknown: Int)] = [:]
        for result in results {
            let verdict: Bool?
            switch criterion {
            case .passed: verdict = result.passed
            case let .metric(name): verdict = result.scores[name].map { $0 == 1 }
            }
            counts[result.task, default: (0, 0, 0)].n += 1
            switch verdict {
            case true?: counts[result.task, default: (0, 0, 0)].c += 1
            case false?: break
            case nil: counts[result.task, default: (0, 0, 0)].unknown += 1
            }
        }
        return counts.keys.sorted().compactMap { task in
            guard let count = counts[task] else { return nil }
            var estimates: [Int: Double] = [:]
            for k in ks {
                if let value = PassAtK.estimate(samples: count.n, correct: count.c, k: k) { estimates[k] = value }
            }
            return TaskPassAtK(task: task, samples: count.n, correct: count.c, unknown: count.unknown, passAtK: estimates)
        }
    }

    /// The mean of pass@k over tasks, as the harnesses report it; nil when some task has fewer than k samples
    /// (HumanEval and EvalPlus leave such a k out too) or there are no tasks.
    public static func mean(_ tasks: [TaskPassAtK], k: Int) -> Double? {
        guard !tasks.isEmpty else { return nil }
        var sum = 0.0
        for task in tasks {
            guard let value = task.passAtK[k] else { return nil }
            sum += value
        }
        return sum / Double(tasks.count)
    }
}
