import CodescoreConfig
import Foundation

public enum SandboxUnavailable: Error, CustomStringConvertible {
    case missingLauncher(String)
    case missingBubblewrap
    case probeFailed(String)

    public var description: String {
        let fix = """
            Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap). On Ubuntu 24.04 (GitHub's ubuntu-24.04 \
            runners) AppArmor blocks the user namespaces it needs: run \
            `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0` first. Inside Docker, run the container \
            with --security-opt seccomp=unconfined (or --privileged). Or pass --unsafe-no-sandbox to run generated \
            code without isolation (reports then say so).
            """
        switch self {
        case let .missingLauncher(path):
            return "the sandbox launcher \(path) is missing; it is built with codescore (swift build) and must sit next to it."
        case .missingBubblewrap:
            return "no sandbox: bwrap (bubblewrap) is not on PATH. " + fix
        case let .probeFailed(detail):
            return "no working sandbox: bubblewrap could not start a test command (\(detail)). " + fix
        }
    }
}

/// Finds the launcher and bubblewrap and proves the sandbox works before any generated code runs.
public enum SandboxFactory {
    /// The launcher sits next to the codescore executable; CODESCORE_SANDBOX_EXEC overrides.
    public static func launcherPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["CODESCORE_SANDBOX_EXEC"], !path.isEmpty { return path }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("codescore-sandbox-exec").path
    }

    public static func make(unsafeNoSandbox: Bool, scratch: URL,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws(SandboxUnavailable) -> any Sandbox {
        let launcher = launcherPath(environment: environment)
        guard FileManager.default.isExecutableFile(atPath: launcher) else { throw .missingLauncher(launcher) }
        if unsafeNoSandbox { return UnsandboxedExecution(launcherPath: launcher) }
        let searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let bwrap = searchPath.map({ "\($0)/bwrap" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw .missingBubblewrap
        }
        let sandbox = BubblewrapSandbox(bwrapPath: bwrap, launcherPath: launcher)
        let workspace: Workspace
        do { workspace = try Workspace.create(under: scratch) } catch { throw .probeFailed(error.description) }
        defer { workspace.remove() }
        workspace.handOverToSandboxUser()
        let probe = await sandbox.execute(ExecutionRequest(argv: ["/bin/true"], workspace: workspace.root, wallSeconds: 10))
        guard probe.outcome == .passed else {
            throw .probeFailed(probe.detail ?? probe.outcome.rawValue)
        }
        return sandbox
    }
}
