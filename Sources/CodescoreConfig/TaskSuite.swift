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
        var errors: [ConfigError] = []
        var folders: [(task: URL, category: String, yamlPath: String)] = []
        for categoryFolder in subfolders(of: root) {
            let categoryPath = join(displayPath, categoryFolder.lastPathComponent)
            guard let category = TaskCategory(rawValue: categoryFolder.lastPathComponent), TaskCategory.suite.contains(category) else {
                if !categoryFolder.lastPathComponent.hasPrefix("_") {
                    errors.append(.invalidValue(ConfigLocation(file: categoryPath),
                                                expected: "a category folder named frontend, backend or testing (or starting with '_' to be ignored)"))
                }
                continue
            }
            for taskFolder in subfolders(of: categoryFolder) {
                folders.append((taskFolder, categoryFolder.lastPathComponent,
                                join(join(categoryPath, taskFolder.lastPathComponent), "task.yaml")))
            }
        }
        // Parsing and hashing are independent per task (and most of a run's start-up): on every core.
        let loaded = folders.map { _ in LoadSlot() }
        let work = folders
        DispatchQueue.concurrentPerform(iterations: work.count) { index in
            loaded[index].result = Result { () throws(ConfigError) in
                try TaskLoader.load(folder: work[index].task, displayPath: work[index].yamlPath)
            }
        }
        var tasks: [TaskDefinition] = []
        var firstFileByID: [String: String] = [:]
        for (folder, slot) in zip(folders, loaded) {
            let yamlPath = folder.yamlPath
            switch slot.result {
            case .failure(let error)?:
                errors.append(error)
            case .success(let task)?:
                if task.category.rawValue != folder.category {
                    errors.append(.invalidValue(ConfigLocation(file: yamlPath, keyPath: ["category"]),
                                                expected: "'\(folder.category)', the name of the folder the task is in"))
                } else if task.id != folder.task.lastPathComponent {
                    errors.append(.invalidValue(ConfigLocation(file: yamlPath, keyPath: ["id"]),
                                                expected: "'\(folder.task.lastPathComponent)', the name of the task's folder"))
                } else if let first = firstFileByID[task.id] {
                    errors.append(.duplicate(ConfigLocation(file: yamlPath, keyPath: ["id"]),
                                             what: "task id '\(task.id)'", firstSeenIn: first))
                } else {
                    firstFileByID[task.id] = yamlPath
                    tasks.append(task)
                }
            case nil:
                break
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

/// One task's load result, written by exactly one worker.
private final class LoadSlot: @unchecked Sendable {
    var result: Result<TaskDefinition, ConfigError>?
}

/// Shell-style globs for `--tasks`: `*` any run, `?` one character, `[abc]` a set.
public enum Glob {
    public static func matches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, 0) == 0
    }
}
