import CodescoreConfig
import CodescoreProviders
import Foundation

/// Answers already paid for, one file per request under `<dir>/<2 hex>/<sha256>.json`.
///
/// The key is SHA-256 over the provider kind, base URL, model, the full request body and the sample
/// index, so k samples are k real generations and a changed prompt or option is a new request.
/// Entries hold the completion and its usage only: never headers, never keys.
public struct ResponseCache: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public struct Entry: Codable, Sendable {
        public var schemaVersion = 1
        public var completion: Completion
        public var latencyMS: Double
        public var attempts: Int
        public var createdAt: String

        public init(completion: Completion, latencyMS: Double, attempts: Int, createdAt: String) {
            self.completion = completion
            self.latencyMS = latencyMS
            self.attempts = attempts
            self.createdAt = createdAt
        }

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version"
            case completion
            case latencyMS = "latency_ms"
            case attempts
            case createdAt = "created_at"
        }
    }

    public static func key(namespace: [String], body: Data, sampleIndex: Int) -> String {
        ContentHash.sha256Hex(parts: [Data("codescore-cache-v1".utf8)] + namespace.map { Data($0.utf8) }
            + [body, Data(String(sampleIndex).utf8)])
    }

    func url(for key: String) -> URL {
        directory.appendingPathComponent(String(key.prefix(2))).appendingPathComponent(key + ".json")
    }

    /// The cached entry, or nil when absent or unreadable (an unreadable entry is simply regenerated).
    public func load(_ key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: url(for: key).path) else { return nil }
        return try? JSONDecoder().decode(Entry.self, from: data)
    }

    /// Writes atomically (temporary file, then rename), so a killed run never leaves half an entry.
    public func store(_ key: String, _ entry: Entry) throws {
        let target = url(for: key)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(entry).write(to: target, options: .atomic)
    }
}
