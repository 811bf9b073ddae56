import CodescoreConfig
import Foundation
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Starts the launcher (directly or through bubblewrap), reads its frames, enforces the wall-clock limit,
/// and classifies the outcome. Shared by both sandboxes.
enum LauncherProcess {
    /// The uid and gid sandboxed code runs as when codescore itself runs as root.
    static let nobody: (user: uid_t, group: gid_t) = (65534, 65534)

    static var runsAsRoot: Bool { geteuid() == 0 }

    /// The launcher's own arguments: the limits, then the command.
    /// `processShare`: how many sandboxes' processes one RLIMIT_NPROC counter covers. Inside bubblewrap
    /// each sandbox has its own user namespace, hence its own count (1); without one, every command of
    /// the user counts together, threads included, so the limit is multiplied.
    static func launcherArguments(_ request: ExecutionRequest, processShare: Int = 1) -> [String] {
        let limits = request.limits
        return [
            "--data", String(limits.memoryMiB << 20), "--nproc", String(limits.processes * processShare),
            "--nofile", String(limits.openFiles), "--fsize", String(limits.fileSizeMiB << 20),
            "--cpu", String(limits.cpuSeconds(wall: request.wallSeconds)), "--output-cap", String(limits.outputKiB << 10),
            "--",
        ] + request.argv
    }

    /// Under root, the command line that first drops to nobody: RLIMIT_NPROC does not bind root, and
    /// sandboxed code should not hold root's identity outside its namespaces either. The launcher does it
    /// in a process of its own (--drop-to: setgroups, setresgid, setresuid, each checked and the result
    /// verified, then exec; no fork), rather than Subprocess's userID: setgroups after fork in a threaded
    /// process deadlocks glibc. It replaced util-linux's setpriv, which did the same for about 0.7 ms more
    /// per start (bench/humaneval/README.md).
    static func droppingRoot(_ executable: String, _ arguments: [String], launcher: String) -> (String, [String]) {
        guard runsAsRoot else { return (executable, arguments) }
        return (launcher, ["--drop-to", "\(nobody.user):\(nobody.group)", "--exec", "--", executable] + arguments)
    }

    /// `launcher`: the codescore-sandbox-exec binary, which drops root when `dropRoot` asks for it.
    static func run(executable requested: String, arguments requestedArguments: [String], launcher: String,
                    environment: [String: String], workingDirectory: URL?, request: ExecutionRequest, killProcessGroup: Bool,
                    dropRoot: Bool = true) async -> ExecutionResult {
        let (executable, arguments) = dropRoot
            ? droppingRoot(requested, requestedArguments, launcher: launcher) : (requested, requestedArguments)
        var options = PlatformOptions()
        options.createSession = killProcessGroup
        let cap = request.limits.outputKiB << 10
        let started = ContinuousClock.now
        let wall = request.wallSeconds
        do {
            let result = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments),
                environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(rawValue: $0.key)!, $0.value) })),
                workingDirectory: workingDirectory.map { FilePath($0.path) }, platformOptions: options,
                input: .none, output: .sequence, error: .sequence
            ) { execution in
                let deadline = Task<Bool, Never> {
                    do { try await Task.sleep(for: .milliseconds(Int(wall * 1000))) } catch { return false }
                    try? execution.send(signal: .kill, toProcessGroup: killProcessGroup)
                    return true
                }
                async let wrapperError = collect(execution.standardError, limit: 64 * 1024)
                var frames = LauncherOutput(cap: cap)
                for try await chunk in execution.standardOutput {
                    chunk.withUnsafeBytes { frames.append($0) }
                }
                let errorText = try await wrapperError
                deadline.cancel()
                return (frames, errorText, await deadline.value)
            }
            let (frames, wrapperError, timedOut) = result.closureResult
            return Self.result(frames, wrapperError: wrapperError, timedOut: timedOut, since: started)
        } catch {
            return ExecutionResult(outcome: .sandboxError, detail: "could not start \(executable): \(error)")
        }
    }

    /// The result a frame stream amounts to; `wrapperError`: what bubblewrap or the launcher said on stderr.
    static func result(_ frames: LauncherOutput, wrapperError: String, timedOut: Bool,
                       since started: ContinuousClock.Instant) -> ExecutionResult {
        let status = frames.malformed ? nil : frames.status
        let (outcome, detail) = OutcomeClassifier.classify(
            status: status, timedOut: timedOut, stdout: frames.stdout, stderr: frames.stderr, wrapperError: wrapperError)
        let elapsed = ContinuousClock.now - started
        return ExecutionResult(
            outcome: outcome, exitCode: status?["exit_code"], signal: status?["signal"], stdout: frames.stdout,
            stderr: frames.stderr, stdoutBytes: status?["stdout_bytes"] ?? frames.stdout.count,
            stderrBytes: status?["stderr_bytes"] ?? frames.stderr.count,
            durationMS: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
            maxRSSKiB: status?["max_rss_kib"], detail: detail)
    }

    static func collect(_ sequence: SubprocessOutputSequence, limit: Int) async throws -> String {
        var kept = Data()
        for try await chunk in sequence where kept.count < limit {
            chunk.withUnsafeBytes { kept.append(contentsOf: $0.prefix(limit - kept.count)) }
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
