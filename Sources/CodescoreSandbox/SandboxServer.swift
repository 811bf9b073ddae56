import CodescoreConfig
import Foundation
import Subprocess
import Synchronization
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One long-lived bubblewrap sandbox whose launcher serves requests one at a time
/// (codescore-sandbox-exec --serve), each in mount, PID, IPC and user namespaces of its own inside it.
/// A request that times out kills the whole sandbox, as with a one-shot bubblewrap; so does a broken frame.
final class SandboxServer: Sendable {
    enum Reply: Sendable {
        case finished(ExecutionResult)
        /// The server ended before it acknowledged the request, so nothing of it ran; why.
        case gone(String)
    }

    private struct Job: Sendable {
        let payload: [UInt8]
        let request: ExecutionRequest
        let reply: CheckedContinuation<Reply, Never>
    }

    private let jobs: AsyncStream<Job>.Continuation
    private let running = Mutex(true)
    /// Why the server ended, when it could not start or died between requests.
    private let ending = Mutex<String?>(nil)

    /// False once the sandbox has ended or been killed; such a server is never handed out again.
    var isRunning: Bool { running.withLock { $0 } }

    /// Starts `executable` (bubblewrap, or the launcher dropping root in front of it) with `arguments`.
    init(executable: String, arguments: [String]) {
        let (stream, continuation) = AsyncStream.makeStream(of: Job.self)
        jobs = continuation
        Task { await self.serve(executable: executable, arguments: arguments, jobs: stream) }
    }

    /// Runs one request; `payload` is its 'R' frame (see `ReusableBubblewrapSandbox.requestFrame`).
    func execute(_ request: ExecutionRequest, payload: [UInt8]) async -> Reply {
        guard isRunning else { return .gone(endingReason) }
        return await withCheckedContinuation { continuation in
            if case .terminated = jobs.yield(Job(payload: payload, request: request, reply: continuation)) {
                continuation.resume(returning: .gone(endingReason))
            }
        }
    }

    private var endingReason: String { ending.withLock { $0 } ?? "the sandbox had ended" }

    /// Ends the server: its launcher sees the end of stdin and exits, and bubblewrap with it.
    func close() { jobs.finish() }

    private func serve(executable: String, arguments: [String], jobs stream: AsyncStream<Job>) async {
        do {
            _ = try await Subprocess.run(
                .path(FilePath(executable)), arguments: Arguments(arguments), environment: .custom([:]),
                input: .inputWriter, output: .sequence, error: .sequence
            ) { execution in
                async let diagnostics = LauncherProcess.collect(execution.standardError, limit: 64 * 1024)
                var output = execution.standardOutput.makeAsyncIterator()
                for await job in stream {
                    let started = ContinuousClock.now
                    let deadline = Task<Bool, Never> {
                        do { try await Task.sleep(for: .milliseconds(Int(job.request.wallSeconds * 1000))) } catch { return false }
                        try? execution.send(signal: .kill, toProcessGroup: false)
                        return true
                    }
                    var frames = LauncherOutput(cap: job.request.limits.outputKiB << 10)
                    do {
                        _ = try await execution.standardInputWriter.write(job.payload)
                        while frames.done == nil, !frames.malformed, let chunk = try await output.next() {
                            chunk.withUnsafeBytes { frames.append($0) }
                        }
                    } catch {}
                    deadline.cancel()
                    let timedOut = await deadline.value
                    if frames.done == nil || frames.malformed || timedOut {
                        // Killed, crashed or broke the framing: this sandbox serves nobody else.
                        running.withLock { $0 = false }
                        try? execution.send(signal: .kill, toProcessGroup: false)
                        let wrapperError = (try? await diagnostics) ?? ""
                        if !frames.acknowledged && !frames.malformed && !timedOut {
                            let reason = "the sandbox ended" + (wrapperError.isEmpty ? "" : ": " + String(wrapperError.suffix(500)))
                            ending.withLock { $0 = reason }
                            job.reply.resume(returning: .gone(reason))
                        } else {
                            job.reply.resume(returning: .finished(
                                LauncherProcess.result(frames, wrapperError: wrapperError, timedOut: timedOut, since: started)))
                        }
                        return
                    }
                    job.reply.resume(returning: .finished(LauncherProcess.result(frames, wrapperError: "", timedOut: false, since: started)))
                }
                try? await execution.standardInputWriter.finish()
            }
        } catch {
            ending.withLock { $0 = "could not start \(executable): \(error)" }
        }
        running.withLock { $0 = false }
        // A request handed over as the sandbox ended never ran.
        jobs.finish()
        for await job in stream { job.reply.resume(returning: .gone(endingReason)) }
    }
}
