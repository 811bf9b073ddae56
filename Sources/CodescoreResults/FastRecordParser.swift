import CodescoreConfig
import Foundation

/// A fast path for reading result records: parses the JSON codescore itself writes straight into a
/// `ResultRecord`, an order of magnitude faster than `JSONDecoder` on the gate's million-record inputs.
/// Anything it does not recognise (an unknown key, a schema version, an odd shape) returns nil, and the
/// caller decodes that line with `JSONDecoder`, which also produces the error message for bad input.
enum FastRecordParser {
    static func parse(_ line: UnsafeRawBufferPointer) -> ResultRecord? {
        parse(line, strings: StringCache())
    }

    /// `strings` is one worker's cache: repeated values come back as the same storage.
    static func parse(_ line: UnsafeRawBufferPointer, strings: StringCache) -> ResultRecord? {
        var scanner = Scanner(bytes: line, strings: strings)
        return scanner.record()
    }

    /// The last text seen per field, so a million records that repeat a model, task hash or timestamp
    /// share one String each instead of allocating one per line. One worker owns each cache.
    final class StringCache {
        private var slots: [(bytes: [UInt8], string: String)?] = Array(repeating: nil, count: Field.allCases.count + 8)

        /// The string for `raw` (plain ASCII or validated UTF-8 without escapes) in `slot`.
        func string(_ raw: UnsafeRawBufferPointer, ascii: Bool, slot: Int) -> String? {
            if let entry = slots[slot], sameBytes(entry.bytes, raw) { return entry.string }
            guard let string = decode(raw, ascii: ascii) else { return nil }
            slots[slot] = (Array(raw), string)
            return string
        }

        /// A slot for the n-th metric of a `scores` object.
        static func metricSlot(_ position: Int) -> Int? {
            position < 8 ? Field.allCases.count + position : nil
        }
    }

    /// The record's keys, matched on their bytes (no String per key).
    enum Field: Int, CaseIterable {
        case schemaVersion, runID, model, benchmark, task, category, taskHash, sample, status, output, outputSHA256
        case finishReason, passed, cached, attempts, createdAt, latencyMS, costUSD, execution, judge, scores, usage, error

        static let names: [[UInt8]] = allCases.map { Array($0.name.utf8) }

        var name: String {
            switch self {
            case .schemaVersion: "schema_version"
            case .runID: "run_id"
            case .taskHash: "task_hash"
            case .outputSHA256: "output_sha256"
            case .finishReason: "finish_reason"
            case .createdAt: "created_at"
            case .latencyMS: "latency_ms"
            case .costUSD: "cost_usd"
            default: "\(self)"
            }
        }

        init?(_ key: UnsafeRawBufferPointer) {
            guard let position = Self.names.firstIndex(where: { sameBytes($0, key) }) else { return nil }
            self.init(rawValue: position)
        }
    }

    static func sameBytes(_ stored: [UInt8], _ raw: UnsafeRawBufferPointer) -> Bool {
        stored.count == raw.count
            && (raw.isEmpty || stored.withUnsafeBytes { memcmp($0.baseAddress!, raw.baseAddress!, raw.count) == 0 })
    }

    /// A string's bytes (without escapes) as a String: ASCII needs no validation; anything else must be valid UTF-8.
    static func decode(_ raw: UnsafeRawBufferPointer, ascii: Bool) -> String? {
        ascii ? String(decoding: raw, as: UTF8.self) : String(validating: raw, as: UTF8.self)
    }

    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        let strings: StringCache
        var index = 0

        init(bytes: UnsafeRawBufferPointer, strings: StringCache = StringCache()) {
            self.bytes = bytes
            self.strings = strings
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
                index += 1
            }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func peek() -> UInt8? {
            skipSpace()
            return index < bytes.count ? bytes[index] : nil
        }

        /// A JSON string's bytes between the quotes, whether it has escapes, and whether it is plain ASCII.
        mutating func rawString() -> (raw: UnsafeRawBufferPointer, simple: Bool, ascii: Bool)? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            var simple = true
            var high: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                    index += 1
                    return (raw, simple, high < 0x80)
                }
                if byte == UInt8(ascii: "\\") { simple = false; index += 2; continue }
                if byte < 0x20 { return nil }
                high |= byte
                index += 1
            }
            return nil
        }

        /// A JSON string; nil on anything malformed (including invalid UTF-8). With a `slot`, a value equal
        /// to the slot's last one is shared rather than allocated again.
        mutating func string(slot: Int? = nil) -> String? {
            guard let (raw, simple, ascii) = rawString() else { return nil }
            guard simple else { return unescape(raw) }
            if let slot { return strings.string(raw, ascii: ascii, slot: slot) }
            return FastRecordParser.decode(raw, ascii: ascii)
        }

        /// An object key without escapes (keys with escapes send the line to JSONDecoder).
        mutating func key() -> UnsafeRawBufferPointer? {
            guard let (raw, simple, _) = rawString(), simple else { return nil }
            return raw
        }

        func unescape(_ raw: UnsafeRawBufferPointer) -> String? {
            var output: [UInt8] = []
            output.reserveCapacity(raw.count)
            var position = 0
            while position < raw.count {
                let byte = raw[position]
                guard byte == UInt8(ascii: "\\") else { output.append(byte); position += 1; continue }
                guard position + 1 < raw.count else { return nil }
                let escape = raw[position + 1]
                position += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
                case UInt8(ascii: "b"): output.append(0x08)
                case UInt8(ascii: "f"): output.append(0x0C)
                case UInt8(ascii: "n"): output.append(0x0A)
                case UInt8(ascii: "r"): output.append(0x0D)
                case UInt8(ascii: "t"): output.append(0x09)
                case UInt8(ascii: "u"):
                    guard var scalar = hex4(raw, position) else { return nil }
                    position += 4
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\"), raw[position + 1] == UInt8(ascii: "u"),
                              let low = hex4(raw, position + 2), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { return nil }
                    output.append(contentsOf: Array(String(unicode).utf8))
                default: return nil
                }
            }
            return String(validating: output, as: UTF8.self)
        }

        func hex4(_ raw: UnsafeRawBufferPointer, _ at: Int) -> UInt32? {
            guard at + 4 <= raw.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = raw[at + offset]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }

        /// A JSON number as Double, and as Int when it is written as an integer.
        mutating func number() -> (double: Double, integer: Int?)? {
            skipSpace()
            let start = index
            var integral = true
            scan: while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): index += 1
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "+"): integral = false; index += 1
                default: break scan
                }
            }
            guard index > start else { return nil }
            if integral, index - start <= 18 {
                // Small integers (samples, counts, 0/1 scores) without a String.
                var value = 0
                var negative = false
                for position in start..<index {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "-") {
                        guard position == start, index - start > 1 else { return nil }
                        negative = true
                    } else {
                        value = value * 10 + Int(byte - UInt8(ascii: "0"))
                    }
                }
                if bytes[start + (negative ? 1 : 0)] == UInt8(ascii: "0"), index - start > (negative ? 2 : 1) { return nil }
                let integer = negative ? -value : value
                return (Double(integer), integer)
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if integral, let integer = Int(text) { return (Double(integer), integer) }
            guard let double = Double(text), double.isFinite else { return nil }
            return (double, nil)
        }

        mutating func literal(_ word: StaticString) -> Bool {
            skipSpace()
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count, memcmp(bytes.baseAddress! + index, word.utf8Start, count) == 0 else { return false }
            index += count
            return true
        }

        mutating func bool() -> Bool? {
            if literal("true") { return true }
            if literal("false") { return false }
            return nil
        }

        /// Calls `field` for each key of an object (its bytes); false when the object is malformed or `field` says so.
        mutating func object(_ field: (inout Scanner, UnsafeRawBufferPointer) -> Bool) -> Bool {
            guard consume(UInt8(ascii: "{")) else { return false }
            if consume(UInt8(ascii: "}")) { return true }
            while true {
                guard let key = key(), consume(UInt8(ascii: ":")), field(&self, key) else { return false }
                if consume(UInt8(ascii: ",")) { continue }
                return consume(UInt8(ascii: "}"))
            }
        }

        /// Any JSON value, for the free-form `execution` and `judge` objects.
        mutating func value() -> JSONValue? {
            switch peek() {
            case UInt8(ascii: "\"")?: return string().map(JSONValue.string)
            case UInt8(ascii: "{")?:
                var fields: [String: JSONValue] = [:]
                let ok = object { scanner, rawKey in
                    guard let key = String(validating: rawKey, as: UTF8.self), let item = scanner.value(), fields[key] == nil
                    else { return false }
                    fields[key] = item
                    return true
                }
                return ok ? .object(fields) : nil
            case UInt8(ascii: "[")?:
                _ = consume(UInt8(ascii: "["))
                var items: [JSONValue] = []
                if consume(UInt8(ascii: "]")) { return .array(items) }
                while true {
                    guard let item = value() else { return nil }
                    items.append(item)
                    if consume(UInt8(ascii: ",")) { continue }
                    return consume(UInt8(ascii: "]")) ? .array(items) : nil
                }
            case UInt8(ascii: "t")?, UInt8(ascii: "f")?: return bool().map(JSONValue.bool)
            case UInt8(ascii: "n")?: return literal("null") ? .null : nil
            default:
                guard let number = number() else { return nil }
                return number.integer.map(JSONValue.integer) ?? .number(number.double)
            }
        }

        mutating func record() -> ResultRecord? {
            var schemaVersion: Int?, runID: String?, model: String?, benchmark: String?, task: String?, category: String?
            var taskHash: String?, sample: Int?, status: ResultRecord.Status?, error: ResultRecord.RecordError?
            var output: String?, outputSHA256: String?, finishReason: String?, scores: [String: Double] = [:]
            var passed: Bool?, execution: JSONValue?, judge: JSONValue?, usage: ResultRecord.TokenUsage?
            var latencyMS: Double?, costUSD: Double?, cached = false, attempts = 1, createdAt = ""
            // Each known key may appear once (a repeated one sends the line to JSONDecoder).
            var seen: UInt32 = 0
            let ok = object { scanner, rawKey in
                guard let key = Field(rawKey), seen & (1 << key.rawValue) == 0 else { return false }
                seen |= 1 << key.rawValue
                if scanner.literal("null") { return key != .schemaVersion && key != .scores }
                let slot = key.rawValue
                switch key {
                case .schemaVersion: schemaVersion = scanner.number()?.integer; return schemaVersion != nil
                case .runID: runID = scanner.string(slot: slot); return runID != nil
                case .model: model = scanner.string(slot: slot); return model != nil
                case .benchmark: benchmark = scanner.string(slot: slot); return benchmark != nil
                case .task: task = scanner.string(slot: slot); return task != nil
                case .category: category = scanner.string(slot: slot); return category != nil
                case .taskHash: taskHash = scanner.string(slot: slot); return taskHash != nil
                case .sample: sample = scanner.number()?.integer; return sample != nil
                case .status: status = scanner.string(slot: slot).flatMap(ResultRecord.Status.init(rawValue:)); return status != nil
                case .output: output = scanner.string(); return output != nil
                case .outputSHA256: outputSHA256 = scanner.string(); return outputSHA256 != nil
                case .finishReason: finishReason = scanner.string(slot: slot); return finishReason != nil
                case .passed: passed = scanner.bool(); return passed != nil
                case .cached: guard let value = scanner.bool() else { return false }; cached = value; return true
                case .attempts: guard let value = scanner.number()?.integer else { return false }; attempts = value; return true
                case .createdAt: guard let value = scanner.string(slot: slot) else { return false }; createdAt = value; return true
                case .latencyMS: latencyMS = scanner.number()?.double; return latencyMS != nil
                case .costUSD: costUSD = scanner.number()?.double; return costUSD != nil
                case .execution: execution = scanner.value(); return execution != nil
                case .judge: judge = scanner.value(); return judge != nil
                case .scores:
                    var position = 0
                    return scanner.object { inner, rawMetric in
                        defer { position += 1 }
                        // Metric names repeat in every record: cached by position (validated only on a miss).
                        let metric = StringCache.metricSlot(position).map { inner.strings.string(rawMetric, ascii: false, slot: $0) }
                            ?? String(validating: rawMetric, as: UTF8.self)
                        guard let metric, let value = inner.number()?.double, scores[metric] == nil else { return false }
                        scores[metric] = value
                        return true
                    }
                case .usage:
                    var input: Int?, outputTokens: Int?
                    let parsed = scanner.object { inner, name in
                        switch String(decoding: name, as: UTF8.self) {
                        case "input_tokens": input = inner.number()?.integer; return input != nil
                        case "output_tokens": outputTokens = inner.number()?.integer; return outputTokens != nil
                        default: return false
                        }
                    }
                    guard parsed, let input, let outputTokens else { return false }
                    usage = .init(inputTokens: input, outputTokens: outputTokens)
                    return true
                case .error:
                    var kind: String?, message: String?, httpStatus: Int?
                    let parsed = scanner.object { inner, name in
                        switch String(decoding: name, as: UTF8.self) {
                        case "kind": kind = inner.string(); return kind != nil
                        case "message": message = inner.string(); return message != nil
                        case "http_status": httpStatus = inner.number()?.integer; return httpStatus != nil
                        default: return false
                        }
                    }
                    guard parsed, let kind, let message else { return false }
                    error = .init(kind: kind, message: message, httpStatus: httpStatus)
                    return true
                }
            }
            skipSpace()
            guard ok, index == bytes.count, schemaVersion == ResultRecord.currentSchemaVersion, let runID, let model, let benchmark,
                  let task, let taskHash, let sample, let status else { return nil }
            var record = ResultRecord(runID: runID, model: model, benchmark: benchmark, task: task, category: category,
                                      taskHash: taskHash, sample: sample, status: status, error: error, finishReason: finishReason,
                                      scores: scores, passed: passed, usage: usage, latencyMS: latencyMS, costUSD: costUSD,
                                      cached: cached, attempts: attempts, createdAtText: createdAt)
            record.output = output
            record.outputSHA256 = outputSHA256
            record.execution = execution
            record.judge = judge
            return record
        }
    }
}
