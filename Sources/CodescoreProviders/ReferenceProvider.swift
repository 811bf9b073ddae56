import CodescoreConfig
import Foundation

/// Answers with each task's reference solution, written the way a model would: one fenced block per
/// file, the info string giving the language and the file's path. Offline; validates the suite end to end.
public struct ReferenceProvider: ModelProvider {
    public init() {}

    public var cacheNamespace: [String] { ["reference"] }
    public var usesCache: Bool { false }

    public func encode(_ request: GenerationRequest) throws(ProviderError) -> Data {
        JSONValue.object([
            "task": .string(request.task.id), "task_hash": .string(request.task.hash), "sample": .integer(request.sampleIndex),
        ]).canonicalData()
    }

    public func send(_ body: Data, for request: GenerationRequest) async throws(ProviderError) -> Completion {
        let files: [(path: String, contents: String)]
        do {
            files = try request.task.referenceFiles()
        } catch {
            throw .referenceUnavailable("task \(request.task.id): \(error.localizedDescription)")
        }
        return Completion(text: Self.render(files: files, language: request.task.language), finishReason: "stop")
    }

    /// The reference answer: a short preamble, then one fenced block per file.
    public static func render(files: [(path: String, contents: String)], language: String) -> String {
        (["Here is the solution."] + files.map { fencedBlock(path: $0.path, contents: $0.contents, language: language) })
            .joined(separator: "\n\n") + "\n"
    }

    /// One file as a fenced block whose fence is longer than any backtick run inside the file and whose
    /// info string is `<language> <path>`.
    public static func fencedBlock(path: String, contents: String, language: String) -> String {
        let fence = String(repeating: "`", count: max(3, longestBacktickRun(contents) + 1))
        let body = contents.hasSuffix("\n") ? contents : contents + "\n"
        return "\(fence)\(fenceLanguage(for: path, default: language)) \(path)\n\(body)\(fence)"
    }

    static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0
        var current = 0
        for character in text {
            current = character == "`" ? current + 1 : 0
            longest = max(longest, current)
        }
        return longest
    }

    static func fenceLanguage(for path: String, default language: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "py": return "python"
        case "js", "mjs", "cjs": return "javascript"
        case "ts": return "typescript"
        case "tsx": return "tsx"
        case "jsx": return "jsx"
        case "json": return "json"
        case "html": return "html"
        case "css": return "css"
        default: return language
        }
    }
}
