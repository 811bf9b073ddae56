import Foundation
import Yams

/// A parsed JSON or YAML document in which every value knows its file, key path and line.
///
/// Config and task files are decoded from this tree rather than with `Codable` so that every error can
/// name the exact key path and line, and so that unknown keys are rejected instead of ignored.
public struct ConfigNode: Sendable {
    public indirect enum Value: Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case number(Double)
        case string(String)
        case array([ConfigNode])
        case object([String: ConfigNode])
    }

    public var value: Value
    public var location: ConfigLocation

    /// What a user would call this kind of value, for error messages.
    public var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "true/false"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "a mapping"
        }
    }

    /// The plain JSON value, without locations.
    public var jsonValue: JSONValue {
        switch value {
        case .null: return .null
        case let .bool(value): return .bool(value)
        case let .integer(value): return .integer(value)
        case let .number(value): return .number(value)
        case let .string(value): return .string(value)
        case let .array(items): return .array(items.map(\.jsonValue))
        case let .object(fields): return .object(fields.mapValues(\.jsonValue))
        }
    }
}

// MARK: - Parsing

extension ConfigNode {
    /// Parses strict JSON. Lines for key paths come from a second, best-effort YAML reading of the text.
    public static func parseJSON(_ data: Data, file: String) throws(ConfigError) -> ConfigNode {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ConfigError.syntax(file: file, line: jsonErrorLine(data), detail: jsonErrorDetail(error))
        }
        var lines: [[String]: Int] = [:]
        do {
            if let text = String(data: data, encoding: .utf8), let yaml = try Yams.compose(yaml: text) {
                collectLines(yaml, path: [], into: &lines)
            }
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            // JSONDecoder silently keeps the last of repeated keys; a registry must not.
            throw ConfigError.duplicate(ConfigLocation(file: file, keyPath: [duplicates.sorted().first ?? "?"], line: context.mark.line),
                                        what: "key '\(duplicates.sorted().joined(separator: "', '"))'", firstSeenIn: "the same object")
        } catch {
            // Line numbers are best-effort: valid JSON the YAML reader rejects just has none.
        }
        return ConfigNode(json: json, location: ConfigLocation(file: file, keyPath: [], line: lines[[]] ?? 1), lines: lines)
    }

    /// Parses YAML, keeping the line of every value; duplicate keys are an error.
    public static func parseYAML(_ text: String, file: String) throws(ConfigError) -> ConfigNode {
        let document: Node?
        do {
            document = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError.syntax(file: file, line: yamlErrorLine(error), detail: "\(error)")
        } catch {
            throw ConfigError.syntax(file: file, line: nil, detail: "\(error)")
        }
        guard let document else {
            return ConfigNode(value: .null, location: ConfigLocation(file: file, line: 1))
        }
        return try ConfigNode(yaml: document, location: ConfigLocation(file: file, line: document.mark?.line))
    }

    /// Reads and parses a file, choosing JSON or YAML by its extension.
    public static func load(_ url: URL, displayPath: String) throws(ConfigError) -> ConfigNode {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigError.unreadable(file: displayPath, reason: error.localizedDescription)
        }
        if url.pathExtension.lowercased() == "json" {
            return try parseJSON(data, file: displayPath)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.syntax(file: displayPath, line: nil, detail: "the file is not valid UTF-8.")
        }
        return try parseYAML(text, file: displayPath)
    }

    private init(json: JSONValue, location: ConfigLocation, lines: [[String]: Int]) {
        self.location = location
        switch json {
        case .null: value = .null
        case let .bool(flag): value = .bool(flag)
        case let .integer(number): value = .integer(number)
        case let .number(number): value = .number(number)
        case let .string(text): value = .string(text)
        case let .array(items):
            value = .array(items.enumerated().map { index, item in
                let path = location.keyPath + ["[\(index)]"]
                return ConfigNode(json: item, location: location.appending("[\(index)]", line: lines[path]), lines: lines)
            })
        case let .object(fields):
            value = .object(Dictionary(uniqueKeysWithValues: fields.map { key, item in
                let path = location.keyPath + [key]
                return (key, ConfigNode(json: item, location: location.appending(key, line: lines[path]), lines: lines))
            }))
        }
    }

    private init(yaml node: Node, location: ConfigLocation) throws(ConfigError) {
        self.location = location
        switch node {
        case let .scalar(scalar):
            value = Self.scalarValue(scalar, tag: node.tag)
        case let .sequence(sequence):
            var items: [ConfigNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try ConfigNode(yaml: item, location: location.appending("[\(index)]", line: item.mark?.line)))
            }
            value = .array(items)
        case let .mapping(mapping):
            var fields: [String: ConfigNode] = [:]
            for (keyNode, item) in mapping {
                guard let key = keyNode.string else {
                    throw ConfigError.wrongType(location, expected: "string keys", found: "a non-string key")
                }
                let itemLocation = location.appending(key, line: keyNode.mark?.line)
                if fields[key] != nil {
                    throw ConfigError.duplicate(itemLocation, what: "key '\(key)'", firstSeenIn: "the same mapping")
                }
                var child = try ConfigNode(yaml: item, location: itemLocation)
                child.location.line = keyNode.mark?.line ?? child.location.line
                fields[key] = child
            }
            value = .object(fields)
        case .alias:
            throw ConfigError.invalidValue(location, expected: "a plain value (YAML aliases are not supported)")
        }
    }

    private static func scalarValue(_ scalar: Node.Scalar, tag: Tag) -> Value {
        let node = Node.scalar(scalar)
        switch tag.description {
        case Tag.Name.null.rawValue: return .null
        case Tag.Name.bool.rawValue: return node.bool.map(Value.bool) ?? .string(scalar.string)
        case Tag.Name.int.rawValue: return node.int.map(Value.integer) ?? .string(scalar.string)
        case Tag.Name.float.rawValue: return node.float.map(Value.number) ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }

    private static func collectLines(_ node: Node, path: [String], into lines: inout [[String]: Int]) {
        if let line = node.mark?.line, lines[path] == nil { lines[path] = line }
        switch node {
        case let .mapping(mapping):
            for (key, item) in mapping {
                guard let name = key.string else { continue }
                if let line = key.mark?.line { lines[path + [name]] = line }
                collectLines(item, path: path + [name], into: &lines)
            }
        case let .sequence(sequence):
            for (index, item) in sequence.enumerated() {
                collectLines(item, path: path + ["[\(index)]"], into: &lines)
            }
        default:
            break
        }
    }

    private static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        case let .duplicatedKeysInMapping(_, context):
            return context.mark.line
        default:
            return nil
        }
    }

    /// The decoder's own words about a JSON syntax error (its debug description), else the error.
    public static func jsonErrorDetail(_ error: any Error) -> String {
        if case let DecodingError.dataCorrupted(context) = error {
            if let underlying = context.underlyingError as NSError?,
               let debug = underlying.userInfo[NSDebugDescriptionErrorKey] as? String {
                return debug
            }
            return context.debugDescription
        }
        return "\(error)"
    }

    /// JSONDecoder does not say where the syntax error is; JSONSerialization says "around character N".
    private static func jsonErrorLine(_ data: Data) -> Int? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? ""
            guard let range = text.range(of: "character ") else { return nil }
            guard let offset = Int(text[range.upperBound...].prefix { $0.isNumber }) else { return nil }
            let characters = String(decoding: data, as: UTF8.self).prefix(offset)
            return characters.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
        }
    }
}
