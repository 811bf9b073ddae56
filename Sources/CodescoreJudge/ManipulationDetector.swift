import Foundation

/// Flags candidate text that addresses the judge rather than the task: instructions to ignore the
/// rubric, claims of a score, role-play as the evaluator, forged delimiters, fake reasoning headers.
/// A flag is recorded as `judge.suspected_manipulation` and shown in every report; it does not by
/// itself change the scores.
public enum ManipulationDetector {
    public struct Finding: Sendable, Hashable, Codable {
        public var rule: String
        public var file: String
        public var excerpt: String
    }

    /// (rule name, case-insensitive regular expression). Narrow on purpose: ordinary code and comments
    /// in the built-in reference solutions must not match (a test checks all 30).
    static let rules: [(name: String, pattern: String)] = [
        ("ignore-instructions", #"\b(ignore|disregard|forget|override)\b[^\n]{0,40}\b(previous|prior|above|earlier|all|your|the)\b[^\n]{0,20}\b(instructions?|prompts?|rules?|rubric|guidelines)\b"#),
        ("claims-score", #"\b(score|rate|grade|mark)\b[^\n]{0,30}\b(10|ten|full marks|perfect|maximum|highest)\b[^\n]{0,30}\b(on|for|across|in)\b[^\n]{0,20}\b(every|all|each)\b"#),
        ("claims-score", #"\b(give|assign|award)\b[^\n]{0,20}\b(this|the|a)\b[^\n]{0,20}\b(score|rating|grade)\b[^\n]{0,20}\b(of\s+)?(10|ten)\b"#),
        ("addresses-evaluator", #"\b(as|dear|attention|note to|hello)\b[^\n]{0,10}\b(the\s+)?(evaluator|grader|judge|reviewer model|ai reviewer|assistant|language model|llm)\b"#),
        ("addresses-evaluator", #"\b(you are|you're|you must|you should)\b[^\n]{0,30}\b(evaluator|grader|judge|scoring)\b"#),
        ("forged-delimiter", #"<<\s*(END\s+)?CANDIDATE-"#),
        ("forged-delimiter", #"(?m)^\s*(</?(system|assistant|user|instructions?)>|\[/?(SYSTEM|INST)\]|<\|im_(start|end)\|>)"#),
        ("fake-reasoning", #"(?m)^\s*(#+\s*|//\s*|#\s*|/\*\s*|\*\s*)?(thought process|evaluator notes?|grading notes?|judge notes?|final (score|verdict|answer))\s*:"#),
        ("json-verdict", #"\"criteria\"\s*:\s*\{\s*\"[a-z_]+\"\s*:\s*\{\s*\"score\""#),
    ]

    static let compiled: [(name: String, expression: NSRegularExpression)] = rules.map {
        ($0.name, try! NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]))
    }

    public static func scan(_ files: [(path: String, contents: String)]) -> [Finding] {
        var findings: [Finding] = []
        for file in files {
            let text = file.contents as NSString
            for rule in compiled {
                guard let match = rule.expression.firstMatch(in: file.contents, range: NSRange(location: 0, length: text.length)) else {
                    continue
                }
                if findings.contains(where: { $0.rule == rule.name && $0.file == file.path }) { continue }
                let excerpt = text.substring(with: match.range)
                findings.append(Finding(rule: rule.name, file: file.path, excerpt: String(excerpt.prefix(120))))
            }
        }
        return findings
    }
}
