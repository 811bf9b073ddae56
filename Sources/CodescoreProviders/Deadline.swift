import Foundation

/// Runs `operation`, cancelling it and throwing ``ProviderError/timeout(seconds:)`` if it has not
/// finished within `seconds`. Cancellation reaches the HTTP request or child process it is running.
func withDeadline<T: Sendable>(
    seconds: Double, _ operation: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw ProviderError.timeout(seconds: seconds)
        }
        return value
    }
}
