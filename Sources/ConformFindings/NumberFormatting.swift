/// Numbers as every output writes them: integers without a fraction, others in Swift's shortest
/// round-trip form; never NaN or infinity (written as null).
public enum NumberFormatting {
    public static func text(_ value: Double) -> String {
        if value.isNaN || value.isInfinite { return "null" }
        if let whole = whole(value) { return wholeNumber(whole, unit: nil) }
        if let decimal = shortDecimal(value) { return decimalNumber(decimal, unit: nil) }
        // `description` is what interpolation writes, without the interpolation's own buffer.
        return value.description
    }

    /// `text(value)`, a space and `unit` (`1.5 h`), made as one string: the messages of findings
    /// show hundreds of these per report, and interpolation made each of them in several steps.
    public static func text(_ value: Double, unit: String) -> String {
        if let whole = whole(value) { return wholeNumber(whole, unit: unit) }
        if let decimal = shortDecimal(value) { return decimalNumber(decimal, unit: unit) }
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

    /// A value with one to six decimals and a magnitude from 0.001 to 10⁹, as `digits / 10^places`
    /// (the sign apart): what Swift's shortest round-trip text writes for it is then exactly those
    /// digits with the point `places` from the right, which is written here without the general
    /// algorithm. Nil for anything else (the general algorithm decides).
    static func shortDecimal(_ value: Double) -> (negative: Bool, digits: Int64, places: Int)? {
        let magnitude = abs(value)
        guard magnitude >= 1e-3, magnitude < 1e9 else { return nil }
        var scale = 1.0
        for places in 1...6 {
            scale *= 10
            let scaled = (magnitude * scale).rounded()
            // Exactly the value once divided back (the division of two exact numbers is correctly
            // rounded, as parsing the text would be), so the text reads back as the same number;
            // no fewer places did, so no shorter text does.
            guard scaled / scale == magnitude else { continue }
            let digits = Int64(scaled)
            // A last digit 0 would mean fewer places should have matched: leave it to Swift.
            guard digits % 10 != 0 else { return nil }
            return (value < 0, digits, places)
        }
        return nil
    }

    private static func decimalNumber(_ decimal: (negative: Bool, digits: Int64, places: Int), unit: String?) -> String {
        let unitBytes = unit.map { $0.utf8.count + 1 } ?? 0
        return String(unsafeUninitializedCapacity: decimalNumberLength(decimal) + unitBytes) { out in
            guard let base = out.baseAddress else { return 0 }
            let at = writeDecimalNumber(decimal, to: base)
            return at + writeUnit(unit, to: base + at)
        }
    }

    /// How many bytes `writeDecimalNumber` writes for `decimal`: at most 18 (a sign, nine digits,
    /// the point and six decimals).
    private static func decimalNumberLength(_ decimal: (negative: Bool, digits: Int64, places: Int)) -> Int {
        (decimal.negative ? 1 : 0) + decimalLength(decimal.digits / powerOfTen(decimal.places)) + 1 + decimal.places
    }

    /// 10 to the `places` (at most six, see `shortDecimal`).
    private static func powerOfTen(_ places: Int) -> Int64 {
        var power: Int64 = 1
        for _ in 0..<places { power *= 10 }
        return power
    }

    /// `decimal` (see `shortDecimal`) written at `out`; returns how many bytes that is.
    private static func writeDecimalNumber(_ decimal: (negative: Bool, digits: Int64, places: Int), to out: UnsafeMutablePointer<UInt8>) -> Int {
        let power = powerOfTen(decimal.places)
        let whole = decimal.digits / power, fraction = decimal.digits % power
        var at = 0
        if decimal.negative {
            out[0] = UInt8(ascii: "-")
            at = 1
        }
        at += writeDecimal(whole, to: out + at)
        out[at] = UInt8(ascii: ".")
        var rest = fraction
        for position in stride(from: at + decimal.places, to: at, by: -1) {
            out[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return at + 1 + decimal.places
    }

    /// `text(value)` written at `out`, which has room for 20 bytes, when it is a whole number or a
    /// short decimal (see `shortDecimal`), as nearly every value of a report is; returns how many
    /// bytes that is, or nil (nothing written) for any other value: `text` makes that one.
    public static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        if let whole = whole(value) { return writeDecimal(whole, to: out) }
        if let decimal = shortDecimal(value) { return writeDecimalNumber(decimal, to: out) }
        return nil
    }

    /// A whole number's digits (and ` unit`), written straight into the string's storage.
    private static func wholeNumber(_ value: Int64, unit: String?) -> String {
        let unitBytes = unit.map { $0.utf8.count + 1 } ?? 0
        return String(unsafeUninitializedCapacity: decimalLength(value) + unitBytes) { out in
            guard let base = out.baseAddress else { return 0 }
            let at = writeDecimal(value, to: base)
            return at + writeUnit(unit, to: base + at)
        }
    }

    /// ` unit` at `out` (nothing without one); returns how many bytes that is.
    private static func writeUnit(_ unit: String?, to out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let unit else { return 0 }
        out[0] = UInt8(ascii: " ")
        var at = 1
        for byte in unit.utf8 {
            out[at] = byte
            at += 1
        }
        return at
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
