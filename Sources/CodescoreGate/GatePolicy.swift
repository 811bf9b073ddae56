import CodescoreConfig
import CodescoreResults
import Foundation

/// How the gate decides: which metrics, the margin δ and floor of each, α, power, the test, the error
/// budget, strictness, resample counts and the seed. docs/statistics.md documents the file (`--policy`).
public struct GatePolicy: Sendable, Hashable {
    public static let supportedSchemaVersions = [1]

    public enum TestChoice: String, Sendable, Hashable, CaseIterable {
        /// SPEC §5: paired t when n ≥ 30 and fewer than half the differences are zero, else permutation.
        case auto
        case t
        case permutation
    }

    public struct MetricRule: Sendable, Hashable {
        /// Non-inferiority margin δ, on the metric's own scale.
        public var margin: Double
        /// Optional absolute floor for the candidate's mean over tasks (e.g. tests.pass ≥ 0.6).
        public var floor: Double?

        public init(margin: Double, floor: Double? = nil) {
            self.margin = margin
            self.floor = floor
        }
    }

    public var alpha = 0.05
    public var power = 0.8
    public var test = TestChoice.auto
    public var metrics: [String: MetricRule] = GatePolicy.defaultMetrics
    /// Largest share of a model's samples that may be errors before its verdict is INCONCLUSIVE (incomplete).
    public var maxErrorRate = 0.1
    /// INCONCLUSIVE exits 2 instead of 0.
    public var strict = false
    public var permutationResamples = 10_000
    public var bootstrapResamples = 10_000
    public var seed: UInt64 = 20_261_125

    public init() {}

    /// δ = 0.05 for rates, 0.5 for 0–10 rubric scores (SPEC §5). Metrics a run lacks are skipped.
    public static let defaultMetrics: [String: MetricRule] = [
        "tests.pass": MetricRule(margin: 0.05),
        "tests.fraction": MetricRule(margin: 0.05),
        "tests.mutation_score": MetricRule(margin: 0.05),
        "judge.overall": MetricRule(margin: 0.5),
    ]

    /// The metrics gated on one benchmark's records, with their rules, sorted by metric. A key
    /// `<benchmark>:<metric>` (e.g. `humaneval:tests.pass`) sets the rule for that benchmark only and
    /// takes precedence over the plain `<metric>` key, which applies to every benchmark.
    public func rules(for benchmark: String) -> [(metric: String, rule: MetricRule)] {
        var rules: [String: MetricRule] = [:]
        for (key, rule) in metrics where !key.contains(":") { rules[key] = rule }
        for (key, rule) in metrics {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == benchmark { rules[parts[1]] = rule }
        }
        return rules.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether a policy key (`judge.overall`, `humaneval:judge.overall`) names a judge metric.
    public static func isJudgeMetric(_ key: String) -> Bool {
        (key.split(separator: ":", maxSplits: 1).last ?? "").hasPrefix("judge.")
    }

    /// How reports name a metric of a benchmark: the plain name for the built-in suite, else `<benchmark>:<metric>`.
    public static func label(metric: String, benchmark: String) -> String {
        benchmark == ResultRecord.builtinBenchmark ? metric : "\(benchmark):\(metric)"
    }

    /// SHA-256 of the canonical JSON of the effective policy: recorded in baselines and gate.json.
    public var sha256: String { ContentHash.sha256Hex(jsonValue.canonicalData()) }

    public var jsonValue: JSONValue {
        .object([
            "alpha": .number(alpha), "power": .number(power), "test": .string(test.rawValue),
            "max_error_rate": .number(maxErrorRate), "strict": .bool(strict),
            "permutation_resamples": .integer(permutationResamples), "bootstrap_resamples": .integer(bootstrapResamples),
            "seed": .string(String(seed)),
            "metrics": .object(metrics.mapValues { rule in
                var fields: [String: JSONValue] = ["margin": .number(rule.margin)]
                if let floor = rule.floor { fields["floor"] = .number(floor) }
                return .object(fields)
            }),
        ])
    }

    /// Reads a policy file (YAML or JSON); keys left out keep their defaults. Errors name file and key (exit 65).
    public static func load(_ url: URL, displayPath: String) throws(ConfigError) -> GatePolicy {
        let object = try ConfigObject(try ConfigNode.load(url, displayPath: displayPath))
        _ = try object.schemaVersion(supported: supportedSchemaVersions)
        var policy = GatePolicy()
        policy.alpha = try object.optional("alpha", default: policy.alpha)
        try object.check("alpha", policy.alpha > 0 && policy.alpha < 0.5, expected: "a significance level between 0 and 0.5")
        policy.power = try object.optional("power", default: policy.power)
        try object.check("power", policy.power > 0.5 && policy.power < 1, expected: "a power between 0.5 and 1")
        let testName: String = try object.optional("test", default: policy.test.rawValue)
        guard let test = TestChoice(rawValue: testName) else {
            throw ConfigError.invalidValue(object.node("test")?.location ?? object.location,
                                           expected: "one of auto, t, permutation, not '\(testName)'")
        }
        policy.test = test
        policy.maxErrorRate = try object.optional("max_error_rate", default: policy.maxErrorRate)
        try object.check("max_error_rate", (0...1).contains(policy.maxErrorRate), expected: "a fraction from 0 to 1")
        policy.strict = try object.optional("strict", default: policy.strict)
        policy.permutationResamples = try object.optional("permutation_resamples", default: policy.permutationResamples)
        try object.check("permutation_resamples", (1000...10_000_000).contains(policy.permutationResamples),
                         expected: "from 1000 to 10000000 resamples")
        policy.bootstrapResamples = try object.optional("bootstrap_resamples", default: policy.bootstrapResamples)
        try object.check("bootstrap_resamples", (1000...10_000_000).contains(policy.bootstrapResamples),
                         expected: "from 1000 to 10000000 resamples")
        let seed: Int = try object.optional("seed", default: Int(policy.seed))
        try object.check("seed", seed >= 0, expected: "a non-negative integer")
        policy.seed = UInt64(seed)
        if let metrics = try object.optionalObject("metrics") {
            var rules: [String: MetricRule] = [:]
            for key in metrics.keys {
                guard let ruleNode = metrics.node(key) else { continue }
                let rule = try ConfigObject(ruleNode)
                let margin: Double = try rule.required("margin")
                try rule.check("margin", margin > 0, expected: "a positive margin")
                rules[key] = MetricRule(margin: margin, floor: try rule.optional("floor"))
                try rule.rejectUnknownKeys()
            }
            try object.check("metrics", !rules.isEmpty, expected: "at least one metric to gate")
            policy.metrics = rules
        }
        try object.rejectUnknownKeys()
        return policy
    }
}
