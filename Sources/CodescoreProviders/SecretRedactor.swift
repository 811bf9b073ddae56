import Foundation

/// Removes secrets from text that may echo them, such as an error body quoting the key it rejected.
public struct SecretRedactor: Sendable {
    private let secrets: [String]

    public init(secrets: [String?]) {
        // Very short values would redact ordinary words and cannot be meaningful keys.
        self.secrets = secrets.compactMap { $0 }.filter { $0.count >= 6 }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets {
            result = result.replacingOccurrences(of: secret, with: "[REDACTED]")
            // Servers often echo a key abbreviated, e.g. "sk-abc1****wxyz": redact its distinctive tail too.
            if secret.count >= 12 {
                result = result.replacingOccurrences(of: String(secret.suffix(6)), with: "[REDACTED]")
                result = result.replacingOccurrences(of: String(secret.prefix(8)), with: "[REDACTED]")
            }
        }
        return result
    }
}

/// Error text kept in results: secrets removed, one line, bounded length.
public func sanitizedErrorText(_ text: String, redactor: SecretRedactor, limit: Int = 500) -> String {
    let flat = redactor.redact(text).split(whereSeparator: \.isNewline).joined(separator: " ")
    return flat.count > limit ? String(flat.prefix(limit)) + "…" : flat
}
