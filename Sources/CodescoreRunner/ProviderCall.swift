import CodescoreConfig
import CodescoreProviders
import CodescoreResults
import Foundation

/// One request to a model as the runner makes it: from the response cache when there, else through the
/// provider within the model's rate limits, retried with backoff. Shared by generation and the judge.
struct ProviderCall: Sendable {
    var model: ModelConfig
    var provider: any ModelProvider
    var cache: ResponseCache?
    var limiter: RateLimiter
    var retry: RetryPolicy

    enum Outcome: Sendable {
        case answered(Completion, latencyMS: Double, attempts: Int, cached: Bool)
        case failed(ProviderError, attempts: Int)
    }

    init(model: ModelConfig, provider: any ModelProvider, cache: ResponseCache?, retryRandom: @escaping @Sendable () -> Double) {
        self.model = model
        self.provider = provider
        self.cache = provider.usesCache ? cache : nil
        limiter = RateLimiter(requestsPerMinute: model.limits.requestsPerMinute, tokensPerMinute: model.limits.tokensPerMinute)
        var policy = RetryPolicy(limits: model.limits)
        policy.random = retryRandom
        retry = policy
    }

    /// Throws only to stop the run: cancellation, or credentials the provider rejected.
    /// `cacheKeyBody` replaces the body in the cache key when the body holds a per-call random part.
    func perform(_ request: GenerationRequest, body: Data, cacheKeyBody: Data? = nil,
                 sending: @Sendable () -> Void) async throws -> Outcome {
        let cacheKey = cache.map { _ in
            ResponseCache.key(namespace: provider.cacheNamespace, body: cacheKeyBody ?? body, sampleIndex: request.sampleIndex)
        }
        if let cacheKey, let entry = cache?.load(cacheKey) {
            return .answered(entry.completion, latencyMS: entry.latencyMS, attempts: entry.attempts, cached: true)
        }
        let estimate = PromptBuilder.estimatedTokens(request.messages, maxTokens: request.options.maxTokens)
        var attempt = 0
        while true {
            try Task.checkCancellation()
            try await limiter.wait(tokens: estimate)
            let started = ContinuousClock.now
            sending()
            do {
                let completion = try await provider.send(body, for: request)
                let elapsed = ContinuousClock.now - started
                let latency = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                if let used = completion.inputTokens.map({ $0 + (completion.outputTokens ?? 0) }) {
                    await limiter.refund(tokens: estimate - used)
                }
                if let cacheKey {
                    try? cache?.store(cacheKey, .init(completion: completion, latencyMS: latency, attempts: attempt + 1,
                                                      createdAt: Timestamp.iso8601(Date())))
                }
                return .answered(completion, latencyMS: latency, attempts: attempt + 1, cached: false)
            } catch {
                try Task.checkCancellation()
                if error.isAuthenticationFailure {
                    throw RunAbort.authentication(model: model.name, detail: error.description, variable: model.provider.apiKeyEnv)
                }
                guard let delay = retry.delay(afterAttempt: attempt, error: error) else {
                    return .failed(error, attempts: attempt + 1)
                }
                attempt += 1
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            }
        }
    }
}
