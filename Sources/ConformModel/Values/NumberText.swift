/// BTR-XML's number syntax.
public enum NumberText {
    /// Parses BTR-XML's decimal syntax: `[+-]digits[.digits][(e|E)[+-]digits]` (also `.5`, `5.`).
    /// Anything else (hexadecimal, `inf`, `nan`, commas, blanks) is nil.
    public static func parse(_ text: String) -> Double? {
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
}
