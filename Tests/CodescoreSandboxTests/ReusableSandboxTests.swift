import CodescoreConfig
@testable import CodescoreSandbox
import Foundation
import Testing

/// The reusable bubblewrap sandbox: commands run one after another in one long-lived sandbox, and nothing
/// one command leaves (files in /tmp or /dev/shm, processes, SysV IPC, sockets, its workspace) reaches the next.
@Suite struct ReusableSandboxTests {
    static let scratch = SandboxFactory.scratchFolder(name: "codescore-reuse-tests")

    func makeSandbox() async throws -> ReusableBubblewrapSandbox {
        let sandbox = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch)
        return try #require(sandbox as? ReusableBubblewrapSandbox, "the factory chose \(type(of: sandbox))")
    }

    func run(_ sandbox: any Sandbox, _ script: String, wall: Double = 10,
             readOnlyMounts: [ExecutionRequest.ReadOnlyMount] = []) async throws -> (ExecutionResult, String) {
        let workspace = try Workspace.create(under: Self.scratch)
        defer { workspace.remove() }
        try workspace.write("probe.sh", Data(script.utf8))
        workspace.handOverToSandboxUser()
        let result = await sandbox.execute(ExecutionRequest(argv: ["/bin/sh", "probe.sh"], workspace: workspace.root,
                                                            wallSeconds: wall, readOnlyMounts: readOnlyMounts))
        return (result, String(decoding: result.stdout, as: UTF8.self))
    }

    /// `name=value` lines of a probe's output.
    func facts(_ output: String) -> [String: String] {
        var facts: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { facts[String(parts[0])] = String(parts[1]) }
        }
        return facts
    }

    static let namespaces = """
        for ns in net uts user mnt pid ipc; do echo "$ns=$(readlink /proc/self/ns/$ns)"; done
        """

    @Test func theNextCommandFindsNothingTheLastOneLeft() async throws {
        let sandbox = try await makeSandbox()
        let (first, firstOutput) = try await run(sandbox, Self.namespaces + """

            echo left > /tmp/left-in-tmp && echo tmp=written
            echo left > /dev/shm/left-in-shm && echo shm=written
            ipcmk -M 4096 >/dev/null && ipcmk -Q >/dev/null && echo ipc=$(ipcs -m -q | grep -c 0x)
            python3 -c '
            import socket
            server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen()
            client = socket.create_connection(server.getsockname()); accepted, _ = server.accept()
            accepted.close(); client.close()
            print("socket=closed")
            '
            setsid sh -c 'sleep 60' </dev/null >/dev/null 2>&1 &
            echo workspace=$(pwd)
            """)
        #expect(first.outcome == .passed, "\(first.detail ?? "") \(String(decoding: first.stderr, as: UTF8.self))")
        let before = facts(firstOutput)
        #expect(before["tmp"] == "written" && before["shm"] == "written" && before["ipc"] == "2" && before["socket"] == "closed",
                "\(firstOutput)")

        let (second, secondOutput) = try await run(sandbox, Self.namespaces + """

            echo tmp=$(ls -A /tmp | wc -l)
            echo shm=$(ls -A /dev/shm | wc -l)
            echo ipc=$(ipcs -m -q | grep -c 0x)
            echo processes=$(ls /proc | grep -c '^[0-9]')
            echo sockets=$(tail -n +2 /proc/net/tcp | wc -l)
            # One line per process; the pattern does not match the grep's own command line.
            echo sleepers=$(for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f 2>/dev/null; echo; done | grep -c 'sleep 6[0]')
            ls /.codescore/pool >/dev/null 2>&1 && echo pool=listed || echo pool=hidden
            echo workspace=$(ls -A /work)
            """)
        #expect(second.outcome == .passed, "\(second.detail ?? "") \(String(decoding: second.stderr, as: UTF8.self))")
        let after = facts(secondOutput)
        // The same long-lived sandbox: its UTS namespace, alive throughout, so the same inode is the same
        // namespace. (The per-check namespaces are shown fresh by what follows, not by inode numbers: the first
        // check's are gone before the second's exist, and the kernel may give a new one the same number.)
        #expect(after["uts"] == before["uts"], "not reused: \(firstOutput) / \(secondOutput)")
        // The first one's connection (in TIME_WAIT for a minute) is not in this one's network namespace.
        #expect(after["tmp"] == "0" && after["shm"] == "0" && after["ipc"] == "0" && after["sockets"] == "0", "\(secondOutput)")
        // Only the shell, its command substitutions and pipelines: no sleeper from the first command.
        #expect(after["sleepers"] == "0", "\(secondOutput)")
        #expect(after["pool"] == "hidden" && after["workspace"] == "probe.sh", "\(secondOutput)")
    }

    @Test func commandsHoldNoCapabilityAndCannotWriteTheSystem() async throws {
        let sandbox = try await makeSandbox()
        let (result, output) = try await run(sandbox, """
            grep -E '^(Cap|NoNewPrivs)' /proc/self/status | tr -d ':\\t ' | sed 's/^\\([A-Za-z]*\\)/\\1=/'
            echo uid=$(id -u)
            touch /dev/planted 2>/dev/null && echo dev=writable || echo dev=read-only
            echo x > /dev/null && echo null=writable
            touch /usr/planted 2>/dev/null && echo usr=writable || echo usr=read-only
            mount -t tmpfs none /work 2>/dev/null && echo mount=allowed || echo mount=refused
            echo proc=$(cat /proc/1/cmdline | tr '\\0' ' ')
            """)
        #expect(result.outcome == .passed, "\(result.detail ?? "")")
        let seen = facts(output)
        for set in ["CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"] {
            #expect(seen[set] == "0000000000000000", "\(set): \(output)")
        }
        #expect(seen["NoNewPrivs"] == "1" && seen["uid"] == "65534", "\(output)")
        #expect(seen["dev"] == "read-only" && seen["null"] == "writable" && seen["usr"] == "read-only", "\(output)")
        #expect(seen["mount"] == "refused", "\(output)")
        // PID 1 of the command's own PID namespace is the launcher, not anything of the host.
        #expect(seen["proc"]?.hasPrefix("/.codescore/exec") == true, "\(output)")
    }

    /// What namespaces do not separate is refused by the launcher's seccomp filter, with and without reuse.
    @Test(arguments: ["1", "0"]) func keyringsAndOtherProcessesLimitsAreRefusedButLoopbackWorks(reuse: String) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["CODESCORE_SANDBOX_REUSE"] = reuse
        let sandbox = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch, environment: environment)
        #expect((sandbox is ReusableBubblewrapSandbox) == (reuse == "1"))
        let (result, output) = try await run(sandbox, """
            python3 -c '
            import ctypes, os, resource, socket
            libc = ctypes.CDLL(None, use_errno=True)
            def outcome(result):
                return "allowed" if result >= 0 else os.strerror(ctypes.get_errno())
            print("add_key=" + outcome(libc.syscall(248, b"user", b"codescore-key", b"secret", 6, -4)))
            print("keyctl=" + outcome(libc.syscall(250, 0, -3, 0)))
            try:
                resource.prlimit(1, resource.RLIMIT_CPU, (0, 0)); print("prlimit_pid1=allowed")
            except OSError as error:
                print("prlimit_pid1=" + error.strerror)
            resource.setrlimit(resource.RLIMIT_NOFILE, (100, 100))
            print("own_limit=%d" % resource.getrlimit(resource.RLIMIT_NOFILE)[0])
            server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen()
            socket.create_connection(server.getsockname()).sendall(b"x")
            print("loopback=" + server.accept()[0].recv(1).decode())
            '
            """)
        #expect(result.outcome == .passed, "\(result.detail ?? "") \(String(decoding: result.stderr, as: UTF8.self))")
        let seen = facts(output)
        #expect(seen["add_key"] == "Operation not permitted" && seen["keyctl"] == "Operation not permitted", "\(output)")
        #expect(seen["prlimit_pid1"] == "Operation not permitted", "\(output)")
        #expect(seen["own_limit"] == "100" && seen["loopback"] == "x", "\(output)")
    }

    @Test func aTimeoutKillsTheCommandAndTheNextOneStillRuns() async throws {
        let sandbox = try await makeSandbox()
        let (before, _) = try await run(sandbox, Self.namespaces)
        #expect(before.outcome == .passed)
        let (hung, _) = try await run(sandbox, "trap '' TERM; sleep 30", wall: 0.5)
        #expect(hung.outcome == .timeout, "\(hung.outcome) \(hung.detail ?? "")")
        // The next command still runs (the killed server is dropped, or found dead and replaced).
        let (after, afterOutput) = try await run(sandbox, Self.namespaces)
        #expect(after.outcome == .passed, "\(after.detail ?? "")")
        #expect(facts(afterOutput)["uts"] != nil)
    }

    @Test func commandsAtOnceGetSandboxesOfTheirOwn() async throws {
        let sandbox = try await makeSandbox()
        // Each holds its sandbox until all have started, so none can be served by another's.
        let outputs = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<3 {
                group.addTask {
                    let (result, output) = try await self.run(sandbox, Self.namespaces + "\necho index=\(index)\nsleep 0.5")
                    #expect(result.outcome == .passed, "\(result.detail ?? "")")
                    return output
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(outputs.compactMap { facts($0)["index"] }) == ["0", "1", "2"])
        #expect(Set(outputs.compactMap { facts($0)["uts"] }).count == 3, "\(outputs)")
    }

    @Test func requestsAServerCannotTakeRunInABubblewrapOfTheirOwn() async throws {
        let sandbox = try await makeSandbox()
        let shared = try Workspace.create(under: Self.scratch)
        defer { shared.remove() }
        try shared.write("data.txt", Data("read-only data\n".utf8))
        shared.handOverToSandboxUser()
        let (result, output) = try await run(sandbox, "cat /data/data.txt",
                                             readOnlyMounts: [.init(source: shared.root.path, destination: "/data")])
        #expect(result.outcome == .passed && output == "read-only data\n", "\(result.detail ?? "") \(output)")
        let outside = ExecutionRequest(argv: ["/bin/true"], workspace: URL(fileURLWithPath: "/tmp/elsewhere/ws-1"))
        #expect(sandbox.servedWorkspace(outside, environment: SandboxEnvironment.base) == nil)
        let inside = ExecutionRequest(argv: ["/bin/true"], workspace: shared.root)
        #expect(sandbox.servedWorkspace(inside, environment: SandboxEnvironment.base) == shared.root.lastPathComponent)
    }

    @Test func theRequestFrameCarriesEveryArgumentAndRefusesNULBytes() throws {
        let workspace = URL(fileURLWithPath: "/tmp/pool/ws-1")
        let request = ExecutionRequest(argv: ["python3", "-c", "print(1)"], workspace: workspace, environment: ["MODE": "a=b"],
                                       workingDirectoryInside: "/work/sub")
        let environment = SandboxEnvironment.make(declared: request.environment)
        let frame = try #require(ReusableBubblewrapSandbox.requestFrame(request, workspaceName: "ws-1", environment: environment))
        #expect(frame.first == UInt8(ascii: "R"))
        let length = frame[1..<5].reduce(0) { $0 << 8 | Int($1) }
        #expect(length == frame.count - 5 && frame.last == 0)
        let arguments = frame[5...].split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(Array(arguments.prefix(4)) == ["--workspace", "ws-1", "--chdir", "/work/sub"])
        #expect(arguments.contains("MODE=a=b") && arguments.contains("PATH=/usr/local/bin:/usr/bin:/bin"))
        #expect(Array(arguments.suffix(4)) == ["--", "python3", "-c", "print(1)"])
        let poisoned = ExecutionRequest(argv: ["echo", "a\u{0}b"], workspace: workspace)
        #expect(ReusableBubblewrapSandbox.requestFrame(poisoned, workspaceName: "ws-1", environment: environment) == nil)
    }

    @Test func theReuseCanBeTurnedOff() async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["CODESCORE_SANDBOX_REUSE"] = "0"
        let sandbox = try await SandboxFactory.make(unsafeNoSandbox: false, scratch: Self.scratch, environment: environment)
        #expect((sandbox as? BubblewrapSandbox)?.withoutReuse == .turnedOff)
    }
}
