import Foundation

/// Reads one task folder: decodes `task.yaml`, checks every referenced file, computes the task hash.
public enum TaskLoader {
    public static func load(folder: URL, displayPath: String) throws(ConfigError) -> TaskDefinition {
        let root = try ConfigNode.load(folder.appendingPathComponent("task.yaml"), displayPath: displayPath)
        let object = try ConfigObject(root)
        _ = try object.schemaVersion(supported: TaskDefinition.supportedSchemaVersions)
        let id: String = try object.required("id")
        try object.check("id", isValidID(id), expected: "a lowercase id of letters, digits and '-' (e.g. backend-token-bucket)")
        let category: TaskCategory = try object.required("category")
        let language: String = try object.required("language")
        try object.check("language", TaskDefinition.languages.contains(language),
                         expected: "one of \(TaskDefinition.languages.joined(separator: ", ")), not '\(language)'")
        let title: String = try object.required("title")

        let inlinePrompt: String? = try object.optional("prompt")
        let promptFile: String? = try object.optional("prompt_file")
        let files: [TaskDefinition.RequiredFile] = try object.required("files")
        try object.check("files", !files.isEmpty, expected: "at least one file the model must produce")
        let hiddenTests: [String] = try object.optional("hidden_tests", default: [])
        let supportFiles: [String] = try object.optional("support_files", default: [])
        let checks: [TaskDefinition.Check] = try object.optional("checks", default: [])
        let referenceFolder: String = try object.optional("reference", default: "reference")
        let rubric = try Rubric.resolve(object.node("rubric"), category: category)
        let tags: [String] = try object.optional("tags", default: [])
        let mutation: TaskDefinition.Mutation? = try object.optional("mutation")
        let wrongSolutions: [String] = try object.optional("wrong_solutions", default: [])
        let limits: ExecutionLimits = try object.optional("limits", default: ExecutionLimits())
        try object.rejectUnknownKeys()

        // Cross-field rules.
        if (inlinePrompt == nil) == (promptFile == nil) {
            throw ConfigError.invalidValue(object.location.appending("prompt", line: nil),
                                           expected: "exactly one of 'prompt' (inline text) or 'prompt_file'")
        }
        var seenPaths: Set<String> = []
        for (index, file) in files.enumerated() where !seenPaths.insert(file.path).inserted {
            throw ConfigError.duplicate(location(of: object, ["files", "[\(index)]"]), what: "file '\(file.path)'", firstSeenIn: "the same list")
        }
        if mutation != nil {
            try object.check("mutation", category == .testing, expected: "no 'mutation' section outside the testing category")
        }

        // Every referenced file exists inside the task folder.
        func requireFile(_ path: String, _ keyPath: [String]) throws(ConfigError) {
            let at = location(of: object, keyPath)
            try TaskPath.validate(path, at: at)
            guard isRegularFileInside(folder, path) else { throw ConfigError.missingFile(at, path: path) }
        }
        if let promptFile { try requireFile(promptFile, ["prompt_file"]) }
        try TaskPath.validate(referenceFolder, at: location(of: object, ["reference"]))
        for (index, file) in files.enumerated() {
            try requireFile(referenceFolder + "/" + file.path, ["files", "[\(index)]"])
        }
        for (index, path) in hiddenTests.enumerated() { try requireFile(path, ["hidden_tests", "[\(index)]"]) }
        for (index, path) in supportFiles.enumerated() { try requireFile(path, ["support_files", "[\(index)]"]) }
        if let mutation {
            try requireFile(mutation.target, ["mutation", "target"])
            for (index, path) in mutation.mutants.enumerated() {
                try requireFile(path, ["mutation", "mutants", "[\(index)]"])
            }
        }
        for (index, path) in wrongSolutions.enumerated() {
            let at = location(of: object, ["wrong_solutions", "[\(index)]"])
            try TaskPath.validate(path, at: at)
            guard isDirectoryInside(folder, path) else {
                throw ConfigError.invalidValue(at, expected: "a folder inside the task folder holding a wrong solution, not '\(path)'")
            }
        }

        let prompt: String
        if let promptFile {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(promptFile), encoding: .utf8) else {
                throw ConfigError.invalidValue(location(of: object, ["prompt_file"]), expected: "a UTF-8 text file")
            }
            prompt = text
        } else {
            prompt = inlinePrompt ?? ""
        }
        try object.check(promptFile == nil ? "prompt" : "prompt_file",
                         !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, expected: "a non-empty prompt")

        return TaskDefinition(
            id: id, category: category, language: language, title: title, prompt: prompt, promptFile: promptFile,
            files: files, hiddenTests: hiddenTests, supportFiles: supportFiles, checks: checks,
            referenceFolder: referenceFolder, rubric: rubric, tags: tags, mutation: mutation,
            wrongSolutions: wrongSolutions, limits: limits, directory: folder, hash: try TaskHasher.hash(definition: root.jsonValue, rubric: rubric, folder: folder,
                                                                    displayPath: displayPath))
    }

    private static func location(of object: ConfigObject, _ keyPath: [String]) -> ConfigLocation {
        var node: ConfigNode? = object.node
        for component in keyPath {
            guard let current = node else { break }
            switch current.value {
            case let .object(fields): node = fields[component]
            case let .array(items):
                let index = Int(component.dropFirst().dropLast()) ?? -1
                node = items.indices.contains(index) ? items[index] : nil
            default: node = nil
            }
        }
        return node?.location ?? ConfigLocation(file: object.location.file, keyPath: keyPath, line: object.location.line)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 100 && !id.hasPrefix("-") && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }

    /// True when `path` names a regular file that, symlinks resolved, lies inside `folder`.
    static func isRegularFileInside(_ folder: URL, _ path: String) -> Bool {
        entryInside(folder, path) == false
    }

    /// True when `path` names a folder that, symlinks resolved, lies inside `folder`.
    static func isDirectoryInside(_ folder: URL, _ path: String) -> Bool {
        entryInside(folder, path) == true
    }

    /// Whether `path` resolves inside `folder` to a directory (true), a file (false), or nothing there (nil).
    private static func entryInside(_ folder: URL, _ path: String) -> Bool? {
        let base = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let target = folder.appendingPathComponent(path).resolvingSymlinksInPath().standardizedFileURL.path
        var isDirectory: ObjCBool = false
        guard target.hasPrefix(base + "/"), FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
            return nil
        }
        return isDirectory.boolValue
    }
}

/// The task hash: SHA-256 over the canonical definition and every file of the task folder.
///
/// The definition is hashed as canonical JSON, so comments and formatting in task.yaml do not change it;
/// every other file (prompt, reference, hidden tests, mutants) is hashed by relative path and bytes.
public enum TaskHasher {
    static let ignoredNames: Set<String> = ["__pycache__", "node_modules", ".pytest_cache", ".DS_Store"]

    /// The resolved rubric is hashed too: a change to a category's default rubric is a new task version.
    public static func hash(definition: JSONValue, rubric: Rubric, folder: URL, displayPath: String) throws(ConfigError) -> String {
        var parts: [Data] = [Data("codescore-task-v1".utf8), definition.canonicalData(), rubric.jsonValue.canonicalData()]
        for relativePath in filesForHashing(in: folder) {
            guard let contents = FileManager.default.contents(atPath: folder.appendingPathComponent(relativePath).path) else {
                throw ConfigError.unreadable(file: displayPath, reason: "cannot read '\(relativePath)' in the task folder")
            }
            parts.append(Data(relativePath.utf8))
            parts.append(contents)
        }
        return ContentHash.sha256Hex(parts: parts)
    }

    static func filesForHashing(in folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else { return [] }
        let basePath = folder.standardizedFileURL.path
        var paths: [String] = []
        for case let url as URL in enumerator {
            if ignoredNames.contains(url.lastPathComponent) {
                enumerator.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  url.lastPathComponent != "task.yaml" || url.deletingLastPathComponent().standardizedFileURL.path != basePath,
                  url.pathExtension != "pyc" else { continue }
            let full = url.standardizedFileURL.path
            guard full.hasPrefix(basePath + "/") else { continue }
            paths.append(String(full.dropFirst(basePath.count + 1)))
        }
        return paths.sorted()
    }
}
