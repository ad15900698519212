/// The reports a store already holds for one configuration: read once at the start of a run,
/// consulted by every worker thread. Kept small, because a regulator's store may hold a million
/// reports: a 64-bit hash of the path and the 32 bytes of the SHA-256, about 70 bytes per report
/// instead of two strings. A path hash can collide, so whoever reuses a report checks the stored
/// path against its own (`StoredReport.path`) before printing the stored blocks.
public struct KnownReports: Sendable {
    struct Entry: Sendable {
        let digest: (UInt64, UInt64, UInt64, UInt64)
        let report: Int64
    }

    private var entries: [UInt64: Entry] = [:]

    public init() {}

    public static let none = KnownReports()

    public var count: Int { entries.count }

    /// Records the report stored for `path` (a later one replaces an earlier one).
    mutating func add(path: String, sha256: String, report: Int64) {
        guard let digest = Self.digest(sha256) else { return }
        entries[Self.key(path)] = Entry(digest: digest, report: report)
    }

    /// The stored report for these bytes at (probably) this path, if any.
    public func report(path: String, sha256: String) -> Int64? {
        guard let entry = entries[Self.key(path)], let digest = Self.digest(sha256), entry.digest == digest else { return nil }
        return entry.report
    }

    /// FNV-1a over the path's UTF-8.
    static func key(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The 64 hex digits of a SHA-256 as four words.
    static func digest(_ hex: String) -> (UInt64, UInt64, UInt64, UInt64)? {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 64 else { return nil }
        var words: [UInt64] = []
        for start in stride(from: 0, to: 64, by: 16) {
            guard let word = UInt64(String(decoding: utf8[start..<(start + 16)], as: UTF8.self), radix: 16) else { return nil }
            words.append(word)
        }
        return (words[0], words[1], words[2], words[3])
    }
}
