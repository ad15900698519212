#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Values by name, for the lookups a decoder makes for every value it reads (a unit by its
/// spelling, a name's dimensions in the vocabulary): a few hundred names, each looked up many
/// times. Hashed with FNV-1a over the name's UTF-8 bytes and probed linearly, which costs about a
/// third of a `Dictionary` lookup (SipHash, and a copy of the value's storage counted up and down).
/// Names compare as `String`s do, so any name a `Dictionary` finds this finds.
public struct NameTable<Value: Sendable>: Sendable {
    private let keys: [String]
    private let values: [Value]
    /// Index into `keys` + 1 for each slot, 0 for an empty slot; the count is a power of two.
    private let slots: [Int32]

    /// The first value of each name is kept.
    public init(_ pairs: some Sequence<(String, Value)>) {
        var keys: [String] = [], values: [Value] = []
        for (key, value) in pairs {
            keys.append(key)
            values.append(value)
        }
        var size = 8
        while size < keys.count * 2 { size *= 2 }
        var slots = [Int32](repeating: 0, count: size)
        for index in keys.indices {
            var slot = Self.hash(keys[index]) & (size - 1)
            var duplicate = false
            while slots[slot] != 0 {
                if keys[Int(slots[slot]) - 1] == keys[index] { duplicate = true; break }
                slot = (slot + 1) & (size - 1)
            }
            if !duplicate { slots[slot] = Int32(index + 1) }
        }
        self.keys = keys
        self.values = values
        self.slots = slots
    }

    public subscript(name: String) -> Value? {
        index(of: name).map { values[$0] }
    }

    /// `body` applied to the value of `name` where it is kept (a value returned is a copy, its
    /// storage counted up and down); nil when there is none.
    func withValue<Result>(of name: String, _ body: (Value) -> Result) -> Result? {
        guard let index = index(of: name) else { return nil }
        return values.withUnsafeBufferPointer { body($0[index]) }
    }

    private func index(of name: String) -> Int? {
        var copy = name
        let found = name.utf8.withContiguousStorageIfAvailable(position(ofBytes:)) ?? copy.withUTF8(position(ofBytes:))
        if let found { return found }
        // A non-ASCII name may be a canonically equivalent spelling of a key (`Ω` as the ohm
        // sign, U+2126): `==` says so, as a `Dictionary` would, though the bytes differ.
        guard name.utf8.contains(where: { $0 >= 0x80 }) else { return nil }
        return keys.firstIndex { $0 == name }
    }

    /// The key whose UTF-8 bytes are exactly `bytes`, and its value: a name read from a document
    /// taken as the table's own string (no string made and checked per read, and the same storage
    /// for every report). Canonically equivalent spellings are not matched: their bytes differ, and
    /// the caller makes its own string of them as before.
    public func entry(matching bytes: UnsafeBufferPointer<UInt8>) -> (key: String, value: Value)? {
        position(ofBytes: bytes).map { (keys[$0], values[$0]) }
    }

    /// The position of the key whose UTF-8 bytes are exactly `bytes`, found by their hash.
    private func position(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        var slot = Self.fnv(bytes) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            let matches = keys[entry - 1].utf8.withContiguousStorageIfAvailable { key in
                guard key.count == bytes.count else { return false }
                guard let a = key.baseAddress, let b = bytes.baseAddress else { return key.isEmpty }
                return memcmp(a, b, key.count) == 0
            }
            if matches == true { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    public var count: Int { keys.count }

    /// FNV-1a of the UTF-8 bytes (canonically equivalent spellings hash differently: see the
    /// subscript).
    private static func fnv(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }

    private static func hash(_ name: String) -> Int {
        if let hash = name.utf8.withContiguousStorageIfAvailable(fnv) { return hash }
        var copy = name
        return copy.withUTF8(fnv)
    }
}
