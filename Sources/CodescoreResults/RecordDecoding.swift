import Foundation

/// Decodes JSONL record lines, in parallel on every core, with the fast path and `JSONDecoder` as the
/// authority for anything unusual (and for its error messages).
public enum RecordDecoding {
    /// A line that did not decode: its number and the decoder's error.
    public struct LineError: Error {
        public var line: Int
        public var underlying: any Error
    }

    /// One worker's progress, written only by that worker.
    private final class Progress: @unchecked Sendable {
        var initialized = 0
        var failure: LineError?
    }

    /// The result's storage; each worker initializes only the elements of its own range.
    private struct SharedBuffer: @unchecked Sendable {
        let base: UnsafeMutablePointer<ResultRecord>
    }

    public static func decode(_ lines: [(number: Int, bytes: Data)]) throws(LineError) -> [ResultRecord] {
        guard !lines.isEmpty else { return [] }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lines.count / 2000))
        let chunk = (lines.count + workers - 1) / workers
        var failure: LineError?
        // Workers decode straight into the result's storage: no per-worker arrays to concatenate afterwards.
        let records = [ResultRecord](unsafeUninitializedCapacity: lines.count) { buffer, count in
            let progress = (0..<workers).map { _ in Progress() }
            let shared = SharedBuffer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let range = (worker * chunk)..<min(lines.count, (worker + 1) * chunk)
                let decoder = JSONDecoder()
                let strings = FastRecordParser.StringCache()
                for index in range {
                    let (number, line) = lines[index]
                    let record: ResultRecord
                    if let fast = line.withUnsafeBytes({ FastRecordParser.parse($0, strings: strings) }) {
                        record = fast
                    } else {
                        do {
                            record = try decoder.decode(ResultRecord.self, from: line)
                        } catch {
                            progress[worker].failure = LineError(line: number, underlying: error)
                            return
                        }
                    }
                    (shared.base + index).initialize(to: record)
                    progress[worker].initialized += 1
                }
            }
            failure = progress.lazy.compactMap(\.failure).first
            if failure == nil {
                count = lines.count
            } else {
                for (worker, done) in progress.enumerated() where done.initialized > 0 {
                    (shared.base + worker * chunk).deinitialize(count: done.initialized)
                }
                count = 0
            }
        }
        if let failure { throw failure }
        return records
    }
}
