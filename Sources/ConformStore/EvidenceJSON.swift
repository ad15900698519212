import ConformFindings
import ConformOutput

/// A finding's evidence as stored in the `finding.evidence` column: the same JSON array as the
/// JSONL output's `evidence` (numbers, booleans and texts as their JSON types), readable with any
/// JSON tool (SQLite's json_extract, PostgreSQL's jsonb); decoded here by a small parser for
/// exactly this shape, because reused reports decode hundreds per report.
enum EvidenceJSON {
    static func encode(_ evidence: [Evidence]) -> String? {
        guard !evidence.isEmpty else { return nil }
        var writer = JSONWriter()
        writer.evidence(evidence)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    static func decode(_ json: String?) throws(StoreError) -> [Evidence] {
        guard var json else { return [] }
        var result: Result<[Evidence], StoreError> = .success([])
        json.withUTF8 { bytes in
            var parser = Parser(bytes: bytes)
            do throws(StoreError) {
                result = .success(try parser.evidence())
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private enum Scalar {
        case string(String)
        case number(Double)
        case boolean(Bool)
        case null
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        func failure() -> StoreError {
            StoreError("the store holds evidence that is not the JSON it writes (at byte \(index)): \(String(decoding: bytes.prefix(120), as: UTF8.self))")
        }

        mutating func skipSpace() {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0a || bytes[index] == 0x0d || bytes[index] == 0x09 { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(StoreError) {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { throw failure() }
            index += 1
        }

        /// Consumes `byte` if it is next.
        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        mutating func evidence() throws(StoreError) -> [Evidence] {
            try expect(UInt8(ascii: "["))
            var items: [Evidence] = []
            if take(UInt8(ascii: "]")) { return items }
            repeat {
                items.append(try object())
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
            skipSpace()
            guard index == bytes.count else { throw failure() }
            return items
        }

        mutating func object() throws(StoreError) -> Evidence {
            try expect(UInt8(ascii: "{"))
            // Evidence is immutable: its fields are gathered, then it is made.
            var name = "", value: Evidence.Value?, unit: String?, uncertainty: Double?, line: Int?, xpath: String?
            func item() -> Evidence { Evidence(name: name, value: value, unit: unit, uncertainty: uncertainty, line: line, xpath: xpath) }
            if take(UInt8(ascii: "}")) { return item() }
            repeat {
                skipSpace()
                let key = try string()
                try expect(UInt8(ascii: ":"))
                let scalar = try scalar()
                switch (key, scalar) {
                case ("name", .string(let text)): name = text
                case ("value", .number(let number)): value = .number(number)
                case ("value", .boolean(let flag)): value = .boolean(flag)
                case ("value", .string(let text)): value = .text(text)
                case ("unit", .string(let text)): unit = text
                case ("uncertainty", .number(let number)): uncertainty = number
                case ("line", .number(let number)): line = Int(exactly: number)
                case ("xpath", .string(let text)): xpath = text
                case (_, .null): break
                default: throw failure()
                }
            } while take(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return item()
        }

        mutating func scalar() throws(StoreError) -> Scalar {
            skipSpace()
            guard index < bytes.count else { throw failure() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for (word, value) in [("true", Scalar.boolean(true)), ("false", .boolean(false)), ("null", .null)] where matches(word) {
                    index += word.utf8.count
                    return value
                }
                throw failure()
            default:
                let start = index
                while index < bytes.count, Self.numberBytes.contains(bytes[index]) { index += 1 }
                guard let number = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) else { throw failure() }
                return .number(number)
            }
        }

        static let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)

        func matches(_ word: String) -> Bool {
            let utf8 = Array(word.utf8)
            return index + utf8.count <= bytes.count && Array(bytes[index..<(index + utf8.count)]) == utf8
        }

        mutating func string() throws(StoreError) -> String {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure() }
            index += 1
            let start = index
            // Fast path: no escape before the closing quote.
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") { index += 1 }
            guard index < bytes.count else { throw failure() }
            if bytes[index] == UInt8(ascii: "\"") {
                defer { index += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            }
            var utf8 = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if byte == UInt8(ascii: "\"") { return String(decoding: utf8, as: UTF8.self) }
                guard byte == UInt8(ascii: "\\") else { utf8.append(byte); continue }
                guard index < bytes.count else { throw failure() }
                let escaped = bytes[index]
                index += 1
                switch escaped {
                case UInt8(ascii: "n"): utf8.append(0x0a)
                case UInt8(ascii: "r"): utf8.append(0x0d)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0c)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count,
                          let code = UInt32(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<(index + 4)]), as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { throw failure() }
                    index += 4
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: utf8.append(escaped)
                }
            }
            throw failure()
        }
    }
}
