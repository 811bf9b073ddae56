import Foundation
import Testing

/// Every writer's output on a fixed run, compared with checked-in golden files. To re-record after an
/// intended change: CODESCORE_RECORD_GOLDEN=1 swift test --filter GoldenReportTests, then review the diff.
@Suite(.serialized)
struct GoldenReportTests {
    static let fixture = repositoryRoot.appendingPathComponent("Tests/Fixtures/report-golden")
    static let files = ["junit.xml", "summary.md", "results.csv", "results.jsonl", "codequality.json"]

    /// The parts that depend on when and where the report was written.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(of: #"timestamp="[^"]*""#, with: #"timestamp="T""#, options: .regularExpression)
            .replacingOccurrences(of: #"hostname="[^"]*""#, with: #"hostname="H""#, options: .regularExpression)
    }

    @Test func everyWriterMatchesItsGoldenFile() async throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(at: folder.file("run"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("run/results.jsonl"), to: folder.file("run/results.jsonl"))
        let result = try await codescore([
            "gate", "--baseline", Self.fixture.appendingPathComponent("baseline.jsonl").path, "--results", folder.file("run").path,
            "--junit", folder.file("junit.xml").path, "--markdown", folder.file("summary.md").path,
            "--csv", folder.file("results.csv").path, "--jsonl", folder.file("results.jsonl").path,
            "--codequality", folder.file("codequality.json").path,
        ])
        // A sixth of the candidate's samples failed (testing-f): over the 10% budget, an incomplete run.
        #expect(result.status == 2, "\(result.stderr)")
        let record = ProcessInfo.processInfo.environment["CODESCORE_RECORD_GOLDEN"] == "1"
        for name in Self.files {
            let produced = Self.normalized(try String(contentsOf: folder.file(name), encoding: .utf8))
            let golden = Self.fixture.appendingPathComponent("expected/\(name)")
            if record {
                try produced.write(to: golden, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: golden, encoding: .utf8)
            #expect(produced == expected, "\(name) differs from Tests/Fixtures/report-golden/expected/\(name); re-record with CODESCORE_RECORD_GOLDEN=1 if intended")
        }
    }
}
