import Foundation

/// Why one attempt at a generation failed. Messages never contain an API key (see ``SecretRedactor``).
public enum ProviderError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    case http(status: Int, message: String, retryAfterSeconds: Double?)
    case connection(String)
    case timeout(seconds: Double)
    case invalidResponse(String)
    case responseTooLarge(limitBytes: Int)
    case missingAPIKey(variable: String, model: String)
    case commandFailed(status: String, stderrTail: String, retryable: Bool)
    case cacheMiss(String)
    case referenceUnavailable(String)

    /// Stable kind recorded in results (`error.kind`).
    public var kind: String {
        switch self {
        case let .http(status, _, _):
            switch status {
            case 401, 403: return "authentication"
            case 408: return "timeout"
            case 429: return "rate_limited"
            case 409, 500...599: return "server_error"
            default: return "client_error"
            }
        case .connection: return "connection"
        case .timeout: return "timeout"
        case .invalidResponse: return "invalid_response"
        case .responseTooLarge: return "response_too_large"
        case .missingAPIKey: return "authentication"
        case .commandFailed: return "command_failed"
        case .cacheMiss: return "cache_miss"
        case .referenceUnavailable: return "reference_missing"
        }
    }

    /// 408, 409, 429, 5xx (including Anthropic's 529), connection failures and timeouts are worth another try.
    public var isRetryable: Bool {
        switch self {
        case let .http(status, _, _): return [408, 409, 429].contains(status) || (500...599).contains(status)
        case .connection, .timeout: return true
        case let .commandFailed(_, _, retryable): return retryable
        default: return false
        }
    }

    /// A rejected credential: no later request of this model can succeed, so the run stops at once.
    public var isAuthenticationFailure: Bool {
        switch self {
        case let .http(status, _, _): return status == 401 || status == 403
        case .missingAPIKey: return true
        default: return false
        }
    }

    public var retryAfterSeconds: Double? {
        if case let .http(_, _, retryAfter) = self { return retryAfter }
        return nil
    }

    public var httpStatus: Int? {
        if case let .http(status, _, _) = self { return status }
        return nil
    }

    public var description: String {
        switch self {
        case let .http(status, message, _):
            return message.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(message)"
        case let .connection(detail): return "connection failed: \(detail)"
        case let .timeout(seconds): return "no complete response within \(Self.format(seconds)) s"
        case let .invalidResponse(detail): return "the response could not be read: \(detail)"
        case let .responseTooLarge(limit): return "the response exceeded the \(limit)-byte limit (limits.max_response_bytes)"
        case let .missingAPIKey(variable, model):
            return "model '\(model)' needs an API key in the environment variable \(variable), which is not set"
        case let .commandFailed(status, tail, _):
            return tail.isEmpty ? "the command \(status)" : "the command \(status); stderr ends with: \(tail)"
        case let .cacheMiss(detail): return "no cached response for \(detail) (replay answers only from the cache)"
        case let .referenceUnavailable(detail): return "the reference solution could not be read: \(detail)"
        }
    }

    public var errorDescription: String? { description }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
