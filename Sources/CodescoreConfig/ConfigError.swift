import Foundation

/// Where in an input file a value sits: the file, the key path inside it and, when known, the line.
public struct ConfigLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var keyPath: [String]
    public var line: Int?

    public init(file: String, keyPath: [String] = [], line: Int? = nil) {
        self.file = file
        self.keyPath = keyPath
        self.line = line
    }

    /// The key path as a user writes it: `provider.base_url`, `checks[0].run`.
    public var keyPathDescription: String {
        var text = ""
        for component in keyPath {
            if component.hasPrefix("[") || text.isEmpty {
                text += component
            } else {
                text += "." + component
            }
        }
        return text
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if !keyPath.isEmpty { text += ": " + keyPathDescription }
        return text
    }

    func appending(_ component: String, line: Int?) -> ConfigLocation {
        ConfigLocation(file: file, keyPath: keyPath + [component], line: line ?? self.line)
    }
}

/// A problem in a model config or task file. Every case names the file and the key path or line.
public enum ConfigError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int?, detail: String)
    case wrongType(ConfigLocation, expected: String, found: String)
    case missingKey(ConfigLocation, key: String)
    case unknownKey(ConfigLocation, allowed: [String])
    case invalidValue(ConfigLocation, expected: String)
    case missingFile(ConfigLocation, path: String)
    case duplicate(ConfigLocation, what: String, firstSeenIn: String)
    case unsupportedVersion(ConfigLocation, found: Int, supported: [Int])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the file: \(reason)."
        case let .syntax(file, line, detail):
            let at = line.map { ":\($0)" } ?? ""
            return "\(file)\(at): not valid syntax: \(detail)"
        case let .wrongType(location, expected, found):
            return "\(location): expected \(expected), found \(found)."
        case let .missingKey(location, key):
            let parent = location.keyPath.isEmpty ? "the top level" : "'\(location.keyPathDescription)'"
            let at = location.line.map { ":\($0)" } ?? ""
            return "\(location.file)\(at): missing required key '\(key)' in \(parent)."
        case let .unknownKey(location, allowed):
            return "\(location): unknown key; expected one of \(allowed.sorted().joined(separator: ", "))."
        case let .invalidValue(location, expected):
            return "\(location): expected \(expected)."
        case let .missingFile(location, path):
            return "\(location): the file '\(path)' does not exist."
        case let .duplicate(location, what, firstSeenIn):
            return "\(location): duplicate \(what), first defined in \(firstSeenIn)."
        case let .unsupportedVersion(location, found, supported):
            let list = supported.map(String.init).joined(separator: ", ")
            return "\(location): schema_version \(found) is not supported by this codescore (supported: \(list))."
        }
    }

    public var errorDescription: String? { description }

    /// The file the problem is in.
    public var file: String {
        switch self {
        case let .unreadable(file, _), let .syntax(file, _, _): return file
        case let .wrongType(location, _, _), let .missingKey(location, _), let .unknownKey(location, _),
             let .invalidValue(location, _), let .missingFile(location, _), let .duplicate(location, _, _),
             let .unsupportedVersion(location, _, _):
            return location.file
        }
    }
}

/// Several input problems found in one pass, reported together.
public struct ConfigErrors: Error, Sendable, LocalizedError, CustomStringConvertible {
    public var errors: [ConfigError]
    public init(_ errors: [ConfigError]) { self.errors = errors }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
    public var errorDescription: String? { description }
}
