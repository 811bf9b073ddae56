import Foundation
import Testing

/// A killed run resumes: nothing finished is requested again, no record is lost or duplicated.
@Suite(.serialized)
struct ResumeTests {
    @Test(arguments: [SIGKILL, SIGINT])
    func interruptedRunResumesWithExactlyOneRecordPerSample(signal: Int32) async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/slow.json", fixtureModel(name: "slow", baseURL: server.baseURL("latency=150"), samples: 10, concurrency: 2))
        let arguments = ["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                         "--cache-dir", folder.file("cache").path]
        let results = folder.file("out/results.jsonl")

        let process = Process()
        process.executableURL = codescoreBinary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some, but not all, of the 30 samples are written.
        var written = 0
        for _ in 0..<300 where written < 6 {
            try await Task.sleep(for: .milliseconds(50))
            written = ((try? String(contentsOf: results, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let before = try readRecords(results)
        #expect(before.count >= 6 && before.count < 30, "killed after \(before.count) records")
        let requestsBefore = try server.requestCount()

        let rerun = try codescore(arguments)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let after = try readRecords(results)
        #expect(after.count == 30)
        #expect(Set(after.map(\.key)).count == 30)
        #expect(after.allSatisfy { $0.status == "ok" })
        // Finished samples were not requested again (in-flight ones at the kill may be, at most 2).
        let newRequests = try server.requestCount() - requestsBefore
        #expect(newRequests <= 30 - before.count + 2 && newRequests >= 30 - before.count - 2, "\(newRequests) new requests")
        #expect(rerun.stderr.contains("kept from the earlier run"))
    }

    @Test func tornLastLineIsDroppedAndRedone() throws {
        let folder = try TemporaryFolder()
        let first = try codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(first.status == 0, "\(first.stderr)")
        let url = folder.file("out/results.jsonl")
        var text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        // Simulate a write cut short: the last record loses its end and newline.
        text = lines.dropLast().joined(separator: "\n") + "\n" + String(lines.last!.prefix(40))
        try text.write(to: url, atomically: true, encoding: .utf8)
        let second = try codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(second.status == 0, "\(second.stderr)")
        let records = try readRecords(url)
        #expect(records.count == 9 && Set(records.map(\.key)).count == 9)
    }

    @Test func malformedResultsFileIsRejectedAndLeftIntact() throws {
        let folder = try TemporaryFolder()
        _ = try codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        let url = folder.file("out/results.jsonl")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[3] = "{\"schema_version\": 1, \"model\": 42}"
        let broken = lines.joined(separator: "\n") + "\n"
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let result = try codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("results.jsonl:4"), "\(result.stderr)")
        #expect(try String(contentsOf: url, encoding: .utf8) == broken)
    }
}
