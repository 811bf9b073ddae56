import CodescoreConfig
import Foundation

/// Human labels for calibrating the judge (`labels.jsonl`), one JSON object per line, either wide —
/// `{"task", "sample", "labels": {criterion: score}, "files"?: {path: contents}}` — or long —
/// `{"task", "sample", "criterion", "score"}`. Lines of one (task, sample) are merged. A sample without
/// `files` is looked up in a results file. Problems name the file, line and key (exit 65).
public struct LabelledSample: Sendable {
    public var task: String
    /// As written: `s1`, or a results record's sample index such as `0`.
    public var sample: String
    public var labels: [String: Int]
    public var files: [(path: String, contents: String)]?
    /// Where it was read, for messages: `labels.jsonl:12`.
    public var location: String

    public static func load(_ url: URL, displayPath: String) throws(ConfigError) -> [LabelledSample] {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .unreadable(file: displayPath, reason: "no such file or not readable")
        }
        var samples: [LabelledSample] = []
        var position: [String: Int] = [:]
        for (offset, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = offset + 1
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            let node = try ConfigNode.parseJSON(Data(text.utf8), file: "\(displayPath):\(lineNumber)")
            let object = try ConfigObject(node)
            let task: String = try object.required("task")
            guard let sampleNode = object.node("sample"), !sampleNode.isNull else { throw .missingKey(object.location, key: "sample") }
            let sample: String
            switch sampleNode.jsonValue {
            case let .string(text): sample = text
            case let .integer(index) where (0...1_000_000).contains(index): sample = String(index)
            case .integer: throw .invalidValue(sampleNode.location, expected: "a sample index from 0 to 1000000")
            default: throw .wrongType(sampleNode.location, expected: "a sample id (string or integer)", found: sampleNode.kindDescription)
            }
            var labels: [String: Int] = try object.optional("labels") ?? [:]
            if let criterion: String = try object.optional("criterion") {
                labels[criterion] = try object.required("score")
            }
            guard !labels.isEmpty else {
                throw .invalidValue(object.location, expected: "\"labels\": {criterion: score} or \"criterion\" and \"score\"")
            }
            for (criterion, score) in labels where !(0...10).contains(score) {
                throw .invalidValue(object.node("labels")?.location ?? object.node("score")?.location ?? object.location,
                                    expected: "a score from 0 to 10 for '\(criterion)', not \(score)")
            }
            let files: [String: String]? = try object.optional("files")
            _ = try object.optional("note", as: String.self)
            _ = try object.optional("rater", as: String.self)
            try object.rejectUnknownKeys()
            let key = task + "\u{0}" + sample
            if let index = position[key] {
                samples[index].labels.merge(labels) { _, new in new }
                if let files { samples[index].files = files.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
            } else {
                position[key] = samples.count
                samples.append(LabelledSample(task: task, sample: sample, labels: labels,
                                              files: files.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } },
                                              location: "\(displayPath):\(lineNumber)"))
            }
        }
        guard !samples.isEmpty else { throw .invalidValue(ConfigLocation(file: displayPath, keyPath: []), expected: "at least one labelled sample") }
        return samples
    }
}
