import Foundation

/// Decides the outcome from facts codescore holds: its own deadline, the launcher's wait status, the output.
public enum OutcomeClassifier {
    /// What runtimes print when an allocation fails under RLIMIT_DATA.
    static let allocationFailures = [
        "MemoryError", "JavaScript heap out of memory", "Fatal process out of memory", "Array buffer allocation failed",
        "Cannot allocate memory", "std::bad_alloc", "out of memory",
    ]

    public static func classify(status: [String: Int]?, timedOut: Bool, stdout: Data, stderr: Data,
                                wrapperError: String) -> (outcome: ExecutionOutcome, detail: String?) {
        // A status means the command finished before the kill (a deadline that fired late, on a busy
        // machine, does not turn a finished command into a timeout).
        guard let status else {
            if timedOut { return (.timeout, "wall-clock limit reached; the whole process tree was killed") }
            let reason = wrapperError.trimmingCharacters(in: .whitespacesAndNewlines)
            return (.sandboxError, "the sandbox reported no status" + (reason.isEmpty ? "" : ": " + String(reason.suffix(500))))
        }
        if let code = status["exec_error"] {
            return (.sandboxError, "could not start the command: \(String(cString: strerror(Int32(code))))")
        }
        if let code = status["launch_error"] {
            // A serving launcher says on stderr which step of the sample's set-up failed.
            let step = String(decoding: stderr.suffix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return (.sandboxError, "the launcher failed: \(String(cString: strerror(Int32(code))))" + (step.isEmpty ? "" : " (\(step))"))
        }
        let allocationFailed = mentionsAllocationFailure(stderr) || mentionsAllocationFailure(stdout)
        if let signal = status["signal"] {
            switch Int32(signal) {
            case SIGXCPU: return (.timeout, "CPU-time limit reached (SIGXCPU)")
            case SIGKILL where status["cpu_limit_reached"] == 1: return (.timeout, "CPU-time limit reached (SIGKILL after SIGXCPU)")
            case SIGXFSZ: return (.crashed, "file-size limit reached (SIGXFSZ)")
            default:
                if allocationFailed { return (.memoryLimit, "memory limit reached (killed by signal \(signal))") }
                return (.crashed, "killed by signal \(signal)\(signalName(Int32(signal)).map { " (\($0))" } ?? "")")
            }
        }
        let code = status["exit_code"] ?? -1
        if code == 0 { return (.passed, nil) }
        if allocationFailed { return (.memoryLimit, "memory limit reached (exit status \(code))") }
        return (.failed, "exit status \(code)")
    }

    static func mentionsAllocationFailure(_ data: Data) -> Bool {
        let text = String(decoding: data.suffix(64 * 1024), as: UTF8.self)
        return allocationFailures.contains { text.contains($0) }
    }

    static func signalName(_ signal: Int32) -> String? {
        [SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGTERM: "SIGTERM", SIGBUS: "SIGBUS", SIGILL: "SIGILL",
         SIGFPE: "SIGFPE", SIGTRAP: "SIGTRAP", SIGINT: "SIGINT", SIGPIPE: "SIGPIPE"][signal]
    }
}
