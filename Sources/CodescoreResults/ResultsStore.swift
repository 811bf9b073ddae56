import Foundation

/// `results.jsonl`: records appended one line at a time, each line written with a single `write`
/// as soon as its sample finishes, so a killed run loses at most the sample in flight.
public actor ResultsStore {
    public let url: URL
    public let displayPath: String
    private var handle: FileHandle?

    public init(url: URL, displayPath: String) {
        self.url = url
        self.displayPath = displayPath
    }

    /// Reads every record of a results file. A last line without its newline is an interrupted write
    /// and is reported separately; any other bad line is an error naming the file and line.
    public static func read(url: URL, displayPath: String) throws(ResultsError) -> (records: [ResultRecord], interruptedTail: Bool) {
        guard FileManager.default.fileExists(atPath: url.path) else { return ([], false) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: displayPath, reason: error.localizedDescription)
        }
        let (lines, tail) = JSONLines.lines(in: data)
        let records: [ResultRecord]
        do {
            records = try RecordDecoding.decode(lines)
        } catch {
            throw .malformedLine(file: displayPath, line: error.line, detail: Self.describe(error.underlying))
        }
        return (records, tail != nil)
    }

    /// Replaces the file's content with `records` atomically (used when a resumed run drops stale or
    /// failed records that it is about to redo), then opens it for appending.
    public func open(rewritingWith records: [ResultRecord]?) throws(ResultsError) {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if let records {
                var data = Data()
                for record in records { data.append(try JSONLines.encodeLine(record)) }
                try data.write(to: url, options: .atomic)
            } else if !FileManager.default.fileExists(atPath: url.path) {
                FileManager.default.createFile(atPath: url.path, contents: nil)
            }
            let handle = try FileHandle(forWritingTo: url)
            try handle.seekToEnd()
            self.handle = handle
        } catch {
            throw .unwritable(file: displayPath, reason: error.localizedDescription)
        }
    }

    public func append(_ record: ResultRecord) throws(ResultsError) {
        guard let handle else { throw .unwritable(file: displayPath, reason: "the results file is not open") }
        do {
            try handle.write(contentsOf: try JSONLines.encodeLine(record))
        } catch {
            throw .unwritable(file: displayPath, reason: error.localizedDescription)
        }
    }

    public func close() {
        try? handle?.synchronize()
        try? handle?.close()
        handle = nil
    }

    public static func describe(_ error: any Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _):
            return "missing key '\(key.stringValue)'"
        case let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "wrong type at '\(path)': \(context.debugDescription)"
        case let DecodingError.dataCorrupted(context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "not valid JSON" : "'\(path)': \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
