/// `--shard K/N`: a deterministic share of the inputs, by a hash of each path (FNV-1a, 64 bit),
/// the same on every machine, so N independent runs cover every input exactly once.
public struct Shard: Sendable, Equatable {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        index = k
        count = n
    }

    public func contains(_ path: String) -> Bool {
        Int(Shard.hash(path) % UInt64(count)) == index - 1
    }

    public static func hash(_ path: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
