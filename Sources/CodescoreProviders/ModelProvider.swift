import CodescoreConfig
import Foundation

/// One chat message sent to a model.
public struct ChatMessage: Sendable, Hashable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}

/// What the runner asks a provider for: one sample of one task.
public struct GenerationRequest: Sendable {
    public var task: TaskDefinition
    public var messages: [ChatMessage]
    public var options: GenerationOptions
    public var sampleIndex: Int
    /// When set, the answer must be JSON following this schema (the judge); providers request it in their
    /// model's `structured_output` dialect.
    public var responseSchema: JSONValue?

    public init(task: TaskDefinition, messages: [ChatMessage], options: GenerationOptions, sampleIndex: Int,
                responseSchema: JSONValue? = nil) {
        self.task = task
        self.messages = messages
        self.options = options
        self.sampleIndex = sampleIndex
        self.responseSchema = responseSchema
    }

    /// The seed sent for this sample: the base seed plus the sample index, so samples differ.
    public var sampleSeed: Int? { options.seed.map { $0 &+ sampleIndex } }
}

/// A model's answer and what it cost.
public struct Completion: Sendable, Hashable, Codable {
    public var text: String
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var finishReason: String?

    public init(text: String, inputTokens: Int? = nil, outputTokens: Int? = nil, finishReason: String? = nil) {
        self.text = text
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.finishReason = finishReason
    }

    enum CodingKeys: String, CodingKey {
        case text
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
        case finishReason = "finish_reason"
    }
}

/// A model API. `encode` is pure and its bytes are the request's identity in the response cache;
/// `send` performs one attempt (retries, limits and caching belong to the runner).
public protocol ModelProvider: Sendable {
    /// Provider kind, base URL and model: with the request body, the response-cache key.
    var cacheNamespace: [String] { get }
    /// False for providers whose answers cost nothing to recompute (the reference solutions).
    var usesCache: Bool { get }
    func encode(_ request: GenerationRequest) throws(ProviderError) -> Data
    func send(_ body: Data, for request: GenerationRequest) async throws(ProviderError) -> Completion
}

extension ModelProvider {
    public var usesCache: Bool { true }
}
