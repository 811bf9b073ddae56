@testable import CodescoreWrapper
import Foundation

/// Fixture files in the harnesses' own formats, and scratch files for malformed variants.
enum WrapperFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/wrapper")

    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }
}

/// A fresh folder under the temporary directory, removed by `remove()`.
struct ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("codescore-wrapper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` at the relative `path` (folders created) and returns its URL.
    @discardableResult
    func write(_ path: String, _ text: String) throws -> URL {
        try write(path, Data(text.utf8))
    }

    @discardableResult
    func write(_ path: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
        return file
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The error a parse throws, or nil when it succeeds.
func parseError(_ parser: some HarnessResultParser, _ url: URL, _ displayPath: String) -> HarnessParseError? {
    do {
        _ = try parser.parse(url, displayPath: displayPath)
        return nil
    } catch {
        return error
    }
}

/// Results as comparable tuples-in-a-struct, for exact expectations.
struct Row: Equatable, CustomStringConvertible {
    var task: String
    var sample: Int
    var passed: Bool?
    var scores: [String: Double]
    var detail: String?
    var source: String

    init(_ task: String, _ sample: Int, _ passed: Bool?, _ scores: [String: Double], _ detail: String?, _ source: String) {
        self.task = task
        self.sample = sample
        self.passed = passed
        self.scores = scores
        self.detail = detail
        self.source = source
    }

    init(_ result: HarnessSampleResult) {
        self.init(result.task, result.sample, result.passed, result.scores, result.detail, result.source)
    }

    var description: String {
        "(\(task), \(sample), \(passed.map(String.init) ?? "nil"), \(scores.sorted { $0.key < $1.key }), "
            + "\(detail.map { String(reflecting: $0) } ?? "nil"), \(source))"
    }
}
