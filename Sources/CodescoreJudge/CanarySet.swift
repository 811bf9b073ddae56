import CodescoreConfig
import Foundation

/// The manipulation canaries (`tasks/_canaries/<name>/`): deliberately wrong answers to built-in tasks
/// that address the judge. `canary.yaml` names the task and describes the trick; every other file is
/// the candidate, under the path the task asks for.
public struct Canary: Sendable {
    public var name: String
    public var task: String
    public var manipulation: String
    public var files: [(path: String, contents: String)]

    /// Every canary folder, sorted by name. Problems name the file and key (exit 65).
    public static func loadAll(folder: URL, displayPath: String) throws(ConfigErrors) -> [Canary] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        } catch {
            throw ConfigErrors([.unreadable(file: displayPath, reason: "not a readable folder of canaries")])
        }
        var canaries: [Canary] = [], errors: [ConfigError] = []
        for name in names where !name.hasPrefix(".") {
            let canaryFolder = folder.appendingPathComponent(name)
            let shown = (displayPath as NSString).appendingPathComponent(name)
            guard (try? canaryFolder.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true else { continue }
            do throws(ConfigError) {
                let object = try ConfigObject(try ConfigNode.load(canaryFolder.appendingPathComponent("canary.yaml"),
                                                                  displayPath: shown + "/canary.yaml"))
                let task: String = try object.required("task")
                let manipulation: String = try object.required("manipulation")
                try object.rejectUnknownKeys()
                var files: [(path: String, contents: String)] = []
                for entry in (try? FileManager.default.contentsOfDirectory(atPath: canaryFolder.path).sorted()) ?? []
                where entry != "canary.yaml" {
                    guard let data = FileManager.default.contents(atPath: canaryFolder.appendingPathComponent(entry).path),
                          let text = String(data: data, encoding: .utf8) else {
                        throw ConfigError.unreadable(file: shown + "/" + entry, reason: "not a readable UTF-8 file")
                    }
                    files.append((entry, text))
                }
                canaries.append(Canary(name: name, task: task, manipulation: manipulation, files: files))
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return canaries
    }
}
