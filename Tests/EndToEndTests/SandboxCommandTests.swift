import Foundation
import Testing

/// `codescore sandbox`: which form of the sandbox ran, in its summary line, and the JSON lines of --repeat.
@Suite struct SandboxCommandTests {
    @Test func theSummarySaysWhetherCommandsShareALongLivedSandbox() async throws {
        let reused = try await codescore(["sandbox", "--", "/bin/true"])
        #expect(reused.status == 0, "\(reused.stderr)")
        #expect(reused.stderr.contains("sandbox bubblewrap, one long-lived sandbox per job slot: passed"), "\(reused.stderr)")
        #expect(!reused.stderr.contains("note: sandbox"), "\(reused.stderr)")

        let oneShot = try await codescore(["sandbox", "--", "/bin/sh", "-c", "exit 3"], environment: ["CODESCORE_SANDBOX_REUSE": "0"])
        #expect(oneShot.status == 1)
        #expect(oneShot.stderr.contains("sandbox bubblewrap, one per command (CODESCORE_SANDBOX_REUSE=0): failed (exit status 3)"),
                "\(oneShot.stderr)")
        // Asked for, so no note: the note is for a fallback the user did not choose.
        #expect(!oneShot.stderr.contains("note: sandbox"), "\(oneShot.stderr)")
    }

    @Test(arguments: ["/tmp", "/", "/tmp/"])
    func copyingFromAFolderThatHoldsTheScratchFolderIsRefused(source: String) async throws {
        let result = try await codescore(["sandbox", "--copy-from", source, "--", "/bin/true"], environment: ["TMPDIR": "/tmp"])
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("contains codescore's scratch folder"), "\(result.stderr)")
    }

    @Test func withoutASandboxItExits2AndLeavesNoScratchFolder() async throws {
        let temporary = try TemporaryFolder()
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: temporary.url.path)
        let result = try await codescore(["sandbox", "--", "/bin/true"], environment: ["TMPDIR": temporary.url.path, "PATH": "/nonexistent"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("bwrap (bubblewrap) is not on PATH"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.url.path) == [])
    }

    @Test func repeatWithJSONPrintsOneLinePerRun() async throws {
        let result = try await codescore(["sandbox", "--json", "--repeat", "3", "--", "/bin/echo", "hi"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0["sandbox"] as? String == "bubblewrap" && $0["outcome"] as? String == "passed" })
    }
}
