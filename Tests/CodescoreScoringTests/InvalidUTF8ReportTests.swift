@testable import CodescoreScoring
import CodescoreConfig
import CodescoreGate
import CodescoreReports
import CodescoreResults
import Foundation
import Testing

/// A lone 0xFF byte from a sandboxed program: decoded lossily where it is captured, and the JUnit file
/// that carries it stays valid against both schemas.
@Suite struct InvalidUTF8ReportTests {
    @Test func aLoneFFByteBecomesAReplacementCharacterAndTheJUnitStaysValid() throws {
        let tail = ExecutionScorer.tail(Data([0x6F, 0x6B, 0xFF, 0x0A, 0xC3]))
        #expect(tail == "ok\u{FFFD}\n\u{FFFD}")

        var record = ResultRecord(runID: "r", model: "m", benchmark: "builtin", task: "t", category: "backend", taskHash: "h",
                                  sample: 0, status: .ok, scores: ["tests.pass": 0], passed: false)
        record.execution = .object(["checks": .array([.object(["name": .string("c"), "outcome": .string("failed"),
                                                               "stdout_tail": .string(tail), "stderr_tail": .string("")])])])
        let flagged = MetricComparison.TaskFlag(task: "t", category: "backend", baselineMean: 1, candidateMean: 0, test: "fisher-exact",
                                                p: 0.001, pAdjusted: 0.001)
        var policy = GatePolicy()
        policy.metrics = ["tests.pass": .init(margin: 0.05)]
        var comparison = GateAnalysis(policy: policy).compare(
            baseline: [ResultRecord(runID: "b", model: "m", benchmark: "builtin", task: "t", category: "backend", taskHash: "h",
                                    sample: 0, status: .ok, scores: ["tests.pass": 1], passed: true)],
            candidate: [record], candidateComplete: true)
        comparison[0].regressedTasks = [flagged]
        let report = GateReport.make(comparisons: comparison, policy: policy,
                                     baseline: .init(path: "b", runID: nil, gitCommit: nil, createdAt: nil, complete: true, sandbox: nil,
                                                     judge: nil, records: 1),
                                     candidate: .init(path: "c", runID: nil, gitCommit: nil, createdAt: nil, complete: true,
                                                      sandbox: "bubblewrap", judge: nil, records: 1),
                                     toolVersion: "0", createdAt: "now")
        let xml = JUnitWriter.render(report: report, candidate: [record])
        #expect(xml.contains("ok\u{FFFD}"))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("codescore-ff-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/junit-schemas")
        for schema in ["jenkins-junit-10.xsd", "ant-junit.xsd"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
            process.arguments = ["--noout", "--schema", schemas.appendingPathComponent(schema).path, file.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(schema)")
        }
    }
}
