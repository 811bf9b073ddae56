/// Text made safe for XML 1.0, whatever produced it (model output, sandboxed programs, task files).
public enum XMLText {
    /// Removes terminal escape sequences and every character XML 1.0 forbids (C0 controls but tab, LF,
    /// CR; U+FFFE, U+FFFF), and cuts to `limit` characters with a note saying how much was dropped.
    public static func sanitize(_ text: String, limit: Int = 64 * 1024) -> String {
        var scalars = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var count = 0
        var dropped = 0
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                // ESC [ … final byte: a CSI sequence such as \u{1B}[31m disappears whole.
                var lookahead = iterator
                if lookahead.next() == "[" {
                    iterator = lookahead
                    while let next = iterator.next(), !(0x40...0x7E).contains(next.value) {}
                }
                continue
            }
            guard isAllowed(scalar) else { continue }
            if count < limit {
                scalars.append(scalar)
                count += 1
            } else {
                dropped += 1
            }
        }
        var result = String(scalars)
        if dropped > 0 { result += "\n[… \(dropped) more characters cut by codescore]" }
        return result
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Escaped for an attribute value in double quotes (newlines kept as character references).
    public static func attribute(_ text: String, limit: Int = 1024) -> String {
        replacingScalars(sanitize(text, limit: limit)) { character in
            switch character {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&apos;"
            case "\n": return "&#10;"
            case "\r": return "&#13;"
            case "\t": return "&#9;"
            default: return nil
            }
        }
    }

    /// The text with every scalar that `replacement` maps to a string replaced by that string.
    static func replacingScalars(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            if let replaced = replacement(scalar) { result += replaced } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }

    /// A CDATA section; `]]>` inside is split across two sections so it cannot end the first early.
    public static func cdata(_ text: String, limit: Int = 64 * 1024) -> String {
        "<![CDATA[" + sanitize(text, limit: limit).replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }
}
