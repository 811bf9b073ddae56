import CodescoreSandbox
import Foundation
import Testing

/// codescore-sandbox-exec on its own, outside bubblewrap: its command line, the frame format and status
/// fields codescore decodes, the limits the child gets, and the --drop-to mode used in front of bubblewrap.
@Suite struct LauncherTests {
    struct Finished {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    struct Frame: Equatable {
        var tag: Character
        var payload: Data
    }

    static let launcher = SandboxFactory.launcherPath()

    /// `input`: what the launcher reads on stdin (else /dev/null); it fits in the pipe's buffer.
    func launch(_ arguments: [String], executable: String = launcher, input: Data? = nil) throws -> Finished {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        // The tests' outputs are small: stderr fits in its pipe while stdout is read to the end.
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Finished(status: process.terminationStatus, stdout: stdout, stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Splits the stream strictly: tag, 4-byte big-endian length, payload; nil when bytes are left over.
    func frames(_ data: Data) -> [Frame]? {
        let bytes = [UInt8](data)
        var frames: [Frame] = []
        var index = 0
        while index < bytes.count {
            guard index + 5 <= bytes.count else { return nil }
            let length = bytes[(index + 1)..<(index + 5)].reduce(0) { $0 << 8 | Int($1) }
            guard index + 5 + length <= bytes.count else { return nil }
            frames.append(Frame(tag: Character(UnicodeScalar(bytes[index])), payload: Data(bytes[(index + 5)..<(index + 5 + length)])))
            index += 5 + length
        }
        return frames
    }

    /// The status frame's fields in the order written.
    func fields(_ frame: Frame?) -> [(name: String, value: Int)] {
        guard let frame, frame.tag == "S" else { return [] }
        let text = String(decoding: frame.payload, as: UTF8.self)
        #expect(text.hasPrefix("{") && text.hasSuffix("}") && !text.contains(" "), "\(text)")
        return text.dropFirst().dropLast().split(separator: ",").map { field in
            let parts = field.split(separator: ":")
            return (String(parts[0].dropFirst().dropLast()), Int(parts[1]) ?? Int.min)
        }
    }

    func text(_ frames: [Frame], _ tag: Character) -> String {
        String(decoding: frames.filter { $0.tag == tag }.reduce(Data()) { $0 + $1.payload }, as: UTF8.self)
    }

    @Test(arguments: [
        [], ["--"], ["--cpu"], ["--cpu", "x", "--", "/bin/true"], ["--bogus", "1", "--", "/bin/true"],
        ["--output-cap", "-1", "--", "/bin/true"], ["--data", "18446744073709551616", "--", "/bin/true"], ["/bin/true"],
        ["--drop-to", "65534", "--exec", "--", "/bin/true"], ["--drop-to", "a:b", "--exec", "--", "/bin/true"],
        ["--drop-to", "65534:65534", "--", "/bin/true"], ["--drop-to", "65534:65534", "--exec", "--"],
        ["--drop-to", "4294967295:0", "--exec", "--", "/bin/true"],
    ])
    func usageMistakesExitWith64AndRunNothing(arguments: [String]) throws {
        let finished = try launch(arguments)
        #expect(finished.status == 64)
        #expect(finished.stdout.isEmpty)
        #expect(finished.stderr.hasPrefix("usage: codescore-sandbox-exec "), "\(finished.stderr)")
    }

    @Test func framesCarryTheOutputThenOneStatusWithItsFieldsInOrder() throws {
        let finished = try launch(["--", "/bin/sh", "-c", "printf abc; printf de >&2; exit 7"])
        #expect(finished.status == 0)
        let decoded = try #require(frames(finished.stdout))
        #expect(text(decoded, "O") == "abc")
        #expect(text(decoded, "E") == "de")
        #expect(decoded.filter { $0.tag == "S" }.count == 1 && decoded.last?.tag == "S")
        #expect(decoded.allSatisfy { "OES".contains($0.tag) })
        let status = fields(decoded.last)
        #expect(status.map(\.name) == ["exit_code", "max_rss_kib", "user_ms", "system_ms", "stdout_bytes", "stderr_bytes"])
        #expect(status.first?.value == 7)
        #expect(status.suffix(2).map(\.value) == [3, 2])
        // codescore's decoder reads the same stream.
        var output = LauncherOutput(cap: 1 << 20)
        output.append(finished.stdout)
        #expect(!output.malformed && output.status?["exit_code"] == 7 && output.stdout == Data("abc".utf8))
    }

    @Test func theChildGetsTheLimitsNoCoreDumpsAndStdinFromDevNull() throws {
        let script = "ulimit -St; ulimit -Ht; ulimit -Sc; ulimit -Hc; ulimit -n; readlink /proc/self/fd/0"
        let finished = try launch(["--cpu", "5", "--nofile", "100", "--", "/bin/sh", "-c", script])
        let decoded = try #require(frames(finished.stdout))
        // CPU: the hard limit is a second above the soft one (SIGXCPU first, SIGKILL later).
        #expect(text(decoded, "O") == "5\n6\n0\n0\n100\n/dev/null\n")
        let status = fields(decoded.last)
        #expect(status.map(\.name) == ["exit_code", "max_rss_kib", "user_ms", "system_ms", "cpu_limit_reached", "stdout_bytes", "stderr_bytes"])
        #expect(status.first(where: { $0.name == "cpu_limit_reached" })?.value == 0)
    }

    @Test func outputBeyondTheCapIsCountedNotForwarded() throws {
        let finished = try launch(["--output-cap", "4", "--", "/bin/sh", "-c", "printf 0123456789; printf abcdefgh >&2"])
        let decoded = try #require(frames(finished.stdout))
        #expect(text(decoded, "O") == "0123")
        #expect(text(decoded, "E") == "abcd")
        #expect(fields(decoded.last).suffix(2).map(\.value) == [10, 8])
    }

    @Test func aProgramThatCannotStartIsAnExecErrorWithItsErrno() throws {
        let finished = try launch(["--", "/nonexistent/program"])
        let decoded = try #require(frames(finished.stdout))
        #expect(decoded.map(\.tag) == ["S"])
        let status = fields(decoded.last)
        #expect(status.first?.name == "exec_error" && status.first?.value == Int(ENOENT))
        #expect(status.map(\.name).dropFirst() == ["max_rss_kib", "user_ms", "system_ms", "stdout_bytes", "stderr_bytes"])
    }

    @Test func aChildKilledByASignalReportsTheSignal() throws {
        let finished = try launch(["--", "/bin/sh", "-c", "kill -SEGV $$"])
        let status = fields(try #require(frames(finished.stdout)).last)
        #expect(status.first?.name == "signal" && status.first?.value == Int(SIGSEGV))
    }

    @Test(.enabled(if: geteuid() == 0, "dropping to nobody needs root"))
    func dropToRunsTheProgramAsThatUserWithoutGroupsOrCapabilities() throws {
        let finished = try launch(["--drop-to", "65534:65534", "--exec", "--", "/bin/sh", "-c", "cat /proc/self/status"])
        #expect(finished.status == 0, "\(finished.stderr)")
        let lines = String(decoding: finished.stdout, as: UTF8.self).split(separator: "\n")
        func line(_ name: String) -> String? {
            lines.first { $0.hasPrefix(name + ":") }.map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        #expect(line("Uid") == "65534\t65534\t65534\t65534")
        #expect(line("Gid") == "65534\t65534\t65534\t65534")
        #expect(line("Groups") == "")
        for capabilities in ["CapPrm", "CapEff", "CapAmb"] { #expect(line(capabilities) == "0000000000000000") }
    }

    @Test(.enabled(if: geteuid() == 0, "a missing program is only reached once root was dropped"))
    func dropToAMissingProgramExits127() throws {
        let finished = try launch(["--drop-to", "65534:65534", "--exec", "--", "/nonexistent/program"])
        #expect(finished.status == 127)
        #expect(finished.stderr.contains("cannot run /nonexistent/program"), "\(finished.stderr)")
    }

    /// A request frame as the serving launcher reads it: 'R', length, NUL-terminated arguments.
    func requestFrame(_ arguments: [String]) -> Data {
        let payload = arguments.reduce(Data()) { $0 + Data($1.utf8) + Data([0]) }
        let length = UInt32(payload.count)
        return Data([UInt8(ascii: "R"), UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff),
                     UInt8(length & 0xff)]) + payload
    }

    /// Requests the server refuses are answered (acknowledged, a launch error, done) without running anything,
    /// and the server goes on; outside bubblewrap these never reach the namespace set-up.
    @Test func theServerAnswersARequestItRefusesAndKeepsServing() throws {
        let refused = [["--", "/bin/true"], ["--workspace", "ws", "--"], ["--workspace", "ws", "--chdir", "relative", "--", "/bin/true"],
                       ["--workspace", "ws", "--setenv", "NOEQUALS", "--", "/bin/true"], ["--workspace", "ws", "--bogus", "1", "--", "/bin/true"]]
        let finished = try launch(["--serve"], input: refused.reduce(Data()) { $0 + requestFrame($1) })
        #expect(finished.status == 0, "\(finished.stderr)")
        let decoded = try #require(frames(finished.stdout))
        #expect(decoded.map(\.tag) == Array(repeating: ["A", "S", "D"], count: refused.count).flatMap { $0 })
        for status in decoded.filter({ $0.tag == "S" }) {
            #expect(fields(status).map(\.name) == ["launch_error"] && fields(status).first?.value == Int(EINVAL))
        }
        var output = LauncherOutput(cap: 1 << 20)
        output.append(decoded.prefix(3).reduce(Data()) { $0 + Data([UInt8($1.tag.asciiValue!)]) + Data([0, 0, 0, UInt8($1.payload.count)]) + $1.payload })
        #expect(output.acknowledged && output.status?["launch_error"] == Int(EINVAL) && output.done != nil && !output.malformed)
    }

    @Test(arguments: [Data("X\u{0}\u{0}\u{0}\u{1}a".utf8), Data("R\u{0}\u{0}\u{0}\u{2}ab".utf8), Data("R\u{0}\u{0}".utf8)])
    func aStreamTheServerCannotReadEndsItWith65(input: Data) throws {
        let finished = try launch(["--serve"], input: input)
        #expect(finished.status == 65)
        #expect(finished.stdout.isEmpty)
    }

    @Test func dropToRefusesWithoutThePrivilegeToDropAndRunsNothing() throws {
        // Without root (or once dropped to nobody) setgroups fails: exit 126, and the program never starts.
        let folder = SandboxFactory.scratchFolder(name: "codescore-launcher-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o711])
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("codescore-sandbox-exec").path
        try FileManager.default.copyItem(atPath: Self.launcher, toPath: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy)
        let attempt = ["--drop-to", "0:0", "--exec", "--", "/bin/sh", "-c", "echo ran"]
        let finished = try launch(geteuid() == 0 ? ["--drop-to", "65534:65534", "--exec", "--", copy] + attempt : attempt, executable: copy)
        #expect(finished.status == 126)
        #expect(finished.stdout.isEmpty)
        #expect(finished.stderr.hasPrefix("codescore-sandbox-exec: cannot drop to uid 0 gid 0: setgroups: "), "\(finished.stderr)")
    }
}
