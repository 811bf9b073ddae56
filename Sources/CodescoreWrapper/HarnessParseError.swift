import CodescoreConfig
import Foundation

/// A harness result file that cannot be read completely. Every case names the file and, where there is
/// one, the line (JSONL, XML) or the JSON key path, and says what was expected, as one sentence.
///
/// Locations reuse ``ConfigLocation``: `file:line` for line-based formats, `file: eval.HumanEval/0[2].base_status`
/// for key paths inside a JSON document.
public enum HarnessParseError: Error, Sendable, Equatable, LocalizedError, CustomStringConvertible {
    /// The file or folder could not be read at all (missing, permissions).
    case unreadable(file: String, reason: String)
    /// The file holds no result; `expected` says what a result looks like.
    case empty(file: String, expected: String)
    /// Not JSON at the location (a JSONL line, or a whole JSON file).
    case invalidJSON(ConfigLocation, detail: String)
    /// Not a JUnit XML document.
    case invalidXML(file: String, line: Int?, detail: String)
    /// A required key is absent from the object at `location`.
    case missingKey(ConfigLocation, key: String, expected: String)
    /// The value at `location` has the wrong type or an unaccepted value.
    case unexpectedValue(ConfigLocation, expected: String, found: String)
    /// Two results for the same task and sample in `file`; `first` and `second` are where each was read.
    case duplicateSample(file: String, task: String, sample: Int, first: String, second: String)
    /// A results folder whose layout is not the harness's (BaxBench); `path` is the offending file or folder.
    case unexpectedLayout(path: String, expected: String)
    /// A file in a format this codescore recognizes but does not read (compressed, an older version).
    case unsupportedFormat(file: String, detail: String)
    /// The parser's own settings cannot work (no field to read pass/fail from, say).
    case invalidSettings(detail: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the harness results: \(Self.sentence(reason))"
        case let .empty(file, expected):
            return "\(file): the file holds no results; expected \(expected)."
        case let .invalidJSON(location, detail):
            return "\(Self.where(location)): not valid JSON: \(Self.sentence(detail))"
        case let .invalidXML(file, line, detail):
            let at = line.map { ":\($0)" } ?? ""
            return "\(file)\(at): not a JUnit XML report: \(Self.sentence(detail))"
        case let .missingKey(location, key, expected):
            let parent = location.keyPath.isEmpty ? "" : " in '\(location.keyPathDescription)'"
            return "\(Self.where(location.withoutKeyPath)): missing key '\(key)'\(parent); expected \(expected)."
        case let .unexpectedValue(location, expected, found):
            return "\(location): expected \(expected), found \(found)."
        case let .duplicateSample(_, task, sample, first, second):
            return "\(second): a second result for sample \(sample) of task '\(task)'; the first is at \(first). "
                + "Each sample may appear once."
        case let .unexpectedLayout(path, expected):
            return "\(path): not the expected layout: \(Self.sentence(expected))"
        case let .unsupportedFormat(file, detail):
            return "\(file): \(Self.sentence(detail))"
        case let .invalidSettings(detail):
            return "The result parser's settings cannot work: \(Self.sentence(detail))"
        }
    }

    public var errorDescription: String? { description }

    /// The file (or folder) the problem is in; nil for settings problems.
    public var file: String? {
        switch self {
        case let .unreadable(file, _), let .empty(file, _), let .invalidXML(file, _, _), let .unsupportedFormat(file, _),
             let .duplicateSample(file, _, _, _, _):
            return file
        case let .invalidJSON(location, _), let .missingKey(location, _, _), let .unexpectedValue(location, _, _):
            return location.file
        case let .unexpectedLayout(path, _):
            return path
        case .invalidSettings:
            return nil
        }
    }

    /// True when the harness output itself is at fault (exit 65), false for an unreadable file or bad settings.
    public var isMalformedInput: Bool {
        switch self {
        case .unreadable, .invalidSettings: return false
        default: return true
        }
    }

    private static func `where`(_ location: ConfigLocation) -> String { location.description }

    /// Ends the text with a period unless it already ends a sentence.
    private static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return "" }
        return ".!?".contains(last) ? trimmed : trimmed + "."
    }
}

extension ConfigLocation {
    var withoutKeyPath: ConfigLocation { ConfigLocation(file: file, keyPath: [], line: line) }

    /// `file:line` when there is a line, else `file: key.path` (what a duplicate message quotes).
    var shortDescription: String {
        if let line { return "\(file):\(line)" }
        return keyPath.isEmpty ? file : "\(file): \(keyPathDescription)"
    }
}
