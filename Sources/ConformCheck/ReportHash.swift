import ConformModel
import Crypto

/// SHA-256 of a report's bytes (the bytes already read for parsing), as lowercase hex.
public enum ReportHash {
    public static func sha256(_ bytes: UnsafeRawBufferPointer) -> String {
        Hexadecimal.lowercase(SHA256.hash(data: bytes))
    }
}
