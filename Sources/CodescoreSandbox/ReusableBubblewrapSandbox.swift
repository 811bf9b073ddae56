import CodescoreConfig
import Foundation

/// Bubblewrap without a bubblewrap per command: a few long-lived sandboxes (one per command running at once)
/// whose launcher gives every command fresh mount, PID, IPC, user and network namespaces, a fresh /proc, /tmp
/// and /dev/shm, its own workspace at /work and no capabilities (codescore-sandbox-exec --serve). The UTS and
/// cgroup namespaces and the read-only system are the long-lived sandbox's; commands in one of them run one
/// after another and nothing of one (no process, file, socket or IPC object) is left for the next. That
/// costs about 2 ms per command instead of 6 (bench/humaneval/README.md).
///
/// Commands that need more than a workspace at /work (read-only mounts, another place inside) run in a
/// one-shot `BubblewrapSandbox`, as do workspaces outside `poolRoot`.
public struct ReusableBubblewrapSandbox: Sandbox {
    public let name = "bubblewrap"
    public let oneShot: BubblewrapSandbox
    /// The folder the workspaces are created in (`Workspace.create(under:)`), visible to the servers only.
    public let poolRoot: URL
    private let servers: ServerPool

    public var launcherPath: String { oneShot.launcherPath }
    public var mode: String { "bubblewrap, one long-lived sandbox per job slot" }

    public init(bwrapPath: String, launcherPath: String, poolRoot: URL) {
        // Requests are written to the servers' stdin: one that died while idle must be EPIPE, not SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        oneShot = BubblewrapSandbox(bwrapPath: bwrapPath, launcherPath: launcherPath)
        self.poolRoot = poolRoot.standardizedFileURL
        let (executable, arguments) = LauncherProcess.droppingRoot(
            bwrapPath, BubblewrapSandbox.serverArguments(poolRoot: self.poolRoot, launcherPath: launcherPath), launcher: launcherPath)
        servers = ServerPool { SandboxServer(executable: executable, arguments: arguments) }
    }

    public func execute(_ request: ExecutionRequest) async -> ExecutionResult {
        let environment = SandboxEnvironment.make(declared: request.environment)
        guard let workspaceName = servedWorkspace(request, environment: environment) else { return await oneShot.execute(request) }
        guard let payload = Self.requestFrame(request, workspaceName: workspaceName, environment: environment) else {
            return ExecutionResult(outcome: .sandboxError, detail: "an argument or environment variable contains a NUL byte")
        }
        while true {
            let (server, reused) = await servers.take()
            switch await server.execute(request, payload: payload) {
            case let .finished(result):
                await servers.giveBack(server)
                return result
            case .gone where reused:
                continue  // it ended while idle and never took this command: a fresh one runs it
            case let .gone(reason):
                return ExecutionResult(outcome: .sandboxError, detail: reason)
            }
        }
    }

    /// The workspace's name under `poolRoot` when a server can run the request.
    /// `environment`: the request's, as the sandbox sets it (SandboxEnvironment.make).
    func servedWorkspace(_ request: ExecutionRequest, environment: [String: String]) -> String? {
        guard !request.argv.isEmpty, request.workspaceInside == "/work", request.readOnlyMounts.isEmpty,
              request.workingDirectoryInside?.hasPrefix("/") ?? true,
              request.workspace.standardizedFileURL.deletingLastPathComponent().path == poolRoot.path else { return nil }
        let name = request.workspace.standardizedFileURL.lastPathComponent
        guard !name.isEmpty, name != ".", name != "..",
              environment.keys.allSatisfy({ !$0.isEmpty && !$0.contains("=") }) else { return nil }
        return name
    }

    /// The request as the serving launcher reads it: 'R', a 4-byte big-endian length, then NUL-terminated
    /// arguments. nil when one contains a NUL byte (it could not be passed to a program anyway).
    static func requestFrame(_ request: ExecutionRequest, workspaceName: String, environment: [String: String]) -> [UInt8]? {
        var arguments = ["--workspace", workspaceName]
        if let start = request.workingDirectoryInside { arguments += ["--chdir", start] }
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            arguments += ["--setenv", "\(name)=\(value)"]
        }
        arguments += LauncherProcess.launcherArguments(request)
        var payload: [UInt8] = []
        for argument in arguments {
            guard !argument.utf8.contains(0) else { return nil }
            payload += argument.utf8
            payload.append(0)
        }
        let length = UInt32(payload.count)
        return [UInt8(ascii: "R"), UInt8(length >> 24), UInt8((length >> 16) & 0xff), UInt8((length >> 8) & 0xff),
                UInt8(length & 0xff)] + payload
    }

    /// Idle servers, handed out to one command at a time; one is started when none is idle.
    private actor ServerPool {
        private var idle: [SandboxServer] = []
        private let start: @Sendable () -> SandboxServer

        init(start: @escaping @Sendable () -> SandboxServer) { self.start = start }

        func take() -> (server: SandboxServer, reused: Bool) {
            while let server = idle.popLast() {
                if server.isRunning { return (server, true) }
            }
            return (start(), false)
        }

        func giveBack(_ server: SandboxServer) {
            if server.isRunning { idle.append(server) }
        }

        deinit {
            for server in idle { server.close() }
        }
    }
}
