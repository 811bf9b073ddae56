import ArgumentParser
import CCodescoreSystem
import CodescoreSandbox
import CodescoreScoring
import Foundation

/// How generated code is executed: shared by `run` and `tasks validate --execute`.
struct ExecutionOptions: ParsableArguments {
    @Flag(name: .customLong("unsafe-no-sandbox"),
          help: "Run generated code WITHOUT isolation (no namespaces: it can reach the network and your files). Reports say so.")
    var unsafeNoSandbox = false

    @Option(help: "Sandboxed commands run at once (default: one per core).")
    var jobs: Int?

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) { throw ValidationError("--jobs must be from 1 to 256.") }
    }
}

/// The sandbox, the scorer and their scratch folder for one command.
struct ScoringSetup {
    let scorer: ExecutionScorer
    let scratch: URL

    static func make(_ options: ExecutionOptions) async throws(SandboxUnavailable) -> ScoringSetup {
        let scratch = SandboxFactory.scratchFolder(name: "codescore-\(getpid())-\(UUID().uuidString.prefix(8).lowercased())")
        let sandbox: any Sandbox
        do {
            sandbox = try await SandboxFactory.make(unsafeNoSandbox: options.unsafeNoSandbox, scratch: scratch)
        } catch {
            try? FileManager.default.removeItem(at: scratch)  // it may hold the staged launcher already
            throw error
        }
        if options.unsafeNoSandbox {
            printError("warning: --unsafe-no-sandbox: generated code runs without isolation; every report says so.")
        } else if case .refused = (sandbox as? BubblewrapSandbox)?.withoutReuse {
            // Isolated all the same, only slower (about 6 ms per check instead of 2): say so once.
            printError("note: sandbox: \(sandbox.mode)")
        }
        let slots = ConcurrencySlots(count: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        return ScoringSetup(scorer: ExecutionScorer(sandbox: sandbox, scratch: scratch, slots: slots), scratch: scratch)
    }

    /// `make`, or the reason there is no sandbox on stderr and exit 2.
    static func makeOrExit(_ options: ExecutionOptions) async throws -> ScoringSetup {
        do {
            return try await make(options)
        } catch {
            printError(error.description)
            throw ExitStatus.incomplete
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(at: scratch)
    }
}

/// codescore holds API keys in its environment: no process of the same user may read them through
/// /proc/<pid>/environ or ptrace.
@available(macOS 15, *)
extension CodescoreCommand {
    /// Called first thing by the executable. A child that exits without reading its stdin (a
    /// command-provider script) must be an EPIPE error, not a SIGPIPE that kills codescore.
    public static func hardenProcess() {
        _ = codescore_set_nondumpable()
        signal(SIGPIPE, SIG_IGN)
    }
}
