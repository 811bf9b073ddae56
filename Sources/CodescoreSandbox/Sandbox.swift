import CodescoreConfig
import Foundation

/// Runs one command of untrusted code in a workspace, within limits, and says how it ended.
public protocol Sandbox: Sendable {
    /// `bubblewrap`, or `none` under --unsafe-no-sandbox; reports show it.
    var name: String { get }
    /// The launcher binary (limits, frames) the sandbox starts; trusted host commands use it too.
    var launcherPath: String { get }
    /// How commands run, in words, for people (`codescore sandbox`, a note when reuse is unavailable).
    var mode: String { get }
    func execute(_ request: ExecutionRequest) async -> ExecutionResult
}

extension Sandbox {
    public var mode: String { name }
}

/// One command to run in a sample's workspace.
public struct ExecutionRequest: Sendable {
    public var argv: [String]
    /// The sample's workspace: the only writable folder the command sees (at /work inside the sandbox).
    public var workspace: URL
    /// Variables the check declares; added to the scrubbed base environment.
    public var environment: [String: String]
    public var limits: ExecutionLimits
    public var wallSeconds: Double
    /// Where the workspace appears inside the sandbox (a harness sees its run folder at its own path).
    public var workspaceInside: String
    /// Host folders or files shown read-only inside the sandbox, at `destination`.
    public var readOnlyMounts: [ReadOnlyMount]
    /// The folder the command starts in, inside the sandbox (default: the workspace).
    public var workingDirectoryInside: String?

    public struct ReadOnlyMount: Sendable, Hashable {
        public var source: String
        public var destination: String

        public init(source: String, destination: String) {
            self.source = source
            self.destination = destination
        }
    }

    public init(argv: [String], workspace: URL, environment: [String: String] = [:], limits: ExecutionLimits = ExecutionLimits(),
                wallSeconds: Double? = nil, workspaceInside: String = "/work", readOnlyMounts: [ReadOnlyMount] = [],
                workingDirectoryInside: String? = nil) {
        self.argv = argv
        self.workspace = workspace
        self.environment = environment
        self.limits = limits
        self.wallSeconds = wallSeconds ?? limits.wallSeconds
        self.workspaceInside = workspaceInside
        self.readOnlyMounts = readOnlyMounts
        self.workingDirectoryInside = workingDirectoryInside
    }
}

/// How a command ended, decided by codescore from the launcher's wait status and its own deadline.
public enum ExecutionOutcome: String, Sendable, Codable, CaseIterable {
    case passed, failed, timeout
    case memoryLimit = "memory_limit"
    case crashed
    case sandboxError = "sandbox_error"
}

public struct ExecutionResult: Sendable {
    public var outcome: ExecutionOutcome
    public var exitCode: Int?
    public var signal: Int?
    /// Captured output, at most `limits.outputKiB` each; `stdoutBytes`/`stderrBytes` count everything written.
    public var stdout: Data
    public var stderr: Data
    public var stdoutBytes: Int
    public var stderrBytes: Int
    public var durationMS: Double
    public var maxRSSKiB: Int?
    /// Why, in words, when the outcome alone does not say (the signal, the limit hit, the sandbox's message).
    public var detail: String?

    public init(outcome: ExecutionOutcome, exitCode: Int? = nil, signal: Int? = nil, stdout: Data = Data(), stderr: Data = Data(),
                stdoutBytes: Int = 0, stderrBytes: Int = 0, durationMS: Double = 0, maxRSSKiB: Int? = nil, detail: String? = nil) {
        self.outcome = outcome
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.stdoutBytes = stdoutBytes
        self.stderrBytes = stderrBytes
        self.durationMS = durationMS
        self.maxRSSKiB = maxRSSKiB
        self.detail = detail
    }
}
