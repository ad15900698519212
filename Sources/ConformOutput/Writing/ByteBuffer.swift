import ConformFindings

/// Growable bytes for the writers. `Array.append(contentsOf:)` costs about a hundred instructions
/// per call whatever the length, and a JSONL finding is some forty short appends; here an append
/// is a capacity check and a copy. A value (copy on write), like the array it stands in for: the
/// pointer, count and capacity live in the struct (no dynamic exclusivity checks), the memory
/// belongs to an owner object that is copied before a shared buffer is written.
struct ByteBuffer {
    private final class Owner {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            self.capacity = capacity
            base = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        }

        deinit { base.deallocate() }
    }

    private var owner: Owner
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0
    /// Set while the one holder of this buffer promises not to copy it (see
    /// `JSONWriter.beginExclusiveWrites`): writes then skip the check that the memory is not shared,
    /// made once when it was set (a copy made meanwhile would write into the same memory: wrong
    /// bytes, never memory out of bounds, since each copy checks its own capacity).
    private var unshared = false

    init(capacity: Int = 4096) {
        owner = Owner(capacity: max(capacity, 64))
        base = owner.base
        self.capacity = owner.capacity
    }

    /// A buffer that writes into `memory`, which is not its own, as long as what is written fits;
    /// a write that does not fit first moves what is written into memory of its own, as growing
    /// does. The owner is then a stand-in that holds nothing: a copy of the buffer shares it, so
    /// either one's next write moves into memory of its own (copy on write, as for its own memory).
    /// The caller keeps `memory` alive while the buffer may write into it, and reads the bytes
    /// from it only if `writes(into:)` still says so.
    init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) {
        owner = Owner(capacity: 1)
        if let start = memory.baseAddress, memory.count > 0 {
            base = start
            capacity = memory.count
        } else {
            base = owner.base
            capacity = owner.capacity
        }
    }

    /// Whether what is written is in `memory` (see `init(writingInto:)`).
    func writes(into memory: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        base == memory.baseAddress
    }

    /// The bytes written, as an array (one copy).
    var array: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Room for `extra` more bytes in memory that no other buffer shares.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra <= capacity, unshared || isKnownUniquelyReferenced(&owner) { return }
        grow(extra)
    }

    /// New memory: at least twice as large when full, the same size when only shared.
    @inline(never)
    private mutating func grow(_ extra: Int) {
        let needed = count + extra
        let larger = Owner(capacity: needed > capacity ? max(needed, capacity * 2) : capacity)
        larger.base.update(from: base, count: count)
        owner = larger
        base = larger.base
        capacity = larger.capacity
    }

    /// Writes at most `maximum` bytes in place: `body` gets where to write and returns how many
    /// it wrote (one capacity check for a whole field instead of one per piece).
    @inline(__always)
    mutating func write(reserving maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        reserve(maximum)
        count += body(base + count)
    }

    /// An integer in decimal, written in place (no string made).
    mutating func appendDecimal(_ value: Int) {
        write(reserving: 20) { out in
            NumberFormatting.writeDecimal(Int64(value), to: out)
        }
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        base[count] = first
        base[count + 1] = second
        count += 2
    }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        Self.copy(source, to: base + count, count: bytes.count)
        count += bytes.count
    }

    /// Copies `count` bytes between buffers that do not overlap. A short run (most keys and values
    /// of a finding's line are) is moved as two overlapping words or byte by byte, without a call;
    /// a longer one by `update(from:count:)`. (Small copies were a few percent of the JSONL's
    /// time, in calls to the C library's `memcpy`.)
    @inline(__always)
    static func copy(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        if count > 16 {
            target.update(from: source, count: count)
        } else if count >= 8 {
            let first = UnsafeRawPointer(source).loadUnaligned(as: UInt64.self)
            let last = UnsafeRawPointer(source + (count - 8)).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(target).storeBytes(of: first, as: UInt64.self)
            UnsafeMutableRawPointer(target + (count - 8)).storeBytes(of: last, as: UInt64.self)
        } else {
            var index = 0
            while index < count {
                target[index] = source[index]
                index += 1
            }
        }
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// A string's UTF-8 bytes (native strings lend them without a copy).
    mutating func append(_ text: String) {
        if text.utf8.withContiguousStorageIfAvailable({ append($0) }) == nil {
            var text = text
            text.withUTF8 { append($0) }
        }
    }

    /// Makes the memory this buffer's own (copied if shared) and skips the sharing check until
    /// `endUnshared` (see `unshared`).
    mutating func beginUnshared() {
        if !isKnownUniquelyReferenced(&owner) { grow(0) }
        unshared = true
    }

    mutating func endUnshared() {
        unshared = false
    }

    /// Empties the buffer and keeps its memory (unless another buffer shares it).
    mutating func removeAll() {
        if !isKnownUniquelyReferenced(&owner) {
            owner = Owner(capacity: capacity)
            base = owner.base
        }
        count = 0
    }
}
