import CodescoreStatistics

/// Everything the gate computed for one model × metric (a `comparisons[]` entry of gate.json).
public struct MetricComparison: Sendable, Codable {
    public var model: String
    public var metric: String
    /// `paired-t`, `permutation-exact`, `permutation-monte-carlo`, or `none`.
    public var test: String
    public var tasks: Int
    /// Median samples per task on each side.
    public var samplesBaseline: Int
    public var samplesCandidate: Int
    public var baselineMean: Double
    public var baselineSE: Double
    public var candidateMean: Double
    public var candidateSE: Double
    /// Mean of d_i = candidate_i − baseline_i, its standard error and its BCa bootstrap CI.
    public var delta: Double
    public var deltaSE: Double
    /// The standard error of Δ clustered by task category (Miller 2024, eq. 8), when there are several.
    public var deltaSEClustered: Double?
    public var deltaCI: Interval?
    public var confidenceLevel: Double
    public var margin: Double
    /// One-sided p-value of "candidate worse than baseline by more than the margin", raw and Holm-adjusted
    /// over all models × metrics.
    public var pRegression: Double
    public var pRegressionAdjusted: Double
    /// One-sided p-value of "candidate not worse by more than the margin" (non-inferiority).
    public var pNonInferiority: Double
    /// Reported alongside: Wilcoxon signed-rank (Pratt) and sign test, one-sided "less" on d_i + δ.
    public var pWilcoxon: Double?
    public var pSignTest: Double?
    /// Minimum detectable effect (z₁₋α + z₁₋β)·SE; underpowered when the margin is smaller.
    public var mde: Double
    public var underpowered: Bool
    /// Tasks (at the current samples) and samples per task (at the current tasks) that would make MDE ≤ δ.
    public var tasksNeeded: Int?
    public var samplesNeeded: Int?
    public var floor: Double?
    public var floorViolated: Bool
    public var errorRate: Double
    public var verdict: Verdict
    public var reason: String
    public var missingInBaseline: [String]
    public var missingInCandidate: [String]
    public var changedTasks: [String]
    public var regressedTasks: [TaskFlag]
    public var improvedTasks: [TaskFlag]

    public struct TaskFlag: Sendable, Codable, Hashable {
        public var task: String
        public var category: String?
        public var baselineMean: Double
        public var candidateMean: Double
        public var test: String
        public var p: Double
        public var pAdjusted: Double

        public init(task: String, category: String?, baselineMean: Double, candidateMean: Double, test: String, p: Double,
                    pAdjusted: Double) {
            self.task = task
            self.category = category
            self.baselineMean = baselineMean
            self.candidateMean = candidateMean
            self.test = test
            self.p = p
            self.pAdjusted = pAdjusted
        }
    }

    enum CodingKeys: String, CodingKey {
        case model, metric, test, tasks
        case samplesBaseline = "samples_baseline"
        case samplesCandidate = "samples_candidate"
        case baselineMean = "baseline_mean"
        case baselineSE = "baseline_se"
        case candidateMean = "candidate_mean"
        case candidateSE = "candidate_se"
        case delta
        case deltaSE = "delta_se"
        case deltaSEClustered = "delta_se_clustered"
        case deltaCI = "delta_ci"
        case confidenceLevel = "confidence_level"
        case margin
        case pRegression = "p_regression"
        case pRegressionAdjusted = "p_regression_adjusted"
        case pNonInferiority = "p_non_inferiority"
        case pWilcoxon = "p_wilcoxon"
        case pSignTest = "p_sign_test"
        case mde, underpowered
        case tasksNeeded = "tasks_needed"
        case samplesNeeded = "samples_needed"
        case floor
        case floorViolated = "floor_violated"
        case errorRate = "error_rate"
        case verdict, reason
        case missingInBaseline = "missing_in_baseline"
        case missingInCandidate = "missing_in_candidate"
        case changedTasks = "changed_tasks"
        case regressedTasks = "regressed_tasks"
        case improvedTasks = "improved_tasks"
    }
}

extension MetricComparison.TaskFlag {
    enum CodingKeys: String, CodingKey {
        case task, category
        case baselineMean = "baseline_mean"
        case candidateMean = "candidate_mean"
        case test, p
        case pAdjusted = "p_adjusted"
    }
}
