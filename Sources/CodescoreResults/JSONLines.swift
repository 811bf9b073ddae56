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
}
