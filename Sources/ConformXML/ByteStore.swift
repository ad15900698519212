/// Growable bytes with one owner: the tree builder's attribute values and texts, appended a few
/// bytes at a time, about a thousand times per report. An append is a capacity check and a copy
/// (`Array.append(contentsOf:)` cost about a hundred instructions per call whatever the length).
/// Not copyable, so no two holders can ever share the memory: no check that it is unshared is
/// needed, and the memory is freed when the owner goes.
struct ByteStore: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 64) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        if bytes.count > capacity - count { grow(toHold: bytes.count) }
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(toHold: 1) }
        (base + count).initialize(to: byte)
        count += 1
    }

    /// Appends the bytes of `other` (another store: the text of an element, kept aside until the
    /// element turns out to be a leaf).
    mutating func append(contentsOf other: borrowing ByteStore) {
        other.withBytes { append($0) }
    }

    /// Empties the store and keeps its memory.
    mutating func removeAll() {
        count = 0
    }

    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The bytes, as an array (one copy).
    var array: [UInt8] { withBytes { Array($0) } }

    /// At least twice the room, and enough for `extra` more bytes.
    @inline(never)
    private mutating func grow(toHold extra: Int) {
        let larger = max(count + extra, capacity * 2)
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        memory.initialize(from: base, count: count)
        base.deallocate()
        base = memory
        capacity = larger
    }
}
