import CCodescoreZlib
import Foundation

/// Gzip through the system zlib: the drill-down pages carry their data compressed, and the browser's
/// DecompressionStream opens it.
enum Gzip {
    struct Failure: Error {}

    static func compress(_ data: Data, level: Int32 = 9) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = data.withUnsafeBytes { bytes in
            codescore_gzip(bytes.bindMemory(to: UInt8.self).baseAddress, data.count, level, &output, &length)
        }
        guard status == 0, let output else { throw Failure() }
        defer { free(output) }
        return Data(bytes: output, count: length)
    }

    /// At most `limit` bytes: a hostile stream cannot make it allocate more.
    static func decompress(_ data: Data, limit: Int = 1 << 30) throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = data.withUnsafeBytes { bytes in
            codescore_gunzip(bytes.bindMemory(to: UInt8.self).baseAddress, data.count, limit, &output, &length)
        }
        guard status == 0, let output else { throw Failure() }
        defer { free(output) }
        return Data(bytes: output, count: length)
    }
}
