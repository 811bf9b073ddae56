import CodescoreConfig
import Foundation

/// Untrusted code in bubblewrap: new user, PID, network, IPC, UTS and cgroup namespaces; read-only system;
/// a private /proc, a tmpfs /tmp and the sample's workspace as the only writable folder; no capabilities.
public struct BubblewrapSandbox: Sandbox {
    public let name = "bubblewrap"
    public let bwrapPath: String
    public let launcherPath: String
    /// Why commands do not share a long-lived bubblewrap (ReusableBubblewrapSandbox), when the factory chose this.
    public var withoutReuse: WithoutReuse?

    public enum WithoutReuse: Sendable, Equatable {
        /// CODESCORE_SANDBOX_REUSE=0.
        case turnedOff
        /// The reusable form's probe failed; why.
        case refused(String)
    }

    public var mode: String {
        switch withoutReuse {
        case nil: return "bubblewrap, one per command"
        case .turnedOff: return "bubblewrap, one per command (CODESCORE_SANDBOX_REUSE=0)"
        case let .refused(reason): return "bubblewrap, one per command (no reuse: \(reason))"
        }
    }

    /// Where the launcher and the workspace appear inside the sandbox.
    static let launcherInside = "/.codescore/exec"

    public init(bwrapPath: String, launcherPath: String) {
        self.bwrapPath = bwrapPath
        self.launcherPath = launcherPath
    }

    public func execute(_ request: ExecutionRequest) async -> ExecutionResult {
        await LauncherProcess.run(
            executable: bwrapPath, arguments: Self.arguments(for: request, launcherPath: launcherPath), launcher: launcherPath,
            environment: [:], workingDirectory: nil, request: request, killProcessGroup: false)
    }

    /// The bwrap command line (the environment is set with --setenv after --clearenv, never inherited).
    static func arguments(for request: ExecutionRequest, launcherPath: String) -> [String] {
        var arguments = commonArguments(launcherPath: launcherPath, capabilities: [])
        // After the /tmp tmpfs (which would hide them) and before the workspace (which may lie below one).
        for mount in request.readOnlyMounts { arguments += ["--ro-bind", mount.source, mount.destination] }
        arguments += ["--bind", request.workspace.path, request.workspaceInside,
                      // The sandbox's own root (a tmpfs holding the mount points) becomes read-only too.
                      "--remount-ro", "/", "--chdir", request.workingDirectoryInside ?? request.workspaceInside, "--clearenv"]
        for (name, value) in SandboxEnvironment.make(declared: request.environment).sorted(by: { $0.key < $1.key }) {
            arguments += ["--setenv", name, value]
        }
        arguments += ["--", launcherInside, "--kill-namespace"] + LauncherProcess.launcherArguments(request)
        return arguments
    }

    /// The long-lived sandbox of a ReusableBubblewrapSandbox: the same namespaces and file system, the folder
    /// holding the workspaces at `poolInside` (each check sees only its own, at /work), and the launcher serving
    /// requests (codescore-sandbox-exec --serve) with CAP_SYS_ADMIN in bubblewrap's user namespace, which it
    /// needs to build each check's mounts; each check's process drops it, and every other capability, first.
    static func serverArguments(poolRoot: URL, launcherPath: String) -> [String] {
        commonArguments(launcherPath: launcherPath, capabilities: ["CAP_SYS_ADMIN"])
            + ["--bind", poolRoot.path, poolInside, "--dir", "/work", "--remount-ro", "/", "--chdir", "/", "--clearenv",
               "--", launcherInside, "--serve"]
    }

    /// Where a reusable sandbox's server sees the workspaces folder.
    static let poolInside = "/.codescore/pool"

    /// Namespaces, identity, capabilities (none, or those given), the system, /proc, /dev, /tmp and the launcher.
    static func commonArguments(launcherPath: String, capabilities: [String]) -> [String] {
        var arguments = ["--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                         "--unshare-cgroup-try", "--uid", "65534", "--gid", "65534", "--hostname", "sandbox",
                         "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
        for capability in capabilities { arguments += ["--cap-add", capability] }
        arguments += systemBinds()
        return arguments + ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--ro-bind", launcherPath, launcherInside]
    }

    /// /usr read-only, the merged-/usr symlinks (or binds) for /bin, /lib…, and the few /etc files programs
    /// need. Never /home, /root, /run, /opt, /var or the checkout.
    static func systemBinds() -> [String] {
        var arguments = ["--ro-bind", "/usr", "/usr"]
        for top in ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: top) {
                arguments += ["--symlink", target, top]
            } else if FileManager.default.fileExists(atPath: top) {
                arguments += ["--ro-bind", top, top]
            }
        }
        for path in ["/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/localtime",
                     "/etc/nsswitch.conf", "/etc/hosts", "/etc/ssl", "/etc/ca-certificates", "/etc/python3",
                     "/etc/python3.11", "/etc/mime.types"] {
            arguments += ["--ro-bind-try", path, path]
        }
        return arguments
    }
}

/// --unsafe-no-sandbox: the same launcher and limits, run directly in the workspace, with no namespaces.
/// Network, the file system and the process tree are not contained; every report says so.
public struct UnsandboxedExecution: Sandbox {
    public let name = "none"
    public let launcherPath: String

    public init(launcherPath: String) { self.launcherPath = launcherPath }

    public func execute(_ request: ExecutionRequest) async -> ExecutionResult {
        var environment = SandboxEnvironment.make(declared: request.environment)
        environment["HOME"] = request.workspace.path
        return await HostCommand(launcherPath: launcherPath).execute(
            request, workingDirectory: request.workingDirectoryInside.map { URL(fileURLWithPath: $0) } ?? request.workspace,
            environment: environment, asCurrentUser: false)
    }
}

/// A trusted command on the host: a benchmark harness whose definition opts out of the sandbox. The same
/// launcher limits and process-group kill on timeout, but run as the current user, in its own folder, with
/// exactly the environment given (its definition's allow-list). Nothing is contained; reports say so.
public struct HostCommand: Sendable {
    public let launcherPath: String

    public init(launcherPath: String) { self.launcherPath = launcherPath }

    /// `asCurrentUser: false` drops root to nobody first (what --unsafe-no-sandbox does for generated code).
    public func execute(_ request: ExecutionRequest, workingDirectory: URL, environment: [String: String],
                        asCurrentUser: Bool = true) async -> ExecutionResult {
        // Without a user namespace every command of the user shares one RLIMIT_NPROC count, threads included.
        await LauncherProcess.run(
            executable: launcherPath,
            arguments: LauncherProcess.launcherArguments(request, processShare: 4 * ProcessInfo.processInfo.activeProcessorCount),
            launcher: launcherPath, environment: environment, workingDirectory: workingDirectory, request: request, killProcessGroup: true,
            dropRoot: !asCurrentUser)
    }
}
