import Foundation
import Testing

/// A killed run resumes: nothing finished is requested again, no record is lost or duplicated.
@Suite(.serialized)
struct ResumeTests {
    @Test(arguments: [SIGKILL, SIGINT])
    func interruptedRunResumesWithExactlyOneRecordPerSample(signal: Int32) async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/slow.json", fixtureModel(name: "slow", baseURL: server.baseURL("latency=500"), samples: 10, concurrency: 2))
        let arguments = ["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                         "--cache-dir", folder.file("cache").path]
        let results = folder.file("out/results.jsonl")

        let process = Process()
        process.executableURL = codescoreBinary
        process.arguments = pinningTasks(arguments)
        process.currentDirectoryURL = repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait until some, but not all, of the 30 samples are written (at most a minute). The polling blocks
        // this thread on purpose: an async sleep could be starved by CPU-bound suites running alongside
        // until the whole run is over.
        var written = 0
        let deadline = Date().addingTimeInterval(60)
        while written < 6 && Date() < deadline {
            usleep(20_000)
            written = ((try? String(contentsOf: results, encoding: .utf8)) ?? "").split(separator: "\n").count
        }
        kill(process.processIdentifier, signal)
        await waitForExit(process)
        if signal == SIGINT {
            // An orderly stop: exit 130 and the manifest says what happened.
            #expect(process.terminationStatus == 130)
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any]
            #expect(manifest?["status"] as? String == "interrupted")
            #expect(manifest?["finished_at"] is String)
        }
        let before = try readRecords(results)
        #expect(before.count >= 6 && before.count < 30, "killed after \(before.count) records")
        let requestsBefore = try await server.requestCount()

        let rerun = try await codescore(arguments)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let after = try readRecords(results)
        #expect(after.count == 30)
        #expect(Set(after.map(\.key)).count == 30)
        #expect(after.allSatisfy { $0.status == "ok" })
        // Finished samples were not requested again (in-flight ones at the kill may be, at most 2).
        let newRequests = try await server.requestCount() - requestsBefore
        #expect(newRequests <= 30 - before.count + 2 && newRequests >= 30 - before.count - 2, "\(newRequests) new requests")
        #expect(rerun.stderr.contains("kept from the earlier run"))
    }

    @Test func tornLastLineIsDroppedAndRedone() async throws {
        let folder = try TemporaryFolder()
        let first = try await codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(first.status == 0, "\(first.stderr)")
        let url = folder.file("out/results.jsonl")
        var text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n")
        // Simulate a write cut short: the last record loses its end and newline.
        text = lines.dropLast().joined(separator: "\n") + "\n" + String(lines.last!.prefix(40))
        try text.write(to: url, atomically: true, encoding: .utf8)
        let second = try await codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(second.status == 0, "\(second.stderr)")
        let records = try readRecords(url)
        #expect(records.count == 9 && Set(records.map(\.key)).count == 9)
    }

    @Test func malformedResultsFileIsRejectedAndLeftIntact() async throws {
        let folder = try TemporaryFolder()
        _ = try await codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        let url = folder.file("out/results.jsonl")
        var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        lines[3] = "{\"schema_version\": 1, \"model\": 42}"
        let broken = lines.joined(separator: "\n") + "\n"
        try broken.write(to: url, atomically: true, encoding: .utf8)
        let result = try await codescore(["run", "--models", "reference", "--out", folder.file("out").path, "--no-cache"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("results.jsonl:4"), "\(result.stderr)")
        #expect(try String(contentsOf: url, encoding: .utf8) == broken)
    }

    @Test func resumingWithAChangedModelConfigurationIsRefused() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/m.json", fixtureModel(name: "m", baseURL: server.baseURL("latency=0"), samples: 1))
        let arguments = ["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                         "--cache-dir", folder.file("cache").path, "--quiet"]
        let first = try await codescore(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try String(contentsOf: folder.file("out/results.jsonl"), encoding: .utf8)

        // Same name, another temperature: its samples must not be mixed with the earlier ones.
        try folder.write("models/m.json", fixtureModel(name: "m", baseURL: server.baseURL("latency=0"), samples: 1)
            .replacingOccurrences(of: "\"temperature\": 0.5", with: "\"temperature\": 0.9"))
        let second = try await codescore(arguments)
        #expect(second.status == 64)
        #expect(second.stderr.contains("run.json: model 'm' was run with a different configuration"), "\(second.stderr)")
        #expect(try String(contentsOf: folder.file("out/results.jsonl"), encoding: .utf8) == before)

        // A fresh folder is fine.
        let third = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out2").path,
                                   "--cache-dir", folder.file("cache").path, "--quiet"])
        #expect(third.status == 0, "\(third.stderr)")
    }

    @Test func aRunInWhichEverySampleFailedIsIncompleteWhateverTheBudget() async throws {
        let server = try FixtureServer()
        let folder = try TemporaryFolder()
        try folder.write("models/broken.json", fixtureModel(name: "broken", baseURL: server.baseURL("status=400"), samples: 1))
        let result = try await codescore(["run", "--models-dir", folder.file("models").path, "--out", folder.file("out").path,
                                    "--no-cache", "--max-errors", "100%", "--quiet"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("every one of the 3 samples failed"), "\(result.stderr)")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.file("out/run.json"))) as? [String: Any]
        #expect(manifest?["status"] as? String == "incomplete")
    }
}
