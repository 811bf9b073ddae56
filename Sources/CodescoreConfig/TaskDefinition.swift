import Foundation

public enum TaskCategory: String, Sendable, Hashable, CaseIterable, Codable, ConfigDecodable {
    case frontend, backend, testing
    /// A problem of an external benchmark (wrapper mode), never a folder of `tasks/`.
    case external

    /// The categories of the built-in suite, each a folder of `tasks/`.
    public static let suite: [TaskCategory] = [.frontend, .backend, .testing]

    public init(configNode node: ConfigNode) throws(ConfigError) {
        let text = try String(configNode: node)
        guard let category = TaskCategory(rawValue: text), TaskCategory.suite.contains(category) else {
            throw ConfigError.invalidValue(node.location, expected: "one of frontend, backend, testing, not '\(text)'")
        }
        self = category
    }
}

/// One task of the suite, as read from `tasks/<category>/<id>/task.yaml`. docs/tasks.md documents it.
public struct TaskDefinition: Sendable, Hashable {
    public static let supportedSchemaVersions = [1]
    public static let languages = ["python", "javascript", "typescript"]

    public var id: String
    public var category: TaskCategory
    public var language: String
    public var title: String
    /// The prompt text (inline `prompt`, or the contents of `prompt_file`).
    public var prompt: String
    public var promptFile: String?
    public var files: [RequiredFile]
    public var hiddenTests: [String]
    public var supportFiles: [String]
    public var checks: [Check]
    /// Folder of the reference solution, relative to the task folder.
    public var referenceFolder: String
    /// The judge's rubric: the category default, or the task's own (resolved; part of the task hash).
    public var rubric: Rubric
    public var tags: [String]
    public var mutation: Mutation?
    /// Folders of known-wrong solutions (same file names as `files`) that the checks must reject.
    public var wrongSolutions: [String]
    /// Sandbox limits for this task's checks.
    public var limits: ExecutionLimits
    /// Absolute folder of the task.
    public var directory: URL
    /// SHA-256 over the canonical definition and every file of the task: the task's version.
    public var hash: String

    public struct RequiredFile: Sendable, Hashable {
        public var path: String
        public var description: String?
    }

    /// A command run in the sample's workspace (executed by the scorer, not here).
    public struct Check: Sendable, Hashable {
        public var name: String
        public var run: [String]
        public var junit: String?
        public var timeoutSeconds: Double?
        public var env: [String: String]
    }

    /// Testing tasks: the model's tests must fail when `target` is replaced by each mutant.
    public struct Mutation: Sendable, Hashable {
        public var target: String
        public var mutants: [String]
    }

    /// The reference solution's files as (workspace path, contents), in the order of `files`.
    public func referenceFiles() throws -> [(path: String, contents: String)] {
        try solutionFiles(in: referenceFolder)
    }

    /// The files of a solution folder (the reference or a wrong solution) that exist, in the order of `files`.
    public func solutionFiles(in folder: String) throws -> [(path: String, contents: String)] {
        try files.compactMap { file in
            let url = directory.appendingPathComponent(folder).appendingPathComponent(file.path)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return (file.path, try String(contentsOf: url, encoding: .utf8))
        }
    }

    /// The support files shown to the model, as (workspace path, contents).
    public func supportFileContents() throws -> [(path: String, contents: String)] {
        try supportFiles.map { path in
            (path, try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8))
        }
    }
}

extension TaskDefinition.RequiredFile: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        if case let .string(text) = node.value {
            path = text
            description = nil
        } else {
            let object = try ConfigObject(node)
            path = try object.required("path")
            description = try object.optional("description")
            try object.rejectUnknownKeys()
        }
        try TaskPath.validate(path, at: node.location)
    }
}

extension TaskDefinition.Check: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(node)
        name = try object.required("name")
        run = try object.required("run")
        junit = try object.optional("junit")
        timeoutSeconds = try object.optional("timeout_seconds")
        env = try object.optional("env", default: [:])
        try object.rejectUnknownKeys()
        try object.check("run", !run.isEmpty && !run[0].isEmpty,
                         expected: "a non-empty argv list such as [python3, -m, pytest] (never a shell string)")
        if let junit { try TaskPath.validate(junit, at: object.node("junit")?.location ?? node.location) }
        if let timeoutSeconds {
            try object.check("timeout_seconds", timeoutSeconds > 0 && timeoutSeconds <= 3600,
                             expected: "a timeout from 0 to 3600 seconds")
        }
    }
}

extension TaskDefinition.Mutation: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        let object = try ConfigObject(node)
        target = try object.required("target")
        mutants = try object.required("mutants")
        try object.rejectUnknownKeys()
        try TaskPath.validate(target, at: object.node("target")?.location ?? node.location)
        try object.check("mutants", !mutants.isEmpty, expected: "at least one mutant file")
    }
}

/// Paths in task files are relative, stay inside their folder, and use '/'.
enum TaskPath {
    static func validate(_ path: String, at location: ConfigLocation) throws(ConfigError) {
        guard RelativePath.isConfined(path) else {
            throw ConfigError.invalidValue(location, expected: "a relative path inside the task folder without '..', not '\(path)'")
        }
    }
}

/// The one rule for paths that must stay inside a folder (task files, model-chosen workspace files).
public enum RelativePath {
    /// Relative, '/'-separated, no empty, '.' or '..' component, no '\\' and no NUL.
    public static func isConfined(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return !path.isEmpty && !path.hasPrefix("/") && !path.contains("\\") && !path.contains("\0")
            && parts.allSatisfy { !$0.isEmpty && $0 != ".." && $0 != "." }
    }
}

extension TaskDefinition {
    /// A problem of an external benchmark as a task the runner can prompt for: no files, checks or
    /// reference (its harness evaluates the answers); `prompt` is the whole user message.
    public static func external(id: String, title: String, language: String, prompt: String, tags: [String],
                                directory: URL, hash: String) -> TaskDefinition {
        TaskDefinition(
            id: id, category: .external, language: language, title: title, prompt: prompt, promptFile: nil, files: [],
            hiddenTests: [], supportFiles: [], checks: [], referenceFolder: "", rubric: Rubric.categoryDefault(.external),
            tags: tags, mutation: nil, wrongSolutions: [], limits: ExecutionLimits(), directory: directory, hash: hash)
    }
}
