import CodescoreConfig
import CodescoreResults
import Foundation

/// A checked-in baseline (`baselines/main.jsonl`): one header line that describes where the numbers come
/// from, then one result record per sample in a fixed order, so that git diffs stay small.
public struct Baseline: Sendable {
    public var header: Header
    public var records: [ResultRecord]

    public init(header: Header, records: [ResultRecord]) {
        self.header = header
        self.records = records
    }

    public struct Header: Codable, Sendable {
        public static let kindName = "codescore-baseline"
        public static let currentSchemaVersion = 1

        public var kind = Header.kindName
        public var schemaVersion = Header.currentSchemaVersion
        public var toolVersion: String
        public var createdAt: String
        public var gitCommit: String?
        public var runID: String?
        /// Identity of the judge whose scores the baseline holds (nil: no judge scores).
        public var judge: JudgeIdentity?
        public var policySHA256: String?
        public var sandbox: String?
        public var models: [RunManifest.Model]
        /// Task id → task hash of the tasks in the baseline.
        public var tasks: [String: String]

        public init(toolVersion: String, createdAt: String, gitCommit: String?, runID: String?, judge: JudgeIdentity?,
                    policySHA256: String?, sandbox: String?, models: [RunManifest.Model], tasks: [String: String]) {
            self.toolVersion = toolVersion
            self.createdAt = createdAt
            self.gitCommit = gitCommit
            self.runID = runID
            self.judge = judge
            self.policySHA256 = policySHA256
            self.sandbox = sandbox
            self.models = models
            self.tasks = tasks
        }

        enum CodingKeys: String, CodingKey {
            case kind
            case schemaVersion = "schema_version"
            case toolVersion = "tool_version"
            case createdAt = "created_at"
            case gitCommit = "git_commit"
            case runID = "run_id"
            case judge
            case policySHA256 = "policy_sha256"
            case sandbox, models, tasks
        }
    }

    /// Records as stored: the answer text and execution details stay in the run's own results.
    public static func stored(_ record: ResultRecord) -> ResultRecord {
        var stored = record
        stored.output = nil
        stored.execution = nil
        return stored
    }

    /// The baseline's bytes: header, then records sorted by model, benchmark, task, sample.
    public func encoded() throws -> Data {
        var data = try JSONLines.encodeLine(header)
        let sorted = records.map(Self.stored).sorted(by: Self.sortKeyPrecedes)
        for record in sorted { data.append(try JSONLines.encodeLine(record)) }
        return data
    }

    /// Reads and checks a baseline; every problem names the file and line (exit 65 in the CLI).
    public static func read(url: URL, displayPath: String) throws(BaselineError) -> Baseline {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(file: displayPath, reason: error.localizedDescription)
        }
        let (lines, tail) = JSONLines.lines(in: data)
        if let tail {
            let number = (lines.last?.number ?? 0) + 1
            throw .malformed(file: displayPath, line: number,
                             detail: "the last line is cut short (\(tail.count) bytes without a newline)")
        }
        guard let first = lines.first else { throw .malformed(file: displayPath, line: 1, detail: "the file is empty; expected a header line") }
        struct Probe: Decodable { var kind: String?; var schema_version: Int? }
        let probe = try? JSONDecoder().decode(Probe.self, from: first.bytes)
        guard probe?.kind == Header.kindName else {
            throw .malformed(file: displayPath, line: first.number,
                             detail: "expected the header {\"kind\": \"\(Header.kindName)\", …}; write baselines with `codescore baseline update`")
        }
        guard probe?.schema_version == Header.currentSchemaVersion else {
            throw .unsupportedVersion(file: displayPath, line: first.number, found: probe?.schema_version)
        }
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: first.bytes)
        } catch {
            throw .malformed(file: displayPath, line: first.number, detail: ResultsStore.describe(error))
        }
        let records: [ResultRecord]
        do {
            records = try RecordDecoding.decode(Array(lines.dropFirst()))
        } catch {
            throw .malformed(file: displayPath, line: error.line, detail: ResultsStore.describe(error.underlying))
        }
        let numbers = lines.dropFirst().map(\.number)
        for (record, number) in zip(records, numbers) {
            if let (metric, _) = record.scores.first(where: { !$0.value.isFinite }) {
                throw .malformed(file: displayPath, line: number, detail: "score '\(metric)' is not a finite number")
            }
        }
        // A baseline written by `encoded()` is strictly sorted, which rules out duplicates without hashing a
        // million identities; anything else (edited by hand, merged) is checked record by record.
        let strictlySorted = records.withUnsafeBufferPointer { records in
            records.indices.dropFirst().allSatisfy { Self.sortKeyPrecedes(records[$0 - 1], records[$0]) }
        }
        if !strictlySorted { try checkDuplicates(records, numbers: numbers, displayPath: displayPath) }
        return Baseline(header: header, records: records)
    }

    static func sortKeyPrecedes(_ a: ResultRecord, _ b: ResultRecord) -> Bool {
        (a.model, a.benchmark, a.task, a.sample) < (b.model, b.benchmark, b.task, b.sample)
    }

    static func checkDuplicates(_ records: [ResultRecord], numbers: [Int], displayPath: String) throws(BaselineError) {
        var seen: [ResultRecord.Identity: Int] = [:]
        seen.reserveCapacity(records.count)
        for (record, number) in zip(records, numbers) {
            if let earlier = seen[record.identity] {
                throw .malformed(file: displayPath, line: number,
                                 detail: "duplicate record for model '\(record.model)', task '\(record.task)', sample \(record.sample) (first on line \(earlier))")
            }
            seen[record.identity] = number
        }
    }
}

public enum BaselineError: Error, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case malformed(file: String, line: Int, detail: String)
    case unsupportedVersion(file: String, line: Int, found: Int?)

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): cannot read the baseline: \(reason)."
        case let .malformed(file, line, detail):
            return "\(file):\(line): \(detail)."
        case let .unsupportedVersion(file, line, found):
            return "\(file):\(line): baseline schema_version \(found.map(String.init) ?? "missing") is not supported "
                + "(this codescore reads \(Baseline.Header.currentSchemaVersion)); regenerate it with `codescore baseline update`."
        }
    }
}
