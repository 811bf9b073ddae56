import CodescoreConfig
import CodescoreResults
import Foundation

/// Reading harness files: whole files, JSONL lines, and JSON values whose errors name their key path.
enum HarnessFile {
    /// The file's bytes; a gzip file (HumanEval can write `.jsonl.gz`) is refused with a clear message.
    static func read(_ url: URL, displayPath: String) throws(HarnessParseError) -> Data {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: displayPath, reason: (error as NSError).localizedDescription)
        }
        if data.count >= 2, data[data.startIndex] == 0x1F, data[data.startIndex + 1] == 0x8B {
            throw .unsupportedFormat(file: displayPath, detail: "the file is gzip-compressed; decompress it first (gunzip)")
        }
        return data
    }

    /// Every line that is not blank (spaces, tabs, CR: skipped, as Python's readers do) with its 1-based number;
    /// a last line without its newline is a line too (harness files are complete when read, unlike codescore's
    /// own appended results).
    static func lines(_ data: Data) -> [(number: Int, bytes: Data)] {
        let (lines, tail) = JSONLines.lines(in: data)
        let blank: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\r"), UInt8(ascii: "\t")]
        var result = lines.filter { !$0.bytes.allSatisfy(blank.contains) }
        guard let tail, !tail.allSatisfy(blank.contains) else { return result }
        // The unterminated last line comes after every newline of the file.
        let newlines = data.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        result.append((number: newlines + 1, bytes: tail))
        return result
    }

    /// Parses strict JSON (RFC 8259). With `allowNonFinite`, a document that fails only because Python's `json`
    /// wrote `NaN` or `Infinity` (it does by default) is read again leniently.
    static func decode(_ data: Data, at location: ConfigLocation, allowNonFinite: Bool = false)
        throws(HarnessParseError) -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            if allowNonFinite, mentionsNonFinite(data) {
                let lenient = JSONDecoder()
                lenient.allowsJSON5 = true
                if let value = try? lenient.decode(JSONValue.self, from: data) { return value }
            }
            throw .invalidJSON(location, detail: detail(of: error))
        }
    }

    private static func mentionsNonFinite(_ data: Data) -> Bool {
        for token in ["NaN", "Infinity"] where data.range(of: Data(token.utf8)) != nil { return true }
        return false
    }

    private static func detail(of error: any Error) -> String {
        ConfigNode.jsonErrorDetail(error)
    }
}

/// A JSON value and where it sits, so that every complaint about it names the file, line and key path.
struct JSONCursor {
    let value: JSONValue
    let location: ConfigLocation

    init(_ value: JSONValue, at location: ConfigLocation) {
        self.value = value
        self.location = location
    }

    /// `found …` text for messages: the kind, and the value when it is short. Strings are quoted and escaped
    /// (they are untrusted text on a terminal).
    var foundDescription: String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return "\(flag)"
        case let .integer(number): return "the number \(number)"
        case let .number(number): return "the number \(number)"
        case let .string(text):
            let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
            return "the string \(String(reflecting: shown))"
        case let .array(items): return items.isEmpty ? "an empty list" : "a list"
        case .object: return "an object"
        }
    }

    func mismatch(_ expected: String) -> HarnessParseError {
        .unexpectedValue(location, expected: expected, found: foundDescription)
    }

    func fields() throws(HarnessParseError) -> [String: JSONValue] {
        guard case let .object(fields) = value else { throw mismatch("a JSON object") }
        return fields
    }

    private func childLocation(_ component: String) -> ConfigLocation {
        ConfigLocation(file: location.file, keyPath: location.keyPath + [component], line: location.line)
    }

    /// The member `key`; absent is an error saying what was expected there. A present `null` is returned.
    func required(_ key: String, expected: String) throws(HarnessParseError) -> JSONCursor {
        guard let child = try fields()[key] else { throw .missingKey(location, key: key, expected: expected) }
        return JSONCursor(child, at: childLocation(key))
    }

    /// The member `key`, or nil when absent.
    func optional(_ key: String) throws(HarnessParseError) -> JSONCursor? {
        try fields()[key].map { JSONCursor($0, at: childLocation(key)) }
    }

    /// The members in key order (deterministic, unlike the dictionary).
    func members() throws(HarnessParseError) -> [(key: String, cursor: JSONCursor)] {
        try fields().sorted { $0.key < $1.key }.map { ($0.key, JSONCursor($0.value, at: childLocation($0.key))) }
    }

    func items(expected: String) throws(HarnessParseError) -> [JSONCursor] {
        guard case let .array(items) = value else { throw mismatch(expected) }
        return items.enumerated().map { JSONCursor($0.element, at: childLocation("[\($0.offset)]")) }
    }

    func string(expected: String) throws(HarnessParseError) -> String {
        guard case let .string(text) = value else { throw mismatch(expected) }
        return text
    }

    func bool(expected: String = "true or false") throws(HarnessParseError) -> Bool {
        guard case let .bool(flag) = value else { throw mismatch(expected) }
        return flag
    }

    /// A whole number ≥ 0 (`3` or `3.0`).
    func count(expected: String = "a whole number ≥ 0") throws(HarnessParseError) -> Int {
        switch value {
        case let .integer(number) where number >= 0:
            return number
        case let .number(number) where number >= 0 && number.rounded() == number && number < 9e15:
            return Int(number)
        default:
            throw mismatch(expected)
        }
    }

    /// A finite number.
    func number(expected: String = "a finite number") throws(HarnessParseError) -> Double {
        switch value {
        case let .integer(number): return Double(number)
        case let .number(number) where number.isFinite: return number
        default: throw mismatch(expected)
        }
    }
}
