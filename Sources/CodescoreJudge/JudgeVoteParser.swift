import CodescoreConfig
import Foundation

/// Reads a judge answer defensively: finds the JSON object (bare, fenced, or inside prose), then checks
/// every rubric criterion is present with an integer score in 0…10. Unknown criteria are ignored.
public enum JudgeVoteParser {
    public static func parse(_ text: String, rubric: Rubric) -> Result<JudgeVote, VoteProblem> {
        let fields: [String: JSONValue]
        switch extractObject(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): fields = value
        }
        guard case let .object(criteria)? = fields["criteria"] else {
            return .failure(VoteProblem(.wrongSchema, "expected an object under \"criteria\""))
        }
        var scores: [String: Int] = [:], rationales: [String: String] = [:]
        for name in rubric.criterionNames {
            guard let entry = criteria[name] else {
                return .failure(VoteProblem(.missingCriterion, "criterion '\(name)' is missing"))
            }
            // A bare number is accepted as the score (small models often drop the object around it).
            let score: JSONValue?
            switch entry {
            case let .object(inner):
                score = inner["score"]
                if case let .string(text)? = inner["rationale"] { rationales[name] = text } else { rationales[name] = "" }
            case .integer, .number:
                score = entry
                rationales[name] = ""
            default:
                return .failure(VoteProblem(.wrongSchema, "criterion '\(name)' is not an object with a score"))
            }
            let value: Int
            switch score {
            case let .integer(integer)?: value = integer
            case let .number(number)?:
                guard number == number.rounded(), abs(number) < 1e9 else {
                    return .failure(VoteProblem(.notInteger, "criterion '\(name)' scored \(number), not an integer"))
                }
                value = Int(number)
            case let .string(text)?:
                return .failure(VoteProblem(.notInteger, "criterion '\(name)' scored the text \"\(text.prefix(40))\", not an integer"))
            default:
                return .failure(VoteProblem(.wrongSchema, "criterion '\(name)' has no numeric score"))
            }
            guard (0...10).contains(value) else {
                return .failure(VoteProblem(.outOfRange, "criterion '\(name)' scored \(value), outside 0…10"))
            }
            scores[name] = value
        }
        var rationale = ""
        if case let .string(text)? = fields["rationale"] { rationale = text }
        return .success(JudgeVote(scores: scores, rationales: rationales, rationale: rationale))
    }

    /// The first balanced `{…}` in the text (aware of JSON strings), parsed as a JSON object.
    static func extractObject(_ text: String) -> Result<[String: JSONValue], VoteProblem> {
        let bytes = Array(text.utf8)
        guard let start = bytes.firstIndex(of: UInt8(ascii: "{")) else {
            return .failure(VoteProblem(.noJSON, "the answer contains no JSON object (\(bytes.count) bytes)"))
        }
        var depth = 0, inString = false, escaped = false
        var end: Int?
        scan: for index in start..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"): depth += 1
            case UInt8(ascii: "}"):
                depth -= 1
                if depth == 0 { end = index; break scan }
            default: break
            }
        }
        guard let end else {
            return .failure(VoteProblem(.truncated, "the JSON object never closes (answer cut short?)"))
        }
        guard case let .object(fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes[start...end])) else {
            return .failure(VoteProblem(.invalidJSON, "the braced text is not valid JSON"))
        }
        return .success(fields)
    }
}
