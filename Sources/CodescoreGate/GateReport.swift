import CodescoreConfig
import CodescoreResults
import Foundation

/// `gate.json`: the machine-readable verdict (SPEC §4). docs/statistics.md documents every field.
public struct GateReport: Sendable, Codable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = GateReport.currentSchemaVersion
    public var verdict: Verdict
    public var reason: String
    public var exitCode: Int
    public var toolVersion: String
    public var createdAt: String
    public var seed: String
    public var policy: JSONValue
    public var policySHA256: String
    public var baseline: Source
    public var candidate: Source
    public var comparisons: [MetricComparison]
    /// The judge's votes and manipulation flags in the candidate run (nil: not judged).
    public var judge: JudgeSummary?

    public struct Source: Sendable, Codable {
        public var path: String
        public var runID: String?
        public var gitCommit: String?
        public var createdAt: String?
        public var complete: Bool
        public var sandbox: String?
        public var judge: JudgeIdentity?
        public var records: Int
        /// External benchmarks whose harness ran without a sandbox (their definition opted out, or
        /// --unsafe-no-sandbox); reports say so. Nil when there are none.
        public var unsandboxedBenchmarks: [String]?

        public init(path: String, runID: String?, gitCommit: String?, createdAt: String?, complete: Bool, sandbox: String?,
                    judge: JudgeIdentity?, records: Int, unsandboxedBenchmarks: [String]? = nil) {
            self.path = path
            self.runID = runID
            self.gitCommit = gitCommit
            self.createdAt = createdAt
            self.complete = complete
            self.sandbox = sandbox
            self.judge = judge
            self.records = records
            self.unsandboxedBenchmarks = unsandboxedBenchmarks
        }

        enum CodingKeys: String, CodingKey {
            case path
            case runID = "run_id"
            case gitCommit = "git_commit"
            case createdAt = "created_at"
            case complete, sandbox, judge, records
            case unsandboxedBenchmarks = "unsandboxed_benchmarks"
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case verdict, reason
        case exitCode = "exit_code"
        case toolVersion = "tool_version"
        case createdAt = "created_at"
        case seed, policy
        case policySHA256 = "policy_sha256"
        case baseline, candidate, comparisons, judge
    }

    /// The run's verdict: the worst comparison; exit 1 on REGRESSION, 2 when the candidate run is
    /// incomplete or (strict) INCONCLUSIVE, else 0.
    public static func make(comparisons: [MetricComparison], policy: GatePolicy, baseline: Source, candidate: Source,
                            toolVersion: String, createdAt: String, judge: JudgeSummary? = nil) -> GateReport {
        let verdict: Verdict
        let reason: String
        if comparisons.isEmpty {
            verdict = .inconclusive
            reason = "nothing to compare: no gated metric on both sides"
        } else {
            verdict = comparisons.map(\.verdict).max() ?? .inconclusive
            let worst = comparisons.filter { $0.verdict == verdict }
            let names = worst.prefix(3).map { "\($0.model) \($0.metric)" }.joined(separator: ", ")
            switch verdict {
            case .pass: reason = "every model × metric is non-inferior to the baseline (\(comparisons.count) compared)"
            case .regression: reason = "\(worst.count) of \(comparisons.count) regressed: \(names)" + (worst.count > 3 ? ", …" : "")
            case .inconclusive: reason = "\(worst.count) of \(comparisons.count) inconclusive: \(names)" + (worst.count > 3 ? ", …" : "")
            }
        }
        let exitCode: Int
        switch verdict {
        case .regression: exitCode = 1
        case .inconclusive:
            // Errors beyond the budget make the run incomplete (SPEC §6), whichever way it was measured.
            let overBudget = comparisons.contains { $0.errorRate > policy.maxErrorRate }
            exitCode = !candidate.complete || overBudget || policy.strict || comparisons.isEmpty ? 2 : 0
        case .pass: exitCode = candidate.complete ? 0 : 2
        }
        return GateReport(verdict: verdict, reason: reason, exitCode: exitCode, toolVersion: toolVersion, createdAt: createdAt,
                          seed: String(policy.seed), policy: policy.jsonValue, policySHA256: policy.sha256, baseline: baseline,
                          candidate: candidate, comparisons: comparisons, judge: judge)
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try encoder.encode(self)
    }

    /// Reads what `encoded()` wrote.
    public static func decode(_ data: Data) throws -> GateReport {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        let report = try decoder.decode(GateReport.self, from: data)
        guard report.schemaVersion == currentSchemaVersion else {
            throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "gate.json schema_version \(report.schemaVersion) is not supported"))
        }
        return report
    }

    /// The compact benchstat-like table for stdout. Model and metric names are registry/policy names;
    /// control characters are stripped all the same.
    /// A mean, SE or Δ as every report prints it.
    public static func number(_ value: Double) -> String { value.isFinite ? String(format: "%.3f", value) : "—" }
    /// A p-value as every report prints it.
    public static func p(_ value: Double) -> String { value < 0.001 ? "<0.001" : String(format: "%.3f", value) }

    /// A number from the effective policy recorded in the report (e.g. `alpha`, `max_error_rate`).
    public func policyNumber(_ key: String) -> Double? {
        if case let .object(fields) = policy, case let .number(value)? = fields[key] { return value }
        return nil
    }

    public func table() -> String {
        let number = Self.number, p = Self.p
        let header = ["MODEL", "METRIC", "N", "BASELINE", "CANDIDATE", "Δ [CI]", "δ", "P", "TEST", "VERDICT"]
        var rows: [[String]] = []
        for comparison in comparisons {
            let ci = comparison.deltaCI.map { "[\(number($0.lower)), \(number($0.upper))]" } ?? ""
            var verdict = comparison.verdict.rawValue
            if comparison.underpowered && comparison.verdict == .inconclusive { verdict += " (underpowered)" }
            rows.append([
                comparison.model, comparison.metric, String(comparison.tasks),
                "\(number(comparison.baselineMean)) ± \(number(comparison.baselineSE))",
                "\(number(comparison.candidateMean)) ± \(number(comparison.candidateSE))",
                "\(comparison.delta >= 0 ? "+" : "")\(number(comparison.delta)) \(ci)", number(comparison.margin),
                p(comparison.pRegressionAdjusted), comparison.test, verdict,
            ].map(Self.printable))
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let render = { (cells: [String]) in
            cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        var lines = [render(header)] + rows.map(render)
        lines.append("")
        lines.append("codescore gate: \(verdict.rawValue) — \(Self.printable(reason))")
        let alpha = policyNumber("alpha").map { String($0) } ?? "?"
        lines.append("  one-sided tests against each margin δ at α=\(alpha), Holm across \(comparisons.count) comparisons, "
                     + "seed \(seed); P is the Holm-adjusted p of a regression beyond δ")
        for comparison in comparisons where !comparison.regressedTasks.isEmpty {
            let names = comparison.regressedTasks.prefix(10).map(\.task).joined(separator: ", ")
            lines.append("  \(comparison.model) \(comparison.metric): regressed tasks: \(Self.printable(names))"
                         + (comparison.regressedTasks.count > 10 ? " (+\(comparison.regressedTasks.count - 10) more)" : ""))
        }
        for comparison in comparisons {
            let unmatched = comparison.missingInBaseline.count + comparison.missingInCandidate.count + comparison.changedTasks.count
            if unmatched > 0 {
                lines.append("  \(comparison.model) \(comparison.metric): not compared: \(comparison.changedTasks.count) changed, "
                             + "\(comparison.missingInBaseline.count) new, \(comparison.missingInCandidate.count) missing in the candidate")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Drops control characters (a terminal must not be steered by data).
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }))
    }
}
