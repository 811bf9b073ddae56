import Foundation

/// Decodes the launcher's frame stream (see codescore-sandbox-exec): output chunks and the final status, then,
/// from a serving launcher, the 'A' frame that acknowledges a request and the 'D' frame that ends it.
public struct LauncherOutput: Sendable {
    public private(set) var stdout = Data()
    public private(set) var stderr = Data()
    /// The status object, once the launcher wrote it.
    public private(set) var status: [String: Int]?
    /// True when the stream broke the framing (the launcher died mid-frame, or something else wrote there).
    public private(set) var malformed = false
    /// A serving launcher's empty 'A' frame: it has read the request (which may then have run).
    public private(set) var acknowledged = false
    /// A serving launcher's 'D' frame: how the sample's own process ended. Nothing may follow it.
    public private(set) var done: [String: Int]?
    private var pending = Data()
    private let cap: Int

    public init(cap: Int) { self.cap = cap }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
        while !malformed, done == nil, pending.count >= 5 {
            let start = pending.startIndex
            let length = pending[(start + 1)..<(start + 5)].reduce(0) { $0 << 8 | Int($1) }
            guard pending.count >= 5 + length else { return }
            let payload = pending[(start + 5)..<(start + 5 + length)]
            switch pending[start] {
            case UInt8(ascii: "O"): stdout.append(payload.prefix(max(0, cap - stdout.count)))
            case UInt8(ascii: "E"): stderr.append(payload.prefix(max(0, cap - stderr.count)))
            case UInt8(ascii: "S") where status == nil:
                status = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Int]
                if status == nil { malformed = true }
            case UInt8(ascii: "A") where length == 0 && stdout.isEmpty && stderr.isEmpty && status == nil:
                acknowledged = true
            case UInt8(ascii: "D"):
                done = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Int]
                if done == nil { malformed = true }
            default: malformed = true
            }
            pending = Data(pending[(start + 5 + length)...])
        }
        if done != nil, !pending.isEmpty { malformed = true }
    }
}
