import Foundation

/// Text made safe for each place a page puts it: element text, a quoted attribute value, or JSON inside a
/// `<script type="application/json">`. Everything from model output, task files or configs goes through here.
enum HTMLText {
    /// Element text: `&`, `<`, `>` and both quotes escaped; controls HTML forbids and terminal escapes
    /// dropped; cut to `limit` characters with a note.
    static func text(_ value: String, limit: Int = 256 * 1024) -> String {
        XMLText.replacingScalars(XMLText.sanitize(value, limit: limit)) { scalar in
            switch scalar {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            case "'": return "&#39;"
            default: return nil
            }
        }
    }

    /// A double-quoted attribute value: the same escaping as text (quotes included), one line.
    static func attribute(_ value: String) -> String {
        text(value.replacingOccurrences(of: "\n", with: " "), limit: 4096)
    }

    /// JSON to embed in `<script type="application/json">`: `<`, `>`, `&` and the JavaScript line separators
    /// become \\u escapes, so no `</script>` or `<!--` can end or change the element. Still valid JSON.
    static func scriptJSON(_ json: Data) -> String {
        XMLText.replacingScalars(String(decoding: json, as: UTF8.self)) { scalar in
            switch scalar {
            case "<": return "\\u003c"
            case ">": return "\\u003e"
            case "&": return "\\u0026"
            case "\u{2028}": return "\\u2028"
            case "\u{2029}": return "\\u2029"
            default: return nil
            }
        }
    }
}
