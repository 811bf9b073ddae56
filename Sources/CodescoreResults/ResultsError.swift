import Foundation

/// Problems reading or writing results files. Malformed input names the file and line.
public enum ResultsError: Error, Sendable, LocalizedError, CustomStringConvertible {
    case malformedLine(file: String, line: Int, detail: String)
    case unreadable(file: String, reason: String)
    case unwritable(file: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line, detail):
            return "\(file):\(line): not a valid result record: \(detail). The file was left as it is."
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)."
        case let .unwritable(file, reason):
            return "\(file): cannot write: \(reason)."
        }
    }

    public var errorDescription: String? { description }

    /// True when the problem is bad input data (exit 65) rather than the environment.
    public var isMalformedInput: Bool {
        if case .malformedLine = self { return true }
        return false
    }
}
