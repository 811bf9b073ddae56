import Crypto
import Foundation

/// SHA-256 digests as lowercase hex, the one hash used for task identity, cache keys and output hashes.
public enum ContentHash {
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    /// Base64 of the raw digest of the UTF-8 text: the form a Content-Security-Policy hash source takes.
    public static func sha256Base64(_ text: String) -> String { Data(SHA256.hash(data: Data(text.utf8))).base64EncodedString() }

    /// Hashes a sequence of byte strings unambiguously (each is length-prefixed).
    public static func sha256Hex(parts: [Data]) -> String {
        var hasher = SHA256()
        for part in parts {
            var length = UInt64(part.count).bigEndian
            withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
            hasher.update(data: part)
        }
        return hex(hasher.finalize())
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { byte in byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
    }
}
