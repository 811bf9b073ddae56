import CCodescoreZlib
import Foundation

/// Gzip through the system zlib: the drill-down pages carry their data compressed, and the browser's
/// DecompressionStream opens it.
enum Gzip {
    struct Failure: Error {}

    static func compress(_ data: Data, level: Int32 = 9) throws -> Data {
        try transform(data) { codescore_gzip($0, $1, level, &$2, &$3) }
    }

    /// At most `limit` bytes: a hostile stream cannot make it allocate more.
    static func decompress(_ data: Data, limit: Int = 1 << 30) throws -> Data {
        try transform(data) { codescore_gunzip($0, $1, limit, &$2, &$3) }
    }

    /// Runs one of the C calls (input, length, malloc'd output, its length; 0 on success) over `data`.
    private static func transform(
        _ data: Data,
        _ call: (UnsafePointer<UInt8>?, Int, inout UnsafeMutablePointer<UInt8>?, inout Int) -> Int32
    ) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = data.withUnsafeBytes { bytes in call(bytes.bindMemory(to: UInt8.self).baseAddress, data.count, &output, &length) }
        guard status == 0, let output else { throw Failure() }
        defer { free(output) }
        return Data(bytes: output, count: length)
    }
}
