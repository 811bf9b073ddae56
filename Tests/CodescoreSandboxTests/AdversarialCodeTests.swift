import CodescoreConfig
import CodescoreSandbox
import Foundation
import Testing

/// Hostile programs run as "generated code" in the real sandbox: each is contained and classified.
@Suite struct AdversarialCodeTests {
    static let scratch = SandboxFactory.scratchFolder(name: "codescore-sandbox-tests")

    /// Runs `argv` in a fresh workspace holding `files`; returns the result and the workspace (removed by the caller).
    func run(_ argv: [String], files: [String: String] = [:], wall: Double = 10,
             configure: (inout ExecutionLimits) -> Void = { _ in }) async throws -> (ExecutionResult, Workspace) {
        let sandbox = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch)
        let workspace = try Workspace.create(under: Self.scratch)
        for (path, contents) in files { try workspace.write(path, Data(contents.utf8)) }
        workspace.handOverToSandboxUser()
        var limits = ExecutionLimits()
        configure(&limits)
        let result = await sandbox.execute(ExecutionRequest(argv: argv, workspace: workspace.root, limits: limits, wallSeconds: wall))
        return (result, workspace)
    }

    func text(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

    @Test func plantedKeyIsInvisibleThroughEnvironAndProc() async throws {
        let secret = "sk-planted-\(UUID().uuidString)"
        setenv("PLANTED_API_KEY", secret, 1)
        setenv("GITHUB_TOKEN", secret, 1)
        defer { unsetenv("PLANTED_API_KEY"); unsetenv("GITHUB_TOKEN") }
        let program = """
            import glob, os
            print(sorted(os.environ.items()))
            for path in glob.glob('/proc/*/environ'):
                try:
                    print(path, open(path, 'rb').read())
                except Exception as error:
                    print(path, 'unreadable', type(error).__name__)
            print('parent', os.getppid(), open('/proc/1/cmdline', 'rb').read())
            """
        let (result, workspace) = try await run(["python3", "leak.py"], files: ["leak.py": program])
        defer { workspace.remove() }
        #expect(result.outcome == .passed, "\(result.detail ?? "") \(text(result.stderr))")
        #expect(text(result.stdout).contains("HOME"))
        #expect(!text(result.stdout).contains(secret) && !text(result.stderr).contains(secret))
        #expect(!text(result.stdout).contains("GITHUB_TOKEN") && !text(result.stdout).contains("PLANTED_API_KEY"))
    }

    @Test func noNetworkNotEvenTheHostLoopback() async throws {
        // A listener on the host's loopback that sandboxed code must not reach.
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        listen(listener, 4)
        defer { close(listener) }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: bound.sin_port))
        let program = """
            import socket
            for host, port in [('1.1.1.1', 443), ('127.0.0.1', \(port))]:
                try:
                    socket.create_connection((host, port), timeout=2).close()
                    print('CONNECTED', host)
                except OSError as error:
                    print('blocked', host, type(error).__name__)
            """
        let (result, workspace) = try await run(["python3", "net.py"], files: ["net.py": program])
        defer { workspace.remove() }
        #expect(result.outcome == .passed, "\(result.detail ?? "") \(text(result.stderr))")
        #expect(!text(result.stdout).contains("CONNECTED"))
        #expect(text(result.stdout).components(separatedBy: "blocked").count == 3, "\(text(result.stdout))")
    }

    @Test func forkBombIsContained() async throws {
        let program = """
            import os
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
            """
        let (result, workspace) = try await run(["python3", "bomb.py"], files: ["bomb.py": program], wall: 3)
        defer { workspace.remove() }
        #expect(result.outcome == .timeout, "\(result.outcome) \(result.detail ?? "")")
    }

    @Test func daemonThatOutlivesItsParentDiesWithTheSample() async throws {
        let program = """
            import os, time
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    while True:
                        with open('heartbeat', 'a') as beat:
                            beat.write('x')
                        time.sleep(0.05)
                os._exit(0)
            time.sleep(0.3)
            print('parent done')
            """
        let (result, workspace) = try await run(["python3", "daemon.py"], files: ["daemon.py": program])
        defer { workspace.remove() }
        #expect(result.outcome == .passed, "\(result.detail ?? "")")
        let heartbeat = workspace.root.appendingPathComponent("heartbeat")
        let before = (try? Data(contentsOf: heartbeat).count) ?? 0
        try await Task.sleep(for: .milliseconds(500))
        let after = (try? Data(contentsOf: heartbeat).count) ?? 0
        #expect(before > 0)
        #expect(after == before, "the daemon kept running: \(before) → \(after) beats")
    }

    @Test func aGrandchildStillWritingWhenTheCheckExitsDoesNotMakeItATimeout() async throws {
        // The check exits 0 at once; what it left keeps the output pipe busy until it is killed. The wall is
        // far above what this takes (a loaded CI machine must not reach it), and a small output cap keeps what
        // codescore itself must read small: only a launcher that never stops reading turns this into a timeout.
        let (result, workspace) = try await run(["/bin/sh", "-c", "(yes flood & yes flood &) ; sleep 0.2; exit 0"], wall: 60) {
            $0.outputKiB = 16
        }
        defer { workspace.remove() }
        #expect(result.outcome == .passed, "\(result.outcome) \(result.detail ?? "")")
    }

    @Test func ignoringSIGTERMDoesNotOutliveTheWallClock() async throws {
        let program = """
            import signal
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            while True:
                pass
            """
        let (result, workspace) = try await run(["python3", "spin.py"], files: ["spin.py": program], wall: 2)
        defer { workspace.remove() }
        #expect(result.outcome == .timeout)
    }

    @Test(arguments: [
        ("python3", "big.py", "x = bytearray(8 * 1024 ** 3)\nprint(len(x))\n"),
        ("node", "big.js", "const keep = []; for (let i = 0; i < 8; i++) keep.push(new Uint8Array(1024 ** 3).fill(1));\n"),
        ("node", "heap.js", "const keep = []; while (true) keep.push(new Array(1e6).fill(Math.random()));\n"),
    ])
    func allocatingEightGiBHitsTheMemoryLimit(runtime: String, file: String, program: String) async throws {
        let (result, workspace) = try await run([runtime, file], files: [file: program], wall: 20)
        defer { workspace.remove() }
        #expect(result.outcome == .memoryLimit, "\(file): \(result.outcome) \(result.detail ?? "") \(text(result.stderr).suffix(300))")
    }

    @Test func twoGigabytesOnStdoutAreDrainedNotKept() async throws {
        let program = """
            import sys
            chunk = b'y' * (1 << 20)
            for _ in range(2048):
                sys.stdout.buffer.write(chunk)
            """
        let (result, workspace) = try await run(["python3", "flood.py"], files: ["flood.py": program], wall: 60)
        defer { workspace.remove() }
        #expect(result.outcome == .passed, "\(result.outcome) \(result.detail ?? "")")
        #expect(result.stdout.count == 1 << 20)
        #expect(result.stdoutBytes == 2048 << 20)
    }

    @Test func writingOutsideTheWorkspaceFails() async throws {
        let program = """
            for target in ['../../outside', '/outside', '/usr/outside', '/etc/outside']:
                try:
                    open(target, 'w').write('x')
                    print('WROTE', target)
                except OSError as error:
                    print('refused', target, type(error).__name__)
            """
        let (result, workspace) = try await run(["python3", "escape.py"], files: ["escape.py": program])
        defer { workspace.remove() }
        #expect(!FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent("../../outside").standardizedFileURL.path))
        #expect(!FileManager.default.fileExists(atPath: "/outside"))
        #expect(result.outcome == .passed)
        // Inside, ../../outside from /work is /outside on the sandbox's own root, which it cannot write either.
        #expect(!text(result.stdout).contains("WROTE"), "\(text(result.stdout))")
    }

    @Test func modelChosenPathsAreConfinedToTheWorkspace() throws {
        let workspace = try Workspace.create(under: Self.scratch)
        defer { workspace.remove() }
        for path in ["../../.git/hooks/pre-commit", "/etc/passwd", "a/../../b", "a\\b", ""] {
            #expect(throws: WorkspaceError.unsafePath(path)) { try workspace.write(path, Data("x".utf8)) }
        }
        // A symlink planted in the workspace is never followed, for writing or for reading back.
        try FileManager.default.createSymbolicLink(atPath: workspace.root.appendingPathComponent("link").path, withDestinationPath: "/etc")
        #expect(throws: WorkspaceError.symlinkInPath("link/passwd")) { try workspace.write("link/passwd", Data("x".utf8)) }
        try FileManager.default.createSymbolicLink(atPath: workspace.root.appendingPathComponent("junit.xml").path,
                                                   withDestinationPath: "/etc/hostname")
        #expect(workspace.readUntrustedFile("junit.xml", limit: 1 << 20) == nil)
        #expect(workspace.readUntrustedFile("link/hostname", limit: 1 << 20) == nil)
        try workspace.write("sub/ok.txt", Data("fine".utf8))
        #expect(workspace.readUntrustedFile("sub/ok.txt", limit: 1 << 20) == Data("fine".utf8))
    }

    @Test func commandsThatCannotStartAreSandboxErrorsNotFailures() async throws {
        let (result, workspace) = try await run(["no-such-runtime-xyz"])
        defer { workspace.remove() }
        #expect(result.outcome == .sandboxError)
        #expect(result.detail?.contains("could not start the command") == true)
    }

    @Test func withoutBubblewrapTheSandboxIsRefusedWithTheFix() async throws {
        await #expect {
            _ = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch, environment: ["PATH": "/nonexistent"])
        } throws: { error in
            let text = "\(error)"
            return text.contains("apt-get install bubblewrap") && text.contains("apparmor_restrict_unprivileged_userns")
        }
    }

    @Test func aLauncherInsideAFolderNobodyCanEnterStillWorks() async throws {
        // A clean clone in a mktemp folder: 0700, owned by whoever runs the tests.
        let hidden = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("codescore-hidden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: hidden, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: hidden) }
        let launcher = hidden.appendingPathComponent("codescore-sandbox-exec")
        try FileManager.default.copyItem(atPath: SandboxFactory.launcherPath(), toPath: launcher.path)
        var environment = ProcessInfo.processInfo.environment
        environment["CODESCORE_SANDBOX_EXEC"] = launcher.path
        let sandbox = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch, environment: environment)
        let workspace = try Workspace.create(under: Self.scratch)
        defer { workspace.remove() }
        workspace.handOverToSandboxUser()
        let result = await sandbox.execute(ExecutionRequest(argv: ["/bin/echo", "reached"], workspace: workspace.root))
        #expect(result.outcome == .passed, "\(result.detail ?? "")")
        #expect(text(result.stdout) == "reached\n")
    }
}
