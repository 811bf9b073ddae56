import Foundation

/// The models of a registry folder: every `*.json` file in it, one model per file.
public struct ModelRegistry: Sendable {
    public var models: [ModelConfig]

    public init(models: [ModelConfig]) { self.models = models }

    /// Loads every model file; all problems across all files are reported together.
    public static func load(directory: URL, displayPath: String) throws(ConfigErrors) -> ModelRegistry {
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension == "json" }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw ConfigErrors([.unreadable(file: displayPath, reason: "not a readable folder of model files")])
        }
        var models: [ModelConfig] = []
        var errors: [ConfigError] = []
        var firstFileByName: [String: String] = [:]
        for file in files {
            let shownPath = displayPath.hasSuffix("/") ? displayPath + file.lastPathComponent
                : displayPath + "/" + file.lastPathComponent
            do {
                let model = try ModelConfig(configNode: try ConfigNode.load(file, displayPath: shownPath))
                if let first = firstFileByName[model.name] {
                    errors.append(.duplicate(ConfigLocation(file: shownPath, keyPath: ["name"]),
                                             what: "model name '\(model.name)'", firstSeenIn: first))
                    continue
                }
                firstFileByName[model.name] = shownPath
                models.append(model)
            } catch {
                errors.append(error)
            }
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        return ModelRegistry(models: models)
    }

    /// The models named in `names` (all when empty); an unknown name is an error listing the known ones.
    public func select(_ names: [String]) throws(RegistrySelectionError) -> [ModelConfig] {
        guard !names.isEmpty else { return models }
        return try names.map { name throws(RegistrySelectionError) in
            guard let model = models.first(where: { $0.name == name }) else {
                throw RegistrySelectionError(unknown: name, known: models.map(\.name))
            }
            return model
        }
    }
}

/// `--models` named a model the registry does not have.
public struct RegistrySelectionError: Error, Sendable, LocalizedError, CustomStringConvertible {
    public var unknown: String
    public var known: [String]
    public var description: String {
        "no model named '\(unknown)' in the registry; known models: \(known.joined(separator: ", "))."
    }
    public var errorDescription: String? { description }
}
