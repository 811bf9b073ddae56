import Foundation

/// Requests-per-minute and tokens-per-minute pacing for one model.
///
/// Each caller reserves its cost up front and is told how long to wait (virtual scheduling), so
/// callers are served in arrival order and nobody spins. Token estimates are corrected afterwards.
public actor RateLimiter {
    private var requestBucket: TokenBucket?
    private var tokenBucket: TokenBucket?

    public init(requestsPerMinute: Double?, tokensPerMinute: Double?, now: ContinuousClock.Instant = .now) {
        requestBucket = requestsPerMinute.map { TokenBucket(perMinute: $0, now: now) }
        tokenBucket = tokensPerMinute.map { TokenBucket(perMinute: $0, now: now) }
    }

    /// Reserves one request and `tokens` tokens; returns how long the caller must wait before sending.
    public func reserve(tokens: Int, now: ContinuousClock.Instant = .now) -> Duration {
        let requestWait = requestBucket?.reserve(1, now: now) ?? .zero
        let tokenWait = tokenBucket?.reserve(Double(tokens), now: now) ?? .zero
        return max(requestWait, tokenWait)
    }

    /// Gives back tokens reserved but not used (estimate minus actual usage).
    public func refund(tokens: Int) {
        guard tokens > 0, var bucket = tokenBucket else { return }
        bucket.available = min(bucket.capacity, bucket.available + Double(tokens))
        tokenBucket = bucket
    }

    public func wait(tokens: Int) async throws {
        let delay = reserve(tokens: tokens)
        if delay > .zero { try await Task.sleep(for: delay) }
    }
}

/// A bucket holding up to ten seconds' worth of its rate; its balance may go negative (a debt).
struct TokenBucket {
    let capacity: Double
    let perSecond: Double
    var available: Double
    var last: ContinuousClock.Instant

    init(perMinute: Double, now: ContinuousClock.Instant) {
        perSecond = perMinute / 60
        capacity = max(1, perSecond * 10)
        available = capacity
        last = now
    }

    mutating func reserve(_ cost: Double, now: ContinuousClock.Instant) -> Duration {
        let elapsed = now - last
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        available = min(capacity, available + max(0, seconds) * perSecond)
        last = now
        available -= cost
        return available >= 0 ? .zero : .milliseconds(Int64((-available / perSecond * 1000).rounded(.up)))
    }
}
