/// BTR-XML's number syntax.
public enum NumberText {
    /// Parses BTR-XML's decimal syntax: `[+-]digits[.digits][(e|E)[+-]digits]` (also `.5`, `5.`).
    /// Anything else (hexadecimal, `inf`, `nan`, commas, blanks) is nil.
    public static func parse(_ text: String) -> Double? {
        if let exact = plainDecimal(text) { return exact }
        var digitsBefore = 0, digitsAfter = 0, exponentDigits = 0
        var state = 0 // 0 sign/int, 1 fraction, 2 exponent sign, 3 exponent digits
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch (state, byte) {
            case (0, UInt8(ascii: "+")), (0, UInt8(ascii: "-")):
                if index != 0 { return nil }
            case (0, UInt8(ascii: "0")...UInt8(ascii: "9")): digitsBefore += 1
            case (0, UInt8(ascii: ".")): state = 1
            case (1, UInt8(ascii: "0")...UInt8(ascii: "9")): digitsAfter += 1
            case (0, UInt8(ascii: "e")), (0, UInt8(ascii: "E")), (1, UInt8(ascii: "e")), (1, UInt8(ascii: "E")):
                if digitsBefore + digitsAfter == 0 { return nil }
                state = 2
            case (2, UInt8(ascii: "+")), (2, UInt8(ascii: "-")): state = 3
            case (2, UInt8(ascii: "0")...UInt8(ascii: "9")), (3, UInt8(ascii: "0")...UInt8(ascii: "9")):
                state = 3
                exponentDigits += 1
            default: return nil
            }
        }
        guard digitsBefore + digitsAfter > 0, state < 2 || exponentDigits > 0 else { return nil }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// The common case, `[+-]digits[.digits]` with at most 15 digits in all, without the general
    /// conversion: the digits make an integer below 2^53 and ten to the number of fraction digits is
    /// exact too, so their quotient is the correctly rounded value, as the general conversion gives
    /// (Clinger's fast path). nil sends anything else to the general path.
    static func plainDecimal(_ text: String) -> Double? {
        // Over the string's own bytes (its iterator cost more than the conversion).
        if let value = text.utf8.withContiguousStorageIfAvailable(plainDecimal(bytes:)) { return value }
        return Array(text.utf8).withUnsafeBufferPointer(plainDecimal(bytes:))
    }

    private static func plainDecimal(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var mantissa: Int64 = 0
        var digits = 0, fractionDigits = 0
        var negative = false, inFraction = false
        for index in bytes.indices {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                digits += 1
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + Int64(byte - UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            case UInt8(ascii: "."):
                guard !inFraction else { return nil }
                inFraction = true
            case UInt8(ascii: "-") where index == 0:
                negative = true
            case UInt8(ascii: "+") where index == 0:
                break
            default:
                return nil
            }
        }
        guard digits > 0 else { return nil }
        let powers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]
        let magnitude = Double(mantissa) / powers[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}
