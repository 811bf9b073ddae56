import Foundation

/// One JSON value per line, safe to paste anywhere: U+2028 and U+2029 are escaped as well.
public enum JSONLines {
    public static func encodeLine<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // Both characters can only occur inside JSON strings, where the escape means the same.
        text = text.replacingOccurrences(of: "\u{2028}", with: "\\u2028")
            .replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        return Data((text + "\n").utf8)
    }

    /// The non-blank lines of a JSONL file with their 1-based numbers, and whether the last line lacks
    /// its newline (a write cut short).
    public static func lines(in data: Data) -> (lines: [(number: Int, bytes: Data)], unterminatedTail: Data?) {
        var lines: [(number: Int, bytes: Data)] = []
        var number = 0
        var start = data.startIndex
        let newline = UInt8(ascii: "\n")
        while start < data.endIndex {
            number += 1
            guard let end = data[start...].firstIndex(of: newline) else {
                return (lines, data[start...])
            }
            let line = data[start..<end]
            start = data.index(after: end)
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { lines.append((number, Data(line))) }
        }
        return (lines, nil)
    }
}
