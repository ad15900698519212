import ConformFindings

/// A small byte writer for JSON: no encoder, no intermediate dictionaries, deterministic output
/// (fields in the order written, numbers via one formatter, UTF-8 passed through).
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init() {}

    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
    }

    public mutating func endObject() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Opens an object whose first fields are `fields`, already written as JSON (`"a":1,"b":2`).
    public mutating func beginObject(withFields fields: [UInt8]) {
        beginObject()
        bytes.append(contentsOf: fields)
        if !fields.isEmpty { needsComma[needsComma.count - 1] = true }
    }

    /// Fields already written as JSON (`"a":1,"b":2`), appended to the open object.
    public mutating func fields(_ fields: [UInt8]) {
        guard !fields.isEmpty else { return }
        separate()
        bytes.append(contentsOf: fields)
    }

    /// A value already written as JSON (after `key`, or in an array).
    public mutating func raw(_ value: [UInt8]) {
        separate()
        bytes.append(contentsOf: value)
    }

    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
    }

    public mutating func endArray() {
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"name":`; the value follows.
    public mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        if !needsComma.isEmpty { needsComma[needsComma.count - 1] = false }
    }

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    public mutating func number(_ value: Double) {
        separate()
        bytes.append(contentsOf: NumberFormatting.text(value).utf8)
    }

    public mutating func integer(_ value: Int) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
    }

    // Field helpers: absent optional values are left out.
    public mutating func field(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    public mutating func field(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    public mutating func field(_ name: String, _ value: Double?) {
        guard let value else { return }
        key(name)
        number(value)
    }

    public mutating func newline() {
        bytes.append(UInt8(ascii: "\n"))
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        guard let last = needsComma.last else { return }
        if last { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func writeString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        // Most strings need no escaping: copy them whole.
        var value = value
        let clean = value.withUTF8 { utf8 -> Bool in
            guard Self.needsNoEscape(utf8) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if clean {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5c, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5c, 0x5c])
            case 0x0a: bytes.append(contentsOf: [0x5c, UInt8(ascii: "n")])
            case 0x0d: bytes.append(contentsOf: [0x5c, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5c, UInt8(ascii: "t")])
            case 0..<0x20, 0x7f:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5c, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether no byte needs escaping (control characters, `"`, `\\`, DEL): eight bytes at a time
    /// (the usual SWAR tests for a zero byte and for a byte below a bound), then byte by byte.
    public static func needsNoEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        let raw = UnsafeRawPointer(base)
        while index + 8 <= utf8.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte below 0x20 (bytes of 0x80 and above never match: ~word clears them).
            if (word &- ones &* 0x20) & ~word & highs != 0 { return false }
            if hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5c)) || hasZero(word ^ (ones &* 0x7f)) { return false }
            index += 8
        }
        while index < utf8.count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5c || byte == 0x7f { return false }
            index += 1
        }
        return true
    }
}
