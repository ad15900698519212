import ConformFindings
import ConformModel

/// A small byte writer for JSON: no encoder, no intermediate dictionaries, deterministic output
/// (fields in the order written, numbers via one formatter, UTF-8 passed through).
public struct JSONWriter {
    private var buffer = ByteBuffer()
    /// Whether the innermost open object or array already has a member (a comma comes next).
    private var hasMember = false
    /// The same for the enclosing containers, outermost first.
    private var outer: [Bool] = []
    private var depth = 0

    public init() {}

    /// A writer for a few fields (the buffer's first memory is `capacity` bytes, not 4 KiB).
    public init(capacity: Int) {
        buffer = ByteBuffer(capacity: capacity)
    }

    /// A writer into `memory`, which is not its own (see `ByteBuffer.init(writingInto:)`).
    init(writingInto memory: UnsafeMutableBufferPointer<UInt8>) {
        buffer = ByteBuffer(writingInto: memory)
    }

    /// Everything written so far.
    public var bytes: [UInt8] { buffer.array }

    /// How many bytes are written.
    var count: Int { buffer.count }

    /// Whether what is written is in `memory` (see `init(writingInto:)`).
    func writes(into memory: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        buffer.writes(into: memory)
    }

    public mutating func beginObject() {
        opening(UInt8(ascii: "{"))
    }

    public mutating func endObject() {
        close()
        buffer.append(UInt8(ascii: "}"))
    }

    /// Opens an object whose first fields are `fields`, already written as JSON (`"a":1,"b":2`).
    public mutating func beginObject(withFields fields: [UInt8]) {
        beginObject()
        buffer.append(fields)
        if !fields.isEmpty { hasMember = true }
    }

    /// Fields already written as JSON (`"a":1,"b":2`), appended to the open object.
    public mutating func fields(_ fields: [UInt8]) {
        guard !fields.isEmpty else { return }
        separate()
        buffer.append(fields)
    }

    /// A value already written as JSON (after `key`, or in an array).
    public mutating func raw(_ value: [UInt8]) {
        separate()
        buffer.append(value)
    }

    public mutating func beginArray() {
        opening(UInt8(ascii: "["))
    }

    /// The comma when one is due and the opening bracket, in one write (each write checks the
    /// buffer's room and that it is not shared).
    private mutating func opening(_ bracket: UInt8) {
        if depth > 0 && hasMember {
            buffer.append(UInt8(ascii: ","), bracket)
        } else {
            buffer.append(bracket)
        }
        if depth > 0 { hasMember = true }
        open()
    }

    public mutating func endArray() {
        close()
        buffer.append(UInt8(ascii: "]"))
    }

    /// Writes `"name":` for a field name of the format (a literal: written as it is, unscanned;
    /// field names need no escaping); the value follows.
    public mutating func key(_ name: StaticString) {
        // The comma, the quoted name and the colon in one write.
        let comma = depth > 0 && hasMember
        buffer.write(reserving: name.utf8CodeUnitCount + 4) { out in Self.put(key: name, comma: comma, at: out) }
        hasMember = false
    }

    /// `,"name":` (the comma when `comma`) at `out`; returns how many bytes that is.
    @inline(__always)
    private static func put(key name: StaticString, comma: Bool, at out: UnsafeMutablePointer<UInt8>) -> Int {
        let length = name.utf8CodeUnitCount
        var at = 0
        if comma {
            out[0] = UInt8(ascii: ",")
            at = 1
        }
        out[at] = UInt8(ascii: "\"")
        ByteBuffer.copy(name.utf8Start, to: out + at + 1, count: length)
        out[at + length + 1] = UInt8(ascii: "\"")
        out[at + length + 2] = UInt8(ascii: ":")
        return at + length + 3
    }

    /// Writes `"name":` for a name that is data (a verdict, a rule id), escaped as any string.
    public mutating func key(text name: String) {
        separate()
        writeString(name)
        buffer.append(UInt8(ascii: ":"))
        hasMember = false
    }

    public mutating func string(_ value: String) {
        separate()
        writeString(value)
    }

    /// An XPath as a string, written from its steps (no string of the whole is made).
    public mutating func xpath(_ path: DocumentPath) {
        separate()
        // The path's bytes, written by the outline into temporary memory, copied whole when clean
        // (element names always are, and the outline knows it without a scan).
        let plain = path.isPlain
        path.withTextBytes { bytes in
            if plain || Self.needsNoEscape(bytes) {
                buffer.write(reserving: bytes.count + 2) { out in Self.put(quoted: bytes, at: out) }
            } else {
                buffer.append(UInt8(ascii: "\""))
                appendEscapedSlowly(String(decoding: bytes, as: UTF8.self))
                buffer.append(UInt8(ascii: "\""))
            }
        }
    }

    public mutating func number(_ value: Double) {
        separate()
        writeNumber(value)
    }

    /// `value` as NumberFormatting writes it, after `"name":` (and its comma) when a name is
    /// given: a whole number or short decimal (the usual value) straight into the bytes, with its
    /// key in one write; any other value through its text.
    @inline(__always)
    private mutating func writeNumber(_ value: Double, key name: StaticString? = nil) {
        let comma = depth > 0 && hasMember
        var written = true
        func number(at out: UnsafeMutablePointer<UInt8>, after keyBytes: Int) -> Int {
            guard let count = NumberFormatting.write(value, to: out + keyBytes) else {
                written = false
                return 0
            }
            return keyBytes + count
        }
        if let name {
            buffer.write(reserving: name.utf8CodeUnitCount + 24) { out in number(at: out, after: Self.put(key: name, comma: comma, at: out)) }
        } else {
            buffer.write(reserving: 20) { out in number(at: out, after: 0) }
        }
        if !written {
            if let name {
                key(name)
                separate()
            }
            buffer.append(NumberFormatting.text(value))
        } else if name != nil, depth > 0 {
            hasMember = true
        }
    }

    public mutating func integer(_ value: Int) {
        separate()
        buffer.appendDecimal(value)
    }

    public mutating func boolean(_ value: Bool) {
        separate()
        buffer.append(value ? "true" : "false")
    }

    public mutating func null() {
        separate()
        buffer.append("null")
    }

    // Field helpers: absent optional values are left out.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        writeString(value, key: name)
    }

    /// `"name":"value"` for a value of the format's own vocabulary (a verdict, a severity): a
    /// literal that needs no escaping, written with its key in one piece, unscanned.
    public mutating func field(_ name: StaticString, literal value: StaticString) {
        let comma = depth > 0 && hasMember
        let length = value.utf8CodeUnitCount
        buffer.write(reserving: name.utf8CodeUnitCount + length + 6) { out in
            let at = Self.put(key: name, comma: comma, at: out)
            return at + Self.put(quoted: UnsafeBufferPointer(start: value.utf8Start, count: length), at: out + at)
        }
        if depth > 0 { hasMember = true }
    }

    /// A finding's message as a string field, composed as it is written (by its rule's composer):
    /// its pieces go straight into the bytes, escaped, and no string of the whole is made.
    public mutating func field(_ name: StaticString, messageOf finding: Finding) {
        key(name)
        separate()
        buffer.append(UInt8(ascii: "\""))
        withUnsafeMutablePointer(to: &self) { writer in
            var sink = EscapingSink(writer: writer)
            finding.writeMessage(into: &sink)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    public mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        // Key and digits in one write.
        let comma = depth > 0 && hasMember
        buffer.write(reserving: name.utf8CodeUnitCount + 24) { out in
            let at = Self.put(key: name, comma: comma, at: out)
            return at + NumberFormatting.writeDecimal(Int64(value), to: out + at)
        }
        if depth > 0 { hasMember = true }
    }

    public mutating func field(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        writeNumber(value, key: name)
    }

    public mutating func newline() {
        buffer.append(UInt8(ascii: "\n"))
    }

    /// From here to `endExclusiveWrites`, the check that the writer's memory is not shared with
    /// a copy is made once, here, instead of at every write (a JSONL finding is some forty
    /// writes). Internal: in between, the writer must not be copied (see `ByteBuffer.unshared`).
    mutating func beginExclusiveWrites() {
        buffer.beginUnshared()
    }

    mutating func endExclusiveWrites() {
        buffer.endUnshared()
    }

    public mutating func removeAll() {
        buffer.removeAll()
        outer.removeAll(keepingCapacity: true)
        hasMember = false
        depth = 0
    }

    private mutating func open() {
        if depth > 0 { outer.append(hasMember) }
        depth += 1
        hasMember = false
    }

    private mutating func close() {
        depth -= 1
        hasMember = depth > 0 ? outer.removeLast() : false
    }

    /// A comma before every member of a container but its first.
    private mutating func separate() {
        guard depth > 0 else { return }
        if hasMember { buffer.append(UInt8(ascii: ",")) }
        hasMember = true
    }

    /// `value` as a JSON string, after `"name":` (and its comma) when a name is given. Most
    /// strings need no escaping: copied whole between their quotes, with their key, in one write
    /// (native strings lend their bytes); any other is escaped byte by byte.
    @inline(__always)
    private mutating func writeString(_ value: String, key name: StaticString? = nil) {
        let comma = depth > 0 && hasMember
        func copyIfClean(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            guard Self.needsNoEscape(utf8) else { return false }
            if let name {
                buffer.write(reserving: name.utf8CodeUnitCount + utf8.count + 6) { out in
                    let at = Self.put(key: name, comma: comma, at: out)
                    return at + Self.put(quoted: utf8, at: out + at)
                }
            } else {
                buffer.write(reserving: utf8.count + 2) { out in Self.put(quoted: utf8, at: out) }
            }
            return true
        }
        var clean = false
        if let lent = value.utf8.withContiguousStorageIfAvailable(copyIfClean) {
            clean = lent
        } else {
            var value = value
            clean = value.withUTF8(copyIfClean)
        }
        if clean {
            if name != nil, depth > 0 { hasMember = true }
            return
        }
        if let name {
            key(name)
            separate()
        }
        buffer.append(UInt8(ascii: "\""))
        appendEscapedSlowly(value)
        buffer.append(UInt8(ascii: "\""))
    }

    /// `"`, the bytes and `"` at `out`; returns how many bytes that is.
    @inline(__always)
    private static func put(quoted bytes: UnsafeBufferPointer<UInt8>, at out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\"")
        if let source = bytes.baseAddress { ByteBuffer.copy(source, to: out + 1, count: bytes.count) }
        out[bytes.count + 1] = UInt8(ascii: "\"")
        return bytes.count + 2
    }

    /// The string's characters, escaped, without quotes (a piece of a string being composed).
    fileprivate mutating func appendEscaped(_ value: String) {
        func copyIfClean(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            guard Self.needsNoEscape(utf8) else { return false }
            buffer.append(utf8)
            return true
        }
        if let clean = value.utf8.withContiguousStorageIfAvailable(copyIfClean), clean { return }
        appendEscapedSlowly(value)
    }

    /// Byte by byte: `"`, `\\` and control characters escaped, everything else (UTF-8) as it is.
    private mutating func appendEscapedSlowly(_ value: String) {
        let hex = Array("0123456789abcdef".utf8)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append(0x5c, 0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5c, 0x5c)
            case 0x0a: buffer.append(0x5c, UInt8(ascii: "n"))
            case 0x0d: buffer.append(0x5c, UInt8(ascii: "r"))
            case 0x09: buffer.append(0x5c, UInt8(ascii: "t"))
            case 0..<0x20, 0x7f:
                buffer.append(0x5c, UInt8(ascii: "u"))
                buffer.append(UInt8(ascii: "0"), UInt8(ascii: "0"))
                buffer.append(hex[Int(byte >> 4)], hex[Int(byte & 0xf)])
            default: buffer.append(byte)
            }
        }
    }

    /// Whether no byte needs escaping (control characters, `"`, `\\`, DEL): sixteen bytes at a time
    /// in vector registers (the last sixteen loaded again, overlapping, for the rest), and for
    /// strings shorter than that eight at a time (the usual SWAR tests for a zero byte and for a
    /// byte below a bound), then byte by byte.
    public static func needsNoEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let count = utf8.count
        if count >= 16 {
            let space = SIMD16<UInt8>(repeating: 0x20), quote = SIMD16<UInt8>(repeating: 0x22)
            let backslash = SIMD16<UInt8>(repeating: 0x5c), delete = SIMD16<UInt8>(repeating: 0x7f)
            var index = 0
            while true {
                let v = raw.loadUnaligned(fromByteOffset: index, as: SIMD16<UInt8>.self)
                if any((v .< space) .| (v .== quote) .| (v .== backslash) .| (v .== delete)) { return false }
                if index + 16 == count { return true }
                // The next sixteen, or the last sixteen (overlapping those seen) at the end.
                index = min(index + 16, count - 16)
            }
        }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
        var index = 0
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // A byte below 0x20 (bytes of 0x80 and above never match: ~word clears them).
            if (word &- ones &* 0x20) & ~word & highs != 0 { return false }
            if hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5c)) || hasZero(word ^ (ones &* 0x7f)) { return false }
            index += 8
        }
        while index < count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5c || byte == 0x7f { return false }
            index += 1
        }
        return true
    }
}

/// Writes each piece of a composed string escaped into a writer (used only inside
/// `JSONWriter.field(_:messageOf:)`, within the scope of the writer's pointer).
private struct EscapingSink: MessageSink {
    let writer: UnsafeMutablePointer<JSONWriter>

    init(writer: UnsafeMutablePointer<JSONWriter>) {
        self.writer = writer
    }

    mutating func write(_ text: String) {
        writer.pointee.appendEscaped(text)
    }
}
