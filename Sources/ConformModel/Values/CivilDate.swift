/// A calendar date `YYYY-MM-DD` (proleptic Gregorian), as BTR-XML writes dates.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`; nil for anything else or an impossible date (2025-02-30).
    public init?(parsing text: String) {
        // The string's own bytes, not a copy of them (dates are read for every test).
        var text = text
        guard let date = text.withUTF8({ Self.parse($0) }) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD` in UTF-8 (see `init(parsing:)`).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let y = digits(bytes[0..<4]), let m = digits(bytes[5..<7]), let d = digits(bytes[8..<10])
        else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`: ten ASCII digits and dashes, written directly (year is 1...9999).
    public var description: String {
        // Into the string's own (small, inline) storage: an array of the ten bytes first was a
        // heap allocation per date written, and dates are read for every test.
        let digit = { (n: Int) in UInt8(ascii: "0") + UInt8(truncatingIfNeeded: n % 10) }
        let (year, month, day) = (year, month, day)
        return String(unsafeUninitializedCapacity: 10) { out in
            guard out.count >= 10 else { return 0 }
            (out[0], out[1], out[2], out[3], out[4]) = (digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), UInt8(ascii: "-"))
            (out[5], out[6], out[7], out[8], out[9]) = (digit(month / 10), digit(month), UInt8(ascii: "-"), digit(day / 10), digit(day))
            return 10
        }
    }

    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func digits(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in slice {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
