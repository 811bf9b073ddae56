import Foundation

/// `run.json`: what produced a results file, so a run can be reproduced, resumed and merged.
public struct RunManifest: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion = RunManifest.currentSchemaVersion
    public var runID: String
    public var toolVersion: String
    public var gitCommit: String?
    public var startedAt: String
    public var finishedAt: String?
    /// `running`, `complete`, `incomplete` (errors beyond the budget or aborted) or `interrupted`.
    public var status: String
    public var models: [Model]
    public var suite: Suite
    public var filters: Filters
    public var counts: Counts
    public var usage: ResultRecord.TokenUsage
    public var costUSD: Double
    public var wallSeconds: Double?
    /// Filled by the judge when it runs.
    public var judge: JudgeIdentity?
    /// What the judge did in this invocation, when it ran.
    public var judgeCounts: JudgeCounts?
    /// Where generated code ran: `bubblewrap`, or `none` under --unsafe-no-sandbox (reports say so).
    public var sandbox: String?
    /// External benchmarks (wrapper mode) this folder's records come from, by name.
    public var externalBenchmarks: [String: ExternalBenchmark]?

    /// One external benchmark: its definition's version, where its harness ran, and (when codescore
    /// generated its samples) the problems selected, id → task hash.
    public struct ExternalBenchmark: Codable, Sendable, Equatable {
        public var definitionSHA256: String
        /// `bubblewrap`, or `none` when the definition opted out of the sandbox or under --unsafe-no-sandbox.
        public var sandbox: String
        public var tasks: [String: String]?

        public init(definitionSHA256: String, sandbox: String, tasks: [String: String]?) {
            self.definitionSHA256 = definitionSHA256
            self.sandbox = sandbox
            self.tasks = tasks
        }

        enum CodingKeys: String, CodingKey {
            case definitionSHA256 = "definition_sha256"
            case sandbox, tasks
        }
    }

    public struct Model: Codable, Sendable {
        public var name: String
        public var providerKind: String
        public var providerModel: String?
        public var baseURL: String?
        public var configSHA256: String
        public var samples: Int

        public init(name: String, providerKind: String, providerModel: String?, baseURL: String?, configSHA256: String, samples: Int) {
            self.name = name
            self.providerKind = providerKind
            self.providerModel = providerModel
            self.baseURL = baseURL
            self.configSHA256 = configSHA256
            self.samples = samples
        }

        enum CodingKeys: String, CodingKey {
            case name
            case providerKind = "provider_kind"
            case providerModel = "provider_model"
            case baseURL = "base_url"
            case configSHA256 = "config_sha256"
            case samples
        }
    }

    public struct Suite: Codable, Sendable {
        public var tasksDir: String
        /// SHA-256 over the sorted `id:hash` lines of the tasks run.
        public var tasksSHA256: String
        public var tasks: [String: String]

        public init(tasksDir: String, tasksSHA256: String, tasks: [String: String]) {
            self.tasksDir = tasksDir
            self.tasksSHA256 = tasksSHA256
            self.tasks = tasks
        }

        enum CodingKeys: String, CodingKey {
            case tasksDir = "tasks_dir"
            case tasksSHA256 = "tasks_sha256"
            case tasks
        }
    }

    public struct Filters: Codable, Sendable {
        public var models: [String]
        public var tasks: [String]
        public var category: String?
        public var samples: Int?

        public init(models: [String], tasks: [String], category: String?, samples: Int?) {
            self.models = models
            self.tasks = tasks
            self.category = category
            self.samples = samples
        }
    }

    public struct Counts: Codable, Sendable {
        public var planned = 0
        public var ok = 0
        public var error = 0
        public var cached = 0
        /// Samples already in results.jsonl from an earlier, interrupted run.
        public var resumed = 0

        public init() {}
    }

    public init(runID: String, toolVersion: String, gitCommit: String?, startedAt: String, status: String,
                models: [Model], suite: Suite, filters: Filters) {
        self.runID = runID
        self.toolVersion = toolVersion
        self.gitCommit = gitCommit
        self.startedAt = startedAt
        self.status = status
        self.models = models
        self.suite = suite
        self.filters = filters
        self.counts = Counts()
        self.usage = ResultRecord.TokenUsage(inputTokens: 0, outputTokens: 0)
        self.costUSD = 0
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case runID = "run_id"
        case toolVersion = "tool_version"
        case gitCommit = "git_commit"
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case status, models, suite, filters, counts, usage
        case costUSD = "cost_usd"
        case wallSeconds = "wall_seconds"
        case judge, sandbox
        case judgeCounts = "judge_counts"
        case externalBenchmarks = "external_benchmarks"
    }

    /// Judge totals: samples judged, those left without a valid vote, votes by outcome, requests sent,
    /// samples flagged for suspected manipulation, and invalid votes by problem kind.
    public struct JudgeCounts: Codable, Sendable {
        public var judged: Int
        public var unscored: Int
        public var validVotes: Int
        public var invalidVotes: Int
        public var requests: Int
        public var suspectedManipulation: Int
        public var problems: [String: Int]

        public init(judged: Int, unscored: Int, validVotes: Int, invalidVotes: Int, requests: Int,
                    suspectedManipulation: Int, problems: [String: Int]) {
            self.judged = judged
            self.unscored = unscored
            self.validVotes = validVotes
            self.invalidVotes = invalidVotes
            self.requests = requests
            self.suspectedManipulation = suspectedManipulation
            self.problems = problems
        }

        enum CodingKeys: String, CodingKey {
            case judged, unscored
            case validVotes = "valid_votes"
            case invalidVotes = "invalid_votes"
            case requests
            case suspectedManipulation = "suspected_manipulation"
            case problems
        }
    }

    /// Whether a record belongs to this run's selection: a task of the built-in suite it ran, a problem of
    /// an external benchmark it generated for, or any record of an external benchmark run as one command.
    public func selects(_ record: ResultRecord) -> Bool {
        guard record.benchmark != ResultRecord.builtinBenchmark else { return suite.tasks[record.task] != nil }
        guard let external = externalBenchmarks?[record.benchmark] else { return false }
        return external.tasks.map { $0[record.task] != nil } ?? true
    }

    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url, options: .atomic)
    }

    public static func read(from url: URL) throws -> RunManifest {
        try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: url))
    }
}
