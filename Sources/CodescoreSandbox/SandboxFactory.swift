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
    /// A folder for this process's workspaces that the sandbox user can reach: under root, sandboxes
    /// run as nobody, who must be able to traverse every folder above it (TMPDIR may be a 0700 folder).
    public static func scratchFolder(name: String) -> URL {
        var base = FileManager.default.temporaryDirectory
        if LauncherProcess.runsAsRoot && !isSearchableByOthers(base) { base = URL(fileURLWithPath: "/tmp") }
        return base.appendingPathComponent(name)
    }

    /// True when every folder from / down to `url` has the search bit for others.
    static func isSearchableByOthers(_ url: URL) -> Bool {
        var path = ""
        for component in url.standardizedFileURL.resolvingSymlinksInPath().pathComponents.dropFirst() {
            path += "/" + component
            var info = stat()
            guard stat(path, &info) == 0, info.st_mode & S_IXOTH != 0 else { return false }
        }
        return true
    }

    /// Under root the launcher is copied into the scratch folder (0711, the copy 0755): the checkout it
    /// was built in may sit below a folder nobody cannot enter. Otherwise it is used where it is.
    /// The copy is named by its content and never replaced: a bubblewrap starting meanwhile (another sandbox
    /// of the same scratch folder) binds the path, and a path renamed over can be briefly missing to it.
    static func stage(_ launcher: String, in scratch: URL) throws(SandboxUnavailable) -> String {
        guard LauncherProcess.runsAsRoot else { return launcher }
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o711])
            let contents = try Data(contentsOf: URL(fileURLWithPath: launcher))
            let copy = scratch.appendingPathComponent("codescore-sandbox-exec-" + ContentHash.sha256Hex(contents).prefix(16))
            var info = stat()
            if lstat(copy.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) == contents.count {
                return copy.path
            }
            // Written under a unique name, then linked to the final one, which then exists only complete.
            let fresh = scratch.appendingPathComponent(".codescore-sandbox-exec-\(UUID().uuidString)")
            try contents.write(to: fresh)
            defer { unlink(fresh.path) }
            guard chmod(fresh.path, 0o755) == 0, link(fresh.path, copy.path) == 0 || errno == EEXIST else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            return copy.path
        } catch {
            throw .probeFailed("cannot stage the launcher in \(scratch.path): \(error.localizedDescription)")
        }
    }

    /// The launcher sits next to the codescore executable; CODESCORE_SANDBOX_EXEC overrides.
    public static func launcherPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["CODESCORE_SANDBOX_EXEC"], !path.isEmpty { return path }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("codescore-sandbox-exec").path
    }

    public static func make(unsafeNoSandbox: Bool, scratch: URL,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws(SandboxUnavailable) -> any Sandbox {
        let built = launcherPath(environment: environment)
        guard FileManager.default.isExecutableFile(atPath: built) else { throw .missingLauncher(built) }
        let launcher = try stage(built, in: scratch)
        if unsafeNoSandbox { return UnsandboxedExecution(launcherPath: launcher) }
        let searchPath = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        guard let bwrap = searchPath.map({ "\($0)/bwrap" }).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw .missingBubblewrap
        }
        var sandbox = BubblewrapSandbox(bwrapPath: bwrap, launcherPath: launcher)
        if let failure = await probe(sandbox, scratch: scratch) { throw .probeFailed(failure) }
        guard environment["CODESCORE_SANDBOX_REUSE"] != "0" else {
            sandbox.withoutReuse = .turnedOff
            return sandbox
        }
        // The reusable form needs a little more of the kernel (nested namespaces, a second /proc); where that
        // is refused, every command gets a bubblewrap of its own, as before, and `mode` says why.
        let reusable = ReusableBubblewrapSandbox(bwrapPath: bwrap, launcherPath: launcher, poolRoot: scratch)
        guard let failure = await probe(reusable, scratch: scratch) else { return reusable }
        sandbox.withoutReuse = .refused(failure)
        return sandbox
    }

    /// Runs /bin/true in a fresh workspace; nil when it passed, else why not.
    static func probe(_ sandbox: any Sandbox, scratch: URL) async -> String? {
        let workspace: Workspace
        do { workspace = try Workspace.create(under: scratch) } catch { return error.description }
        defer { workspace.remove() }
        workspace.handOverToSandboxUser()
        let probe = await sandbox.execute(ExecutionRequest(argv: ["/bin/true"], workspace: workspace.root, wallSeconds: 10))
        return probe.outcome == .passed ? nil : probe.detail ?? probe.outcome.rawValue
    }
}
