import CodescoreConfig
import Foundation

/// One line of `results.jsonl`: one sample of one task for one model and benchmark.
///
/// Schema v1 is documented in docs/results.md and described by `docs/schemas/result-record.v1.schema.json`.
/// Decoding is tolerant of unknown keys (newer minor additions) but rejects unknown schema versions.
public struct ResultRecord: Codable, Sendable, Hashable {
    public static let currentSchemaVersion = 1
    /// The `benchmark` of records from the built-in suite (`tasks/`); external benchmarks use their own names.
    public static let builtinBenchmark = "builtin"

    public var schemaVersion: Int
    public var runID: String
    public var model: String
    public var benchmark: String
    public var task: String
    public var category: String?
    public var taskHash: String
    public var sample: Int
    public var status: Status
    public var error: RecordError?
    /// The model's answer, verbatim. Untrusted text: every renderer escapes it.
    public var output: String?
    public var outputSHA256: String?
    public var finishReason: String?
    /// Metric name → value (e.g. `tests.pass`, `judge.overall`); filled by the scorers.
    public var scores: [String: Double]
    public var passed: Bool?
    /// Execution outcome, filled by the execution scorer.
    public var execution: JSONValue?
    /// Judge votes and rationale, filled by the judge.
    public var judge: JSONValue?
    public var usage: TokenUsage?
    public var latencyMS: Double?
    public var costUSD: Double?
    public var cached: Bool
    public var attempts: Int
    public var createdAt: String

    public enum Status: String, Codable, Sendable, Hashable {
        case ok, error
    }

    public struct RecordError: Codable, Sendable, Hashable {
        /// A stable machine-readable kind: `rate_limited`, `server_error`, `timeout`, `connection`,
        /// `invalid_response`, `response_too_large`, `authentication`, `client_error`, `command_failed`,
        /// `cache_miss`, `reference_missing`, `internal`.
        public var kind: String
        public var message: String
        public var httpStatus: Int?

        public init(kind: String, message: String, httpStatus: Int? = nil) {
            self.kind = kind
            self.message = message
            self.httpStatus = httpStatus
        }

        enum CodingKeys: String, CodingKey {
            case kind, message
            case httpStatus = "http_status"
        }
    }

    public struct TokenUsage: Codable, Sendable, Hashable {
        public var inputTokens: Int
        public var outputTokens: Int

        public init(inputTokens: Int, outputTokens: Int) {
            self.inputTokens = inputTokens
            self.outputTokens = outputTokens
        }

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
        }
    }

    /// What makes two records "the same sample": mergeable across shards and resumed runs.
    public struct Identity: Hashable, Sendable {
        public var model: String
        public var benchmark: String
        public var task: String
        public var taskHash: String
        public var sample: Int

        public init(model: String, benchmark: String, task: String, taskHash: String, sample: Int) {
            self.model = model
            self.benchmark = benchmark
            self.task = task
            self.taskHash = taskHash
            self.sample = sample
        }
    }

    public var identity: Identity {
        Identity(model: model, benchmark: benchmark, task: task, taskHash: taskHash, sample: sample)
    }

    public init(
        runID: String, model: String, benchmark: String, task: String, category: String?, taskHash: String,
        sample: Int, status: Status, error: RecordError? = nil, output: String? = nil, finishReason: String? = nil,
        scores: [String: Double] = [:], passed: Bool? = nil, usage: TokenUsage? = nil, latencyMS: Double? = nil,
        costUSD: Double? = nil, cached: Bool = false, attempts: Int = 1, createdAt: Date = Date()
    ) {
        self.init(runID: runID, model: model, benchmark: benchmark, task: task, category: category, taskHash: taskHash,
                  sample: sample, status: status, error: error, finishReason: finishReason, scores: scores, passed: passed,
                  usage: usage, latencyMS: latencyMS, costUSD: costUSD, cached: cached, attempts: attempts,
                  createdAtText: Timestamp.iso8601(createdAt))
        self.output = output
        self.outputSHA256 = output.map { ContentHash.sha256Hex($0) }
    }

    /// For readers that have the stored timestamp text already (no clock, no formatting).
    init(runID: String, model: String, benchmark: String, task: String, category: String?, taskHash: String, sample: Int,
         status: Status, error: RecordError?, finishReason: String?, scores: [String: Double], passed: Bool?,
         usage: TokenUsage?, latencyMS: Double?, costUSD: Double?, cached: Bool, attempts: Int, createdAtText: String) {
        self.schemaVersion = Self.currentSchemaVersion
        self.runID = runID
        self.model = model
        self.benchmark = benchmark
        self.task = task
        self.category = category
        self.taskHash = taskHash
        self.sample = sample
        self.status = status
        self.error = error
        self.output = nil
        self.outputSHA256 = nil
        self.finishReason = finishReason
        self.scores = scores
        self.passed = passed
        self.usage = usage
        self.latencyMS = latencyMS
        self.costUSD = costUSD
        self.cached = cached
        self.attempts = attempts
        self.createdAt = createdAtText
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case runID = "run_id"
        case model, benchmark, task, category
        case taskHash = "task_hash"
        case sample, status, error, output
        case outputSHA256 = "output_sha256"
        case finishReason = "finish_reason"
        case scores, passed, execution, judge, usage
        case latencyMS = "latency_ms"
        case costUSD = "cost_usd"
        case cached, attempts
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try container.decode(Int.self, forKey: .schemaVersion)
        guard schemaVersion == Self.currentSchemaVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .schemaVersion, in: container,
                debugDescription: "schema_version \(schemaVersion) is not supported (this codescore reads 1)")
        }
        runID = try container.decode(String.self, forKey: .runID)
        model = try container.decode(String.self, forKey: .model)
        benchmark = try container.decode(String.self, forKey: .benchmark)
        task = try container.decode(String.self, forKey: .task)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        taskHash = try container.decode(String.self, forKey: .taskHash)
        sample = try container.decode(Int.self, forKey: .sample)
        status = try container.decode(Status.self, forKey: .status)
        error = try container.decodeIfPresent(RecordError.self, forKey: .error)
        output = try container.decodeIfPresent(String.self, forKey: .output)
        outputSHA256 = try container.decodeIfPresent(String.self, forKey: .outputSHA256)
        finishReason = try container.decodeIfPresent(String.self, forKey: .finishReason)
        scores = try container.decodeIfPresent([String: Double].self, forKey: .scores) ?? [:]
        passed = try container.decodeIfPresent(Bool.self, forKey: .passed)
        execution = try container.decodeIfPresent(JSONValue.self, forKey: .execution)
        judge = try container.decodeIfPresent(JSONValue.self, forKey: .judge)
        usage = try container.decodeIfPresent(TokenUsage.self, forKey: .usage)
        latencyMS = try container.decodeIfPresent(Double.self, forKey: .latencyMS)
        costUSD = try container.decodeIfPresent(Double.self, forKey: .costUSD)
        cached = try container.decodeIfPresent(Bool.self, forKey: .cached) ?? false
        attempts = try container.decodeIfPresent(Int.self, forKey: .attempts) ?? 1
        createdAt = try container.decodeIfPresent(String.self, forKey: .createdAt) ?? ""
    }
}

/// Timestamps in results and manifests: ISO 8601, UTC, milliseconds.
public enum Timestamp {
    public static func iso8601(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}
