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
    /// its newline (a write cut short). Lines are slices of `data` (no copies).
    public static func lines(in data: Data) -> (lines: [(number: Int, bytes: Data)], unterminatedTail: Data?) {
        // Find the line ranges in one pass over raw bytes (memchr), then slice.
        var ranges: [Range<Int>] = []
        var tail: Range<Int>?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while start < buffer.count {
                guard let found = memchr(base + start, 0x0A, buffer.count - start) else {
                    tail = start..<buffer.count
                    return
                }
                let end = base.distance(to: UnsafeRawPointer(found))
                ranges.append(start..<end)
                start = end + 1
            }
        }
        var lines: [(number: Int, bytes: Data)] = []
        lines.reserveCapacity(ranges.count)
        let offset = data.startIndex
        for (index, range) in ranges.enumerated() {
            let line = data[(offset + range.lowerBound)..<(offset + range.upperBound)]
            if !line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { lines.append((index + 1, line)) }
        }
        return (lines, tail.map { data[(offset + $0.lowerBound)..<(offset + $0.upperBound)] })
    }
}
