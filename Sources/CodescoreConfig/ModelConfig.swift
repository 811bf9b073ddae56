import Foundation

/// One entry of the model registry (`sample_models_config/<name>.json`). docs/models.md documents it.
public struct ModelConfig: Sendable, Hashable {
    public static let supportedSchemaVersions = [1]

    public var name: String
    public var description: String?
    public var provider: ProviderConfig
    public var benchmarks: [String]
    public var generation: GenerationOptions
    public var limits: RequestLimits
    public var pricing: Pricing?
    /// SHA-256 of the file's canonical JSON: identifies this configuration in manifests.
    public var configHash: String
    /// The file this model came from, as given to the loader.
    public var sourceFile: String

    public init(
        name: String, description: String? = nil, provider: ProviderConfig, benchmarks: [String] = ["builtin"],
        generation: GenerationOptions = GenerationOptions(), limits: RequestLimits = RequestLimits(),
        pricing: Pricing? = nil, configHash: String = "", sourceFile: String = ""
    ) {
        self.name = name
        self.description = description
        self.provider = provider
        self.benchmarks = benchmarks
        self.generation = generation
        self.limits = limits
        self.pricing = pricing
        self.configHash = configHash
        self.sourceFile = sourceFile
    }
}

public enum ProviderKind: String, Sendable, Hashable, CaseIterable, Codable {
    case openai, anthropic, command, reference, replay
}

/// How a provider is asked for JSON that follows a schema (the judge's answers). Servers differ: OpenAI
/// takes `json_schema`, llama.cpp's server takes `json_object` with a `schema` (and answers HTTP 500 to
/// `json_schema`), Anthropic uses a forced tool call; `none` asks in the prompt only.
public enum StructuredOutputDialect: String, Sendable, Hashable, CaseIterable, Codable, ConfigDecodable {
    case jsonSchema = "json_schema"
    case jsonObjectSchema = "json_object_schema"
    case anthropicTool = "anthropic_tool"
    case none

    public init(configNode node: ConfigNode) throws(ConfigError) {
        let text = try String(configNode: node)
        guard let dialect = StructuredOutputDialect(rawValue: text) else {
            throw ConfigError.invalidValue(node.location, expected: "one of \(Self.allCases.map(\.rawValue).joined(separator: ", ")), not '\(text)'")
        }
        self = dialect
    }

    /// The default for a provider kind: the API's native way, or none.
    public static func defaultFor(_ kind: ProviderKind) -> StructuredOutputDialect {
        switch kind {
        case .openai: .jsonSchema
        case .anthropic: .anthropicTool
        default: .none
        }
    }
}

/// How to reach the model. API keys are never stored here: only the name of the variable that holds one.
public struct ProviderConfig: Sendable, Hashable {
    public var kind: ProviderKind
    public var baseURL: String?
    public var model: String?
    public var apiKeyEnv: String?
    /// For `command`: the argv of the executable (no shell).
    public var command: [String]?
    /// For `replay`: the provider kind whose cached answers are replayed.
    public var replays: ProviderKind?
    /// How schema-constrained JSON is requested when this model judges (`structured_output`).
    public var structuredOutput: StructuredOutputDialect

    public init(
        kind: ProviderKind, baseURL: String? = nil, model: String? = nil, apiKeyEnv: String? = nil,
        command: [String]? = nil, replays: ProviderKind? = nil, structuredOutput: StructuredOutputDialect? = nil
    ) {
        self.kind = kind
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.command = command
        self.replays = replays
        self.structuredOutput = structuredOutput ?? .defaultFor(replays ?? kind)
    }

    /// The kind whose request format is used: a replay model speaks the format of what it replays.
    public var requestKind: ProviderKind { kind == .replay ? (replays ?? .reference) : kind }
}

public struct GenerationOptions: Sendable, Hashable {
    public var temperature: Double?
    public var topP: Double?
    public var maxTokens: Int
    /// Base seed; sample j is sent `seed + j` so that k samples are k different generations.
    public var seed: Int?
    /// Self-consistency samples per task (k).
    public var samples: Int
    public var stop: [String]
    /// Extra request-body fields passed through verbatim (e.g. llama.cpp's `repeat_penalty`).
    public var extraBody: [String: JSONValue]

    public init(
        temperature: Double? = nil, topP: Double? = nil, maxTokens: Int = 2048, seed: Int? = nil,
        samples: Int = 1, stop: [String] = [], extraBody: [String: JSONValue] = [:]
    ) {
        self.temperature = temperature
        self.topP = topP
        self.maxTokens = maxTokens
        self.seed = seed
        self.samples = samples
        self.stop = stop
        self.extraBody = extraBody
    }
}

public struct RequestLimits: Sendable, Hashable {
    /// Requests in flight at once for this model.
    public var concurrency: Int
    public var requestsPerMinute: Double?
    public var tokensPerMinute: Double?
    /// Whole-request deadline, connect to last byte.
    public var requestTimeoutSeconds: Double
    public var connectTimeoutSeconds: Double
    /// Responses larger than this are an error, not a memory problem.
    public var maxResponseBytes: Int
    /// Attempts after the first for retryable failures.
    public var maxRetries: Int
    /// Backoff between attempts: full jitter over `initial * 2^attempt`, capped at `max`.
    public var retryInitialDelaySeconds: Double
    public var retryMaxDelaySeconds: Double

    public init(
        concurrency: Int = 4, requestsPerMinute: Double? = nil, tokensPerMinute: Double? = nil,
        requestTimeoutSeconds: Double = 120, connectTimeoutSeconds: Double = 10,
        maxResponseBytes: Int = 8 << 20, maxRetries: Int = 6, retryInitialDelaySeconds: Double = 0.5,
        retryMaxDelaySeconds: Double = 20
    ) {
        self.concurrency = concurrency
        self.requestsPerMinute = requestsPerMinute
        self.tokensPerMinute = tokensPerMinute
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.maxResponseBytes = maxResponseBytes
        self.maxRetries = maxRetries
        self.retryInitialDelaySeconds = retryInitialDelaySeconds
        self.retryMaxDelaySeconds = retryMaxDelaySeconds
    }
}

/// Prices in US dollars per million tokens.
public struct Pricing: Sendable, Hashable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public func cost(inputTokens: Int, outputTokens: Int) -> Double {
        (Double(inputTokens) * inputPerMillion + Double(outputTokens) * outputPerMillion) / 1_000_000
    }
}

// MARK: - Decoding

extension ModelConfig {
    /// Decodes and validates one registry file; every problem names the file and key path.
    public init(configNode root: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(root)
        _ = try object.schemaVersion(supported: Self.supportedSchemaVersions)
        name = try object.required("name")
        try object.check("name", Self.isValidName(name),
                         expected: "a name of letters, digits, '.', '_', ':' or '-' (it appears in file names and reports)")
        description = try object.optional("description")
        provider = try ProviderConfig(configNode: try object.required("provider", as: ConfigNode.self))
        benchmarks = try object.optional("benchmarks", default: ["builtin"])
        try object.check("benchmarks", !benchmarks.isEmpty, expected: "at least one benchmark name")
        generation = try object.optional("generation").map { (node: ConfigNode) throws(ConfigError) in
            try GenerationOptions(configNode: node)
        } ?? GenerationOptions()
        limits = try object.optional("limits").map { (node: ConfigNode) throws(ConfigError) in
            try RequestLimits(configNode: node)
        } ?? RequestLimits()
        pricing = try object.optional("pricing").map { (node: ConfigNode) throws(ConfigError) in
            try Pricing(configNode: node)
        }
        try object.rejectUnknownKeys()
        configHash = ContentHash.sha256Hex(root.jsonValue.canonicalData())
        sourceFile = root.location.file
    }

    static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 128 && name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._:-".unicodeScalars.contains($0)
        }
    }
}

extension ConfigNode: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) { self = node }
}

extension ProviderKind: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let text = try String(configNode: node)
        guard let kind = ProviderKind(rawValue: text) else {
            let kinds = ProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConfigError.invalidValue(node.location, expected: "one of \(kinds), not '\(text)'")
        }
        self = kind
    }
}

extension ProviderConfig: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(node)
        kind = try object.required("kind")
        baseURL = try object.optional("base_url")
        model = try object.optional("model")
        apiKeyEnv = try object.optional("api_key_env")
        command = try object.optional("command")
        replays = try object.optional("replays")
        let requestKind = kind == .replay ? (replays ?? .reference) : kind
        structuredOutput = try object.optional("structured_output", default: .defaultFor(requestKind))
        try object.rejectUnknownKeys()
        let allowed: [StructuredOutputDialect] = switch requestKind {
        case .openai: [.jsonSchema, .jsonObjectSchema, .none]
        case .anthropic: [.anthropicTool, .none]
        default: [.none]
        }
        try object.check("structured_output", allowed.contains(structuredOutput),
                         expected: "one of \(allowed.map(\.rawValue).joined(separator: ", ")) for a \(requestKind.rawValue) provider")

        if let baseURL {
            let url = URL(string: baseURL)
            try object.check("base_url", url?.host != nil && ["http", "https"].contains(url?.scheme?.lowercased() ?? ""),
                             expected: "an http:// or https:// URL, not '\(baseURL)'")
        }
        if let apiKeyEnv {
            try object.check("api_key_env", Self.isEnvironmentVariableName(apiKeyEnv),
                             expected: "the NAME of an environment variable (e.g. OPENAI_API_KEY), never the key itself")
        }
        if kind == .replay {
            guard let replays else { throw ConfigError.missingKey(object.location, key: "replays") }
            try object.check("replays", replays != .replay, expected: "the kind of provider whose answers are replayed")
        }
        switch requestKind {
        case .openai:
            guard baseURL != nil else { throw ConfigError.missingKey(object.location, key: "base_url") }
            guard model != nil else { throw ConfigError.missingKey(object.location, key: "model") }
        case .anthropic:
            guard model != nil else { throw ConfigError.missingKey(object.location, key: "model") }
            if baseURL == nil { baseURL = "https://api.anthropic.com/v1" }
        case .command:
            guard let command else { throw ConfigError.missingKey(object.location, key: "command") }
            try object.check("command", !command.isEmpty && !command[0].isEmpty,
                             expected: "a non-empty argv list, e.g. [\"./my-agent\", \"--json\"]")
        case .reference, .replay:
            break
        }
    }

    /// Rejects anything that looks like a key pasted where a variable name belongs.
    static func isEnvironmentVariableName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text.count <= 128 else { return false }
        let isLetter = ("A"..."Z").contains(first) || ("a"..."z").contains(first) || first == "_"
        return isLetter && text.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }
}

extension GenerationOptions: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(node)
        temperature = try object.optional("temperature")
        topP = try object.optional("top_p")
        maxTokens = try object.optional("max_tokens", default: 2048)
        seed = try object.optional("seed")
        samples = try object.optional("samples", default: 1)
        stop = try object.optional("stop", default: [])
        extraBody = try object.optional("extra_body", default: [:])
        try object.rejectUnknownKeys()
        if let temperature {
            try object.check("temperature", (0...2).contains(temperature), expected: "a temperature from 0 to 2")
        }
        if let topP { try object.check("top_p", topP > 0 && topP <= 1, expected: "top_p in (0, 1]") }
        try object.check("max_tokens", maxTokens > 0, expected: "a positive number of tokens")
        try object.check("samples", (1...1000).contains(samples), expected: "a number of samples from 1 to 1000")
        try object.check("stop", stop.count <= 16, expected: "at most 16 stop sequences")
    }
}

extension RequestLimits: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let defaults = RequestLimits()
        let object = try ConfigObject(node)
        concurrency = try object.optional("concurrency", default: defaults.concurrency)
        requestsPerMinute = try object.optional("requests_per_minute")
        tokensPerMinute = try object.optional("tokens_per_minute")
        requestTimeoutSeconds = try object.optional("request_timeout_seconds", default: defaults.requestTimeoutSeconds)
        connectTimeoutSeconds = try object.optional("connect_timeout_seconds", default: defaults.connectTimeoutSeconds)
        maxResponseBytes = try object.optional("max_response_bytes", default: defaults.maxResponseBytes)
        maxRetries = try object.optional("max_retries", default: defaults.maxRetries)
        retryInitialDelaySeconds = try object.optional("retry_initial_delay_seconds", default: defaults.retryInitialDelaySeconds)
        retryMaxDelaySeconds = try object.optional("retry_max_delay_seconds", default: defaults.retryMaxDelaySeconds)
        try object.rejectUnknownKeys()
        try object.check("concurrency", (1...1024).contains(concurrency), expected: "a concurrency from 1 to 1024")
        if let requestsPerMinute {
            try object.check("requests_per_minute", requestsPerMinute > 0, expected: "a positive rate")
        }
        if let tokensPerMinute {
            try object.check("tokens_per_minute", tokensPerMinute > 0, expected: "a positive rate")
        }
        try object.check("request_timeout_seconds", requestTimeoutSeconds > 0, expected: "a positive number of seconds")
        try object.check("connect_timeout_seconds", connectTimeoutSeconds > 0, expected: "a positive number of seconds")
        try object.check("max_response_bytes", maxResponseBytes >= 1024, expected: "at least 1024 bytes")
        try object.check("max_retries", (0...20).contains(maxRetries), expected: "a retry count from 0 to 20")
        try object.check("retry_initial_delay_seconds", retryInitialDelaySeconds >= 0, expected: "a delay of 0 seconds or more")
        try object.check("retry_max_delay_seconds", retryMaxDelaySeconds >= retryInitialDelaySeconds,
                         expected: "a maximum delay no smaller than retry_initial_delay_seconds")
    }
}

extension Pricing: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(node)
        inputPerMillion = try object.required("input_per_million")
        outputPerMillion = try object.required("output_per_million")
        try object.rejectUnknownKeys()
        try object.check("input_per_million", inputPerMillion >= 0, expected: "a price of 0 or more")
        try object.check("output_per_million", outputPerMillion >= 0, expected: "a price of 0 or more")
    }
}
