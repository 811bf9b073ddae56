import CodescoreGate
import CodescoreResults

/// Everything the dashboard shows: the candidate run, the baseline it was compared with (when there is one),
/// the gate's verdict, and earlier runs for the trends. docs/dashboard.md describes the site.
public struct DashboardInput: Sendable {
    public var report: GateReport?
    public var candidate: [ResultRecord]
    public var baseline: [ResultRecord]
    public var manifest: RunManifest?
    /// Earlier runs or baselines (`--history`), in any order; the trends sort them by time.
    public var history: [HistoryRun]
    public var toolVersion: String
    public var generatedAt: String

    public init(report: GateReport?, candidate: [ResultRecord], baseline: [ResultRecord], manifest: RunManifest?,
                history: [HistoryRun], toolVersion: String, generatedAt: String) {
        self.report = report
        self.candidate = candidate
        self.baseline = baseline
        self.manifest = manifest
        self.history = history
        self.toolVersion = toolVersion
        self.generatedAt = generatedAt
    }
}

/// One earlier run or baseline: a point on every trend line.
public struct HistoryRun: Sendable {
    /// What the trend's tooltip and table call it: the run id, a commit, or the file name.
    public var label: String
    /// ISO 8601; the order of the points.
    public var createdAt: String
    public var runID: String?
    public var records: [ResultRecord]
    /// A baseline file (written by `baseline update`) rather than a run's results.
    public var isBaselineFile: Bool

    public init(label: String, createdAt: String, runID: String?, records: [ResultRecord], isBaselineFile: Bool = false) {
        self.label = label
        self.createdAt = createdAt
        self.runID = runID
        self.records = records
        self.isBaselineFile = isBaselineFile
    }
}
