import Foundation
import Synchronization

/// Progress on stderr: redrawn in place on a terminal (`isatty` and `TERM` not `dumb`), otherwise one
/// plain line per update, throttled so CI logs stay short. Colour only on a terminal and without `NO_COLOR`.
public final class ProgressReporter: Sendable {
    public struct Snapshot: Sendable {
        public var done = 0
        public var total = 0
        public var errors = 0
        public var cached = 0
    }

    private struct State {
        var snapshot = Snapshot()
        var lastDraw: ContinuousClock.Instant?
        var lastLoggedTenth = -1
    }

    private let state = Mutex(State())
    private let interactive: Bool
    private let color: Bool
    private let enabled: Bool
    private let write: @Sendable (String) -> Void

    public init(enabled: Bool = true, environment: [String: String] = ProcessInfo.processInfo.environment,
                isTerminal: Bool = isatty(STDERR_FILENO) == 1,
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.enabled = enabled
        interactive = isTerminal && environment["TERM"] != "dumb"
        color = interactive && environment["NO_COLOR"].map(\.isEmpty) ?? true
        self.write = write
    }

    public func start(total: Int) {
        state.withLock { $0.snapshot.total = total }
    }

    public func record(error: Bool, cached: Bool) {
        let line: String? = state.withLock { state in
            state.snapshot.done += 1
            if error { state.snapshot.errors += 1 }
            if cached { state.snapshot.cached += 1 }
            let snapshot = state.snapshot
            let now = ContinuousClock.now
            if interactive {
                if let last = state.lastDraw, now - last < .milliseconds(100), snapshot.done < snapshot.total { return nil }
                state.lastDraw = now
                return "\r\u{1B}[2K" + describe(snapshot)
            }
            // Plain output: a line at each tenth of the run, or every 10 s.
            let tenth = snapshot.total == 0 ? 10 : snapshot.done * 10 / snapshot.total
            let stale = state.lastDraw.map { now - $0 >= .seconds(10) } ?? false
            guard tenth > state.lastLoggedTenth || stale else { return nil }
            state.lastLoggedTenth = tenth
            state.lastDraw = now
            return describe(snapshot) + "\n"
        }
        if enabled, let line { write(line) }
    }

    /// Ends the in-place line and prints the closing summary (also when progress is off).
    public func finish(summary: String) {
        let prefix = interactive ? "\r\u{1B}[2K" : ""
        let text = color ? "\u{1B}[1m\(summary)\u{1B}[0m" : summary
        write(prefix + text + "\n")
    }

    public func message(_ text: String) {
        guard enabled else { return }
        write((interactive ? "\r\u{1B}[2K" : "") + text + "\n")
    }

    private func describe(_ snapshot: Snapshot) -> String {
        let percent = snapshot.total == 0 ? 100 : snapshot.done * 100 / snapshot.total
        var text = "codescore run: \(snapshot.done)/\(snapshot.total) samples (\(percent)%)"
        if snapshot.cached > 0 { text += ", \(snapshot.cached) cached" }
        if snapshot.errors > 0 {
            let errors = "\(snapshot.errors) error\(snapshot.errors == 1 ? "" : "s")"
            text += ", " + (color ? "\u{1B}[31m\(errors)\u{1B}[0m" : errors)
        }
        return text
    }
}
