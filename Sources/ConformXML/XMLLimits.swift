/// Resource limits for reading one untrusted document. Every breach ends the read with
/// `XMLReadFailure.Kind.limitExceeded` and a message naming the limit, never a crash.
public struct XMLLimits: Sendable, Equatable {
    /// Largest document accepted, in bytes (default 32 MiB; BTR-XML reports are typically 10–100 KB).
    public var maxBytes: Int
    /// Deepest element nesting accepted (default 32; BTR-XML needs 3). libxml2's own limit of 256
    /// applies as well, since `XML_PARSE_HUGE` is never set.
    public var maxDepth: Int
    /// Longest attribute value accepted, in bytes (default 64 KiB).
    public var maxAttributeLength: Int
    /// Most elements accepted in one document (default 500,000).
    public var maxElements: Int
    /// Longest time spent reading one document, in seconds (default 10; a 100 KB report takes
    /// about a millisecond).
    public var maxSeconds: Double

    public init(maxBytes: Int = 32 << 20, maxDepth: Int = 32, maxAttributeLength: Int = 64 << 10, maxElements: Int = 500_000,
                maxSeconds: Double = 10) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxAttributeLength = maxAttributeLength
        self.maxElements = maxElements
        self.maxSeconds = maxSeconds
    }

    public static let `default` = XMLLimits()
}
