import Foundation

/// One JSON value per line, safe to paste anywhere: U+2028 and U+2029 are escaped as well.
public enum JSONLines {
    public static func encodeLine<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var line = escapingLineSeparators(try encoder.encode(value))
        line.append(0x0A)
        return line
    }

    /// U+2028 and U+2029 (UTF-8 E2 80 A8 / E2 80 A9) as `\u2028` / `\u2029`. Both can only occur inside JSON
    /// strings, where the escape means the same. Works on the bytes: most lines have neither and are returned as is.
    static func escapingLineSeparators(_ json: Data) -> Data {
        let hasLeadByte = json.withUnsafeBytes { buffer in
            buffer.baseAddress.map { memchr($0, 0xE2, buffer.count) != nil } ?? false
        }
        guard hasLeadByte else { return json }
        let bytes = [UInt8](json)
        var output: [UInt8]?
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
               bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                if output == nil { output = Array(bytes[..<index]) }
                output!.append(contentsOf: Array((bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                index += 3
                continue
            }
            output?.append(bytes[index])
            index += 1
        }
        return output.map { Data($0) } ?? json
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
