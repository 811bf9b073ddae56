import CodescoreConfig
import CodescoreProviders
import Foundation

/// When to try a failed request again and how long to wait first.
///
/// Full-jitter exponential backoff (a uniform delay in `0 ... min(max, initial * 2^attempt)`); a
/// server's Retry-After or retry-after-ms wins when present, capped so a hostile value cannot stall CI.
public struct RetryPolicy: Sendable {
    public var maxRetries: Int
    public var initialDelay: Double
    public var maxDelay: Double
    public var retryAfterCap: Double
    /// Uniform random numbers in [0, 1); injectable so tests are deterministic.
    public var random: @Sendable () -> Double

    public init(
        maxRetries: Int, initialDelay: Double, maxDelay: Double, retryAfterCap: Double = 60,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.retryAfterCap = retryAfterCap
        self.random = random
    }

    public init(limits: RequestLimits) {
        self.init(maxRetries: limits.maxRetries, initialDelay: limits.retryInitialDelaySeconds,
                  maxDelay: limits.retryMaxDelaySeconds)
    }

    /// The wait before retry number `attempt` (0-based) after `error`, or nil when it should not be retried.
    public func delay(afterAttempt attempt: Int, error: ProviderError) -> Double? {
        guard error.isRetryable, attempt < maxRetries else { return nil }
        if let requested = error.retryAfterSeconds {
            return min(max(0, requested), retryAfterCap)
        }
        let ceiling = min(maxDelay, initialDelay * pow(2, Double(attempt)))
        return ceiling * random()
    }
}
