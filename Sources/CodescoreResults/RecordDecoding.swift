import Foundation

/// Decodes JSONL record lines, in parallel on every core, with the fast path and `JSONDecoder` as the
/// authority for anything unusual (and for its error messages).
public enum RecordDecoding {
    /// A line that did not decode: its number and the decoder's error.
    public struct LineError: Error {
        public var line: Int
        public var underlying: any Error
    }

    /// One worker's share: its records, or the first line that failed.
    private final class Slot: @unchecked Sendable {
        var records: [ResultRecord] = []
        var failure: LineError?
    }

    public static func decode(_ lines: [(number: Int, bytes: Data)]) throws(LineError) -> [ResultRecord] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lines.count / 2000))
        let chunk = (lines.count + workers - 1) / workers
        let slots = (0..<workers).map { _ in Slot() }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker writes only its own slot.
            let slot = slots[worker]
            let range = (worker * chunk)..<min(lines.count, (worker + 1) * chunk)
            let decoder = JSONDecoder()
            slot.records.reserveCapacity(range.count)
            for index in range {
                let (number, line) = lines[index]
                if let record = line.withUnsafeBytes(FastRecordParser.parse) {
                    slot.records.append(record)
                    continue
                }
                do {
                    slot.records.append(try decoder.decode(ResultRecord.self, from: line))
                } catch {
                    slot.failure = LineError(line: number, underlying: error)
                    return
                }
            }
        }
        var all: [ResultRecord] = []
        all.reserveCapacity(lines.count)
        for slot in slots {
            if let failure = slot.failure { throw failure }
            all.append(contentsOf: slot.records)
        }
        return all
    }
}
