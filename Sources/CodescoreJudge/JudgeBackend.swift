import CodescoreConfig
import CodescoreProviders
import Foundation

/// One call to the judge model, made by whoever owns the provider (the runner: cache, limits, retries).
public protocol JudgeBackend: Sendable {
    /// Sends one conversation. `vote` and `repair` make the call addressable in the cache; `delimiter` is
    /// this call's fence, which the cache key leaves out so that a repeated run reuses the answer.
    func call(_ request: JudgeCallRequest) async throws -> JudgeCallResult
}

public struct JudgeCallRequest: Sendable {
    /// The task being judged (providers that need it, such as the reference provider, read it).
    public var task: TaskDefinition
    public var messages: [ChatMessage]
    public var schema: JSONValue
    /// The judged sample's index and the vote's: with `repair`, they address the call.
    public var sample: Int
    public var vote: Int
    public var repair: Bool
    public var delimiter: String

    public init(task: TaskDefinition, messages: [ChatMessage], schema: JSONValue, sample: Int, vote: Int, repair: Bool,
                delimiter: String) {
        self.task = task
        self.messages = messages
        self.schema = schema
        self.sample = sample
        self.vote = vote
        self.repair = repair
        self.delimiter = delimiter
    }
}

/// What one judge call came back with: an answer, or the provider's error after its retries.
public struct JudgeCallResult: Sendable {
    public var completion: Completion?
    public var error: ProviderError?
    public var cached: Bool
    public var attempts: Int

    public init(completion: Completion?, error: ProviderError?, cached: Bool, attempts: Int) {
        self.completion = completion
        self.error = error
        self.cached = cached
        self.attempts = attempts
    }
}
