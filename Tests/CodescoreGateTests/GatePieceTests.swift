import CodescoreGate
import CodescoreResults
import Foundation
import Testing

/// The pieces under the gate's fast paths: duplicate detection in baselines and single-pass pairing.
@Suite struct GatePieceTests {
    static func record(_ model: String, _ task: String, _ sample: Int, hash: String = "h", status: ResultRecord.Status = .ok,
                       scores: [String: Double] = ["tests.pass": 1], benchmark: String = "builtin") -> ResultRecord {
        var record = ResultRecord(runID: "r", model: model, benchmark: benchmark, task: task, category: "backend",
                                  taskHash: hash, sample: sample, status: status)
        record.scores = scores
        return record
    }

    static func write(_ records: [ResultRecord], header: Bool = true) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).jsonl")
        var data = Data()
        if header {
            data.append(try JSONLines.encodeLine(Baseline.Header(
                toolVersion: "t", createdAt: "c", gitCommit: nil, runID: nil, judge: nil, policySHA256: nil, sandbox: nil,
                models: [], tasks: [:])))
        }
        for record in records { data.append(try JSONLines.encodeLine(record)) }
        try data.write(to: url)
        return url
    }

    @Test("A written baseline is sorted and reads back; the same sample under two task hashes is not a duplicate")
    func sortedBaselineReads() throws {
        let records = [Self.record("m", "b", 0), Self.record("m", "a", 1), Self.record("m", "a", 0),
                       Self.record("m", "a", 0, hash: "h2")]
        let baseline = Baseline(header: .init(toolVersion: "t", createdAt: "c", gitCommit: nil, runID: nil, judge: nil,
                                              policySHA256: nil, sandbox: nil, models: [], tasks: [:]), records: records)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-\(UUID().uuidString).jsonl")
        try baseline.encoded().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let read = try Baseline.read(url: url, displayPath: "b.jsonl")
        #expect(read.records.map { "\($0.task)/\($0.sample)/\($0.taskHash)" } == ["a/0/h", "a/0/h2", "a/1/h", "b/0/h"])
    }

    @Test("A duplicate far from its first occurrence in an unsorted baseline is found, with both line numbers")
    func unsortedDuplicate() throws {
        let records = [Self.record("m", "b", 0), Self.record("m", "a", 0), Self.record("m", "c", 0), Self.record("m", "b", 0)]
        let url = try Self.write(records)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect {
            try Baseline.read(url: url, displayPath: "b.jsonl")
        } throws: { error in
            (error as? BaselineError)?.description == "b.jsonl:5: duplicate record for model 'm', task 'b', sample 0 (first on line 2)."
        }
        // Unsorted but without duplicates is fine.
        let clean = try Self.write(Array(records.dropLast()))
        defer { try? FileManager.default.removeItem(at: clean) }
        #expect(try Baseline.read(url: clean, displayPath: "b.jsonl").records.count == 3)
    }

    @Test("Pairing over interleaved models and tasks: samples, missing, changed and mixed tasks, error counts")
    func pairingInterleaved() {
        let baseline = [
            Self.record("m", "t1", 0, scores: ["tests.pass": 1, "judge.overall": 6]), Self.record("x", "t1", 0),
            Self.record("m", "t2", 0), Self.record("m", "t1", 1, scores: ["tests.pass": 0, "judge.overall": 8]),
            Self.record("m", "t3", 0, hash: "old"), Self.record("m", "t4", 0), Self.record("m", "t5", 0),
        ]
        let candidate = [
            Self.record("m", "t2", 0, scores: ["tests.pass": 0]), Self.record("m", "t1", 0, scores: ["tests.pass": 0]),
            Self.record("x", "t1", 0, scores: ["tests.pass": 0]), Self.record("m", "t2", 1),
            Self.record("m", "t1", 1, scores: ["tests.pass": 1]), Self.record("m", "t3", 0, hash: "new"),
            Self.record("m", "t5", 0, hash: "h"), Self.record("m", "t5", 1, hash: "h2"), Self.record("m", "t6", 0),
            Self.record("m", "t7", 0, status: .error, scores: [:]),
        ]
        let pairing = TaskPairing.pair(model: "m", metrics: ["judge.overall", "security.pass", "tests.pass"],
                                       baseline: baseline, candidate: candidate)
        #expect(pairing.candidateRecords == 9 && pairing.candidateErrors == 1)
        // security.pass appears nowhere: no comparison for it.
        #expect(pairing.metrics.map(\.metric) == ["judge.overall", "tests.pass"])
        let tests = pairing.metrics[1]
        #expect(tests.tasks == ["t1", "t2"])
        #expect(tests.baselineSamples == [[1, 0], [1]] && tests.candidateSamples == [[0, 1], [0, 1]])
        #expect(tests.baseline == [0.5, 1] && tests.candidate == [0.5, 0.5])
        #expect(tests.changed == ["t3", "t5"] && tests.missingInBaseline == ["t6"] && tests.missingInCandidate == ["t4"])
        let judge = pairing.metrics[0]
        #expect(judge.tasks.isEmpty && judge.missingInCandidate == ["t1"] && judge.baselineSamples.isEmpty)
    }

    @Test("Each benchmark is its own comparison: the same task id on two benchmarks is two tasks, a benchmark:metric key sets that benchmark's rule, and a benchmark only the baseline has is missing")
    func benchmarksCompareSeparately() {
        var baseline: [ResultRecord] = [], candidate: [ResultRecord] = []
        for task in 0..<12 {
            for sample in 0..<2 {
                baseline.append(Self.record("m", "t\(task)", sample))
                candidate.append(Self.record("m", "t\(task)", sample))
                baseline.append(Self.record("m", "t\(task)", sample, benchmark: "humaneval"))
                // The external benchmark regresses on every task; the built-in suite does not move.
                candidate.append(Self.record("m", "t\(task)", sample, scores: ["tests.pass": 0],
                                             benchmark: "humaneval"))
                baseline.append(Self.record("m", "e\(task)", sample, benchmark: "evalplus"))
            }
        }
        var policy = GatePolicy()
        policy.metrics = ["tests.pass": .init(margin: 0.05), "humaneval:tests.pass": .init(margin: 0.2)]
        let comparisons = GateAnalysis(policy: policy).compare(baseline: baseline, candidate: candidate, candidateComplete: true)
        #expect(comparisons.map(\.metric) == ["tests.pass", "evalplus:tests.pass", "humaneval:tests.pass"])
        let builtin = comparisons[0], evalplus = comparisons[1], humaneval = comparisons[2]
        #expect(builtin.tasks == 12 && builtin.delta == 0 && builtin.margin == 0.05 && builtin.verdict != .regression)
        #expect(humaneval.tasks == 12 && humaneval.delta == -1 && humaneval.margin == 0.2 && humaneval.verdict == .regression)
        #expect(evalplus.tasks == 0 && evalplus.missingInCandidate.count == 12 && evalplus.verdict == .inconclusive)
        #expect(policy.rules(for: "builtin").map(\.metric) == ["tests.pass"])
        #expect(GatePolicy.isJudgeMetric("humaneval:judge.overall") && !GatePolicy.isJudgeMetric("tests.pass"))
    }
}
