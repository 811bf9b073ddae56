/// Untrusted text made inert in GitHub/GitLab-flavoured Markdown.
public enum MarkdownText {
    /// Inline text: Markdown punctuation backslash-escaped, HTML characters as entities, `@mentions` and
    /// `#refs` broken with a zero-width space, controls and line breaks removed.
    public static func inline(_ text: String, limit: Int = 200) -> String {
        var result = ""
        var count = 0
        for scalar in XMLText.sanitize(text, limit: limit).unicodeScalars {
            count += 1
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\n", "\r", "\t": result += " "
            case "@", "#": result.unicodeScalars.append(scalar); result += "\u{200B}"
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "!", "|", "~":
                result += "\\"; result.unicodeScalars.append(scalar)
            default: result.unicodeScalars.append(scalar)
            }
        }
        // A leading list, heading or quote marker stays text.
        if let first = result.first, "-+=#>".contains(first) { result = "\\" + result }
        return result
    }

    /// A fenced code block that `text` cannot close: the fence is longer than any backtick run inside it.
    public static func fenced(_ text: String, language: String = "text", limit: Int = 4000) -> String {
        let body = XMLText.sanitize(text, limit: limit)
        var longest = 0
        var run = 0
        for character in body {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + body + (body.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }
}
