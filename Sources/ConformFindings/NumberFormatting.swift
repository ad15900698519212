/// Numbers as every output writes them: integers without a fraction, others in Swift's shortest
/// round-trip form; never NaN or infinity (written as null).
public enum NumberFormatting {
    public static func text(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "null" }
        if let whole = whole(value) { return wholeNumber(whole, unit: nil) }
        // `description` is what interpolation writes, without the interpolation's own buffer.
        return value.description
    }

    /// `text(value)`, a space and `unit` (`1.5 h`), made as one string: the messages of findings
    /// show hundreds of these per report, and interpolation made each of them in several steps.
    public static func text(_ value: Double, unit: String) -> String {
        if let whole = whole(value) { return wholeNumber(whole, unit: unit) }
        var result = text(value)
        result.reserveCapacity(result.utf8.count + 1 + unit.utf8.count)
        result.append(" ")
        result.append(unit)
        return result
    }

    /// The value as an integer, when it is one that is written without a fraction.
    private static func whole(_ value: Double) -> Int64? {
        guard value.isFinite, value == value.rounded(), abs(value) < 1e15 else { return nil }
        return Int64(value)
    }

    /// A whole number's digits (and ` unit`), written straight into the string's storage.
    private static func wholeNumber(_ value: Int64, unit: String?) -> String {
        let unitBytes = unit.map { $0.utf8.count + 1 } ?? 0
        return String(unsafeUninitializedCapacity: decimalLength(value) + unitBytes) { out in
            guard let base = out.baseAddress else { return 0 }
            var at = writeDecimal(value, to: base)
            if let unit {
                out[at] = UInt8(ascii: " ")
                at += 1
                for byte in unit.utf8 {
                    out[at] = byte
                    at += 1
                }
            }
            return at
        }
    }

    /// How many bytes `value` takes in decimal (sign included): at most 20.
    public static func decimalLength(_ value: Int64) -> Int {
        var digits = 0
        var magnitude = value.magnitude
        repeat {
            digits += 1
            magnitude /= 10
        } while magnitude > 0
        return digits + (value < 0 ? 1 : 0)
    }

    /// Writes `value` in decimal at `out`, which has room for `decimalLength(value)` bytes (20
    /// always suffice); returns how many bytes were written.
    public static func writeDecimal(_ value: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let length = decimalLength(value)
        if value < 0 { out[0] = UInt8(ascii: "-") }
        var magnitude = value.magnitude
        var position = length - 1
        repeat {
            out[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            position -= 1
        } while magnitude > 0
        return length
    }
}
