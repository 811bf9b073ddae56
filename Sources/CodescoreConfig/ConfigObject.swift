import Foundation

/// A value that can be read from a ``ConfigNode``, with errors that name the node's location.
public protocol ConfigDecodable {
    init(configNode node: ConfigNode) throws(ConfigError)
}

/// Reads the fields of one mapping and remembers which were read, so that unknown keys can be rejected.
///
/// Not `Sendable`: it is a short-lived cursor used while decoding one file.
public final class ConfigObject {
    public let node: ConfigNode
    private let fields: [String: ConfigNode]
    private var readKeys: Set<String> = []

    public init(_ node: ConfigNode) throws(ConfigError) {
        guard case let .object(fields) = node.value else {
            throw ConfigError.wrongType(node.location, expected: "a mapping", found: node.kindDescription)
        }
        self.node = node
        self.fields = fields
    }

    public var location: ConfigLocation { node.location }

    /// The raw node for `key`, if present; marks the key as known.
    public func node(_ key: String) -> ConfigNode? {
        readKeys.insert(key)
        return fields[key]
    }

    public func contains(_ key: String) -> Bool { fields[key] != nil }

    /// Every key of the mapping, sorted (for mappings whose keys are data, such as metric names).
    public var keys: [String] { fields.keys.sorted() }

    public func required<T: ConfigDecodable>(_ key: String, as type: T.Type = T.self) throws(ConfigError) -> T {
        guard let child = node(key), !child.isNull else {
            throw ConfigError.missingKey(location, key: key)
        }
        return try T(configNode: child)
    }

    /// The value for `key`, or nil when the key is absent or null.
    public func optional<T: ConfigDecodable>(_ key: String, as type: T.Type = T.self) throws(ConfigError) -> T? {
        guard let child = node(key), !child.isNull else { return nil }
        return try T(configNode: child)
    }

    public func optional<T: ConfigDecodable>(_ key: String, default value: T) throws(ConfigError) -> T {
        try optional(key) ?? value
    }

    /// A nested mapping, read with its own reader; absent or null gives nil.
    public func optionalObject(_ key: String) throws(ConfigError) -> ConfigObject? {
        guard let child = node(key), !child.isNull else { return nil }
        return try ConfigObject(child)
    }

    /// Fails on any key that no reader asked for, listing the keys that are allowed.
    public func rejectUnknownKeys() throws(ConfigError) {
        let unknown = fields.keys.filter { !readKeys.contains($0) }.sorted()
        if let first = unknown.first, let child = fields[first] {
            throw ConfigError.unknownKey(child.location, allowed: Array(readKeys))
        }
    }

    /// Fails with a location-bearing message unless `condition` holds for the value at `key`.
    public func check(_ key: String, _ condition: Bool, expected: String) throws(ConfigError) {
        guard !condition else { return }
        throw ConfigError.invalidValue(fields[key]?.location ?? location.appending(key, line: nil), expected: expected)
    }

    /// Reads `schema_version` (default 1) and rejects versions this build does not know.
    public func schemaVersion(supported: [Int]) throws(ConfigError) -> Int {
        let version = try optional("schema_version", default: supported.last ?? 1)
        guard supported.contains(version) else {
            throw ConfigError.unsupportedVersion(
                fields["schema_version"]?.location ?? location, found: version, supported: supported)
        }
        return version
    }
}

extension ConfigNode {
    public var isNull: Bool {
        if case .null = value { return true }
        return false
    }
}

extension String: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        guard case let .string(text) = node.value else {
            throw ConfigError.wrongType(node.location, expected: "a string", found: node.kindDescription)
        }
        self = text
    }
}

extension Int: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        switch node.value {
        case let .integer(number):
            self = number
        case let .number(number) where number.rounded() == number && abs(number) < 9e15:
            self = Int(number)
        default:
            throw ConfigError.wrongType(node.location, expected: "a whole number", found: node.kindDescription)
        }
    }
}

extension Double: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        switch node.value {
        case let .integer(number): self = Double(number)
        case let .number(number): self = number
        default:
            throw ConfigError.wrongType(node.location, expected: "a number", found: node.kindDescription)
        }
    }
}

extension Bool: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        guard case let .bool(flag) = node.value else {
            throw ConfigError.wrongType(node.location, expected: "true or false", found: node.kindDescription)
        }
        self = flag
    }
}

extension Array: ConfigDecodable where Element: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        guard case let .array(items) = node.value else {
            throw ConfigError.wrongType(node.location, expected: "a list", found: node.kindDescription)
        }
        var result: [Element] = []
        for item in items { result.append(try Element(configNode: item)) }
        self = result
    }
}

extension Dictionary: ConfigDecodable where Key == String, Value: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        guard case let .object(fields) = node.value else {
            throw ConfigError.wrongType(node.location, expected: "a mapping", found: node.kindDescription)
        }
        var result: [String: Value] = [:]
        for (key, item) in fields { result[key] = try Value(configNode: item) }
        self = result
    }
}

extension JSONValue: ConfigDecodable {
    public init(configNode node: ConfigNode) throws(ConfigError) {
        self = node.jsonValue
    }
}
