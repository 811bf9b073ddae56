import Foundation

/// The tasks of a suite folder laid out as `<root>/<category>/<id>/task.yaml`.
public struct TaskSuite: Sendable {
    public var tasks: [TaskDefinition]

    public init(tasks: [TaskDefinition]) { self.tasks = tasks }

    /// Loads and validates every task; all problems across the suite are collected and thrown together.
    public static func load(root: URL, displayPath: String) throws(ConfigErrors) -> TaskSuite {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigErrors([.unreadable(file: displayPath, reason: "not a folder of tasks")])
        }
        var tasks: [TaskDefinition] = []
        var errors: [ConfigError] = []
        var firstFileByID: [String: String] = [:]
        for categoryFolder in subfolders(of: root) {
            let categoryPath = join(displayPath, categoryFolder.lastPathComponent)
            guard TaskCategory(rawValue: categoryFolder.lastPathComponent) != nil else {
                if !categoryFolder.lastPathComponent.hasPrefix("_") {
                    errors.append(.invalidValue(ConfigLocation(file: categoryPath),
                                                expected: "a category folder named frontend, backend or testing (or starting with '_' to be ignored)"))
                }
                continue
            }
            for taskFolder in subfolders(of: categoryFolder) {
                let taskPath = join(categoryPath, taskFolder.lastPathComponent)
                let yamlPath = join(taskPath, "task.yaml")
                do {
                    let task = try TaskLoader.load(folder: taskFolder, displayPath: yamlPath)
                    if task.category.rawValue != categoryFolder.lastPathComponent {
                        errors.append(.invalidValue(ConfigLocation(file: yamlPath, keyPath: ["category"]),
                                                    expected: "'\(categoryFolder.lastPathComponent)', the name of the folder the task is in"))
                        continue
                    }
                    if task.id != taskFolder.lastPathComponent {
                        errors.append(.invalidValue(ConfigLocation(file: yamlPath, keyPath: ["id"]),
                                                    expected: "'\(taskFolder.lastPathComponent)', the name of the task's folder"))
                        continue
                    }
                    if let first = firstFileByID[task.id] {
                        errors.append(.duplicate(ConfigLocation(file: yamlPath, keyPath: ["id"]),
                                                 what: "task id '\(task.id)'", firstSeenIn: first))
                        continue
                    }
                    firstFileByID[task.id] = yamlPath
                    tasks.append(task)
                } catch {
                    errors.append(error)
                }
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return TaskSuite(tasks: tasks.sorted { ($0.category.rawValue, $0.id) < ($1.category.rawValue, $1.id) })
    }

    /// Tasks matching every given filter: id globs (any may match) and a category.
    public func filtered(idGlobs: [String], category: TaskCategory?) -> [TaskDefinition] {
        tasks.filter { task in
            (category == nil || task.category == category)
                && (idGlobs.isEmpty || idGlobs.contains { Glob.matches($0, task.id) || Glob.matches($0, "\(task.category.rawValue)/\(task.id)") })
        }
    }

    private static func subfolders(of url: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(
            at: url, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])) ?? []
        return entries.filter { (try? $0.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func join(_ base: String, _ name: String) -> String {
        base.hasSuffix("/") ? base + name : base + "/" + name
    }
}

/// Shell-style globs for `--tasks`: `*` any run, `?` one character, `[abc]` a set.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}
