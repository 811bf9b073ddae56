import CodescoreConfig

/// Pulls the required files out of a model's answer: fenced code blocks, each named by its info string
/// (```python path/to/file.py, ```js title="file.js") or by a path comment on its first line.
public struct Extraction: Sendable, Equatable {
    /// Required path → contents, for the files found.
    public var files: [String: String]
    /// Required paths with no block for them (a scored failure, not a crash).
    public var missing: [String]
    /// Blocks that matched no required file (ignored).
    public var unmatchedBlocks: Int
    /// Names the answer gave that are unsafe paths (e.g. ../../.git/hooks/pre-commit); never written.
    public var refusedPaths: [String]
}

public enum CodeExtractor {
    /// A fenced block: its info string, its body, and the lines it spans in the answer (fences included).
    struct Block { var info: String; var body: String; var lines: ClosedRange<Int> = 0...0 }

    public static func extract(from answer: String, required: [String]) -> Extraction {
        let blocks = fencedBlocks(answer)
        var files: [String: String] = [:]
        var unnamed: [Block] = []
        var unmatched = 0
        var refused: [String] = []
        let requiredSet = Set(required)
        for block in blocks {
            guard let (name, body) = fileName(of: block) else { unnamed.append(block); continue }
            guard RelativePath.isConfined(name) else { refused.append(name); continue }
            if let path = match(name, requiredSet: requiredSet, required: required), files[path] == nil {
                files[path] = body
            } else {
                unmatched += 1
            }
        }
        // One required file and one unnamed block left: that block is the file.
        let stillMissing = required.filter { files[$0] == nil }
        if stillMissing.count == 1, files.isEmpty, unnamed.count == 1 {
            files[stillMissing[0]] = unnamed[0].body
            unnamed = []
        }
        return Extraction(files: files, missing: required.filter { files[$0] == nil },
                          unmatchedBlocks: unmatched + unnamed.count, refusedPaths: refused)
    }

    /// A piece of an answer as reports show it: prose, or a fenced block with the file it names (if any).
    public enum AnswerPart: Sendable, Equatable {
        case text(String)
        case file(name: String?, body: String)
    }

    /// The answer cut into prose and fenced blocks, in order (an unclosed fence stays prose).
    public static func parts(of answer: String) -> [AnswerPart] {
        let lines = answer.split(separator: "\n", omittingEmptySubsequences: false)
        var parts: [AnswerPart] = []
        var next = 0
        func prose(upTo end: Int) {
            let text = lines[next..<end].joined(separator: "\n")
            if !text.allSatisfy(\.isWhitespace) { parts.append(.text(text)) }
        }
        for block in fencedBlocks(answer) {
            prose(upTo: block.lines.lowerBound)
            let named = fileName(of: block)
            parts.append(.file(name: named?.0, body: named?.1 ?? block.body))
            next = block.lines.upperBound + 1
        }
        prose(upTo: lines.count)
        return parts
    }

    /// An exact path, else a unique match on the file name alone.
    static func match(_ name: String, requiredSet: Set<String>, required: [String]) -> String? {
        if requiredSet.contains(name) { return name }
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let candidates = required.filter { ($0.split(separator: "/").last.map(String.init) ?? $0) == base }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// Fenced blocks (``` or ~~~, three or more; closed by the same character, at least as long).
    static func fencedBlocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var open: (marker: Character, length: Int, info: String, lines: [Substring], start: Int)?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " }
            let stripped = trimmed.hasSuffix("\r") ? trimmed.dropLast() : trimmed
            if var current = open {
                let run = stripped.prefix { $0 == current.marker }
                if run.count >= current.length, stripped.dropFirst(run.count).allSatisfy({ $0 == " " || $0 == "\t" }) {
                    blocks.append(Block(info: current.info, body: current.lines.joined(separator: "\n") + "\n",
                                        lines: current.start...number))
                    open = nil
                } else {
                    current.lines.append(line.hasSuffix("\r") ? line.dropLast() : line)
                    open = current
                }
            } else if let marker = stripped.first, marker == "`" || marker == "~" {
                let run = stripped.prefix { $0 == marker }
                if run.count >= 3, line.prefix(while: { $0 == " " }).count < 4 {
                    let info = String(stripped.dropFirst(run.count)).trimmingCharacters(in: .whitespaces)
                    if marker == "`" && info.contains("`") { continue }
                    open = (marker, run.count, info, [], number)
                }
            }
        }
        return blocks
    }

    /// The file a block names, and its body (without a leading path comment when that named it).
    static func fileName(of block: Block) -> (String, String)? {
        let words = block.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        for word in words {
            for prefix in ["path=", "file=", "filename=", "title=", "name="] where word.lowercased().hasPrefix(prefix) {
                let value = unquote(String(word.dropFirst(prefix.count)))
                if !value.isEmpty { return (value, block.body) }
            }
        }
        if let word = words.dropFirst().first(where: looksLikePath) ?? (words.count == 1 && words[0].contains(".") ? words.first : nil) {
            return (unquote(word), block.body)
        }
        // A first-line comment naming the file: "# file: app.py", "// src/x.js", "<!-- index.html -->".
        let lines = block.body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = lines.first else { return nil }
        var comment = first.trimmingCharacters(in: .whitespaces)
        var matched = false
        for (open, close) in [("<!--", "-->"), ("/*", "*/"), ("//", ""), ("#", ""), ("--", "")] where comment.hasPrefix(open) {
            comment = String(comment.dropFirst(open.count))
            if !close.isEmpty, comment.hasSuffix(close) { comment = String(comment.dropLast(close.count)) }
            matched = true
            break
        }
        guard matched else { return nil }
        comment = comment.trimmingCharacters(in: .whitespaces)
        for label in ["file:", "filename:", "path:", "File:", "Filename:", "Path:"] where comment.hasPrefix(label) {
            comment = String(comment.dropFirst(label.count)).trimmingCharacters(in: .whitespaces)
        }
        guard !comment.contains(" "), looksLikePath(comment) else { return nil }
        let rest = lines.count > 1 ? String(lines[1]) : ""
        return (comment, rest)
    }

    static func looksLikePath(_ word: String) -> Bool {
        if word.contains("/") { return true }
        let name = word.split(separator: "/").last.map(String.init) ?? word
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        let extensionPart = name[name.index(after: dot)...]
        return !extensionPart.isEmpty && extensionPart.count <= 8 && extensionPart.allSatisfy { $0.isLetter || $0.isNumber }
    }

    static func unquote(_ text: String) -> String {
        var value = text
        while let first = value.first, first == "\"" || first == "'" || first == "`" { value.removeFirst() }
        while let last = value.last, last == "\"" || last == "'" || last == "`" || last == ":" { value.removeLast() }
        return value
    }
}
