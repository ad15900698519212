/// An ISO 8601 date-time with a UTC offset, as BTR-XML requires:
/// `YYYY-MM-DDThh:mm[:ss[.fff]](Z|±hh:mm)`. Kept as the instant (seconds since 1970 UTC) and the
/// text as written.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let secondsSinceEpoch: Double
    public let text: String
    /// The local calendar date as written (before applying the offset).
    public let localDate: CivilDate

    public init?(parsing text: String) {
        // The string's own bytes, not a copy of them (times are read for every test and event).
        var bytes = text
        guard let (instant, date) = bytes.withUTF8({ Self.parse($0) }) else { return nil }
        self.secondsSinceEpoch = instant
        self.text = text
        self.localDate = date
    }

    /// The instant and the local date of a date-time in UTF-8 (see `init(parsing:)`).
    private static func parse(_ b: UnsafeBufferPointer<UInt8>) -> (Double, CivilDate)? {
        guard b.count >= 17, b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"),
              let date = CivilDate.parse(UnsafeBufferPointer(rebasing: b[0..<10])),
              b[13] == UInt8(ascii: ":"),
              let hour = CivilDate.digits(b[11..<13]), let minute = CivilDate.digits(b[14..<16]),
              hour < 24, minute < 60 else { return nil }
        var i = 16
        var seconds = 0.0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard i + 3 <= b.count, let s = CivilDate.digits(b[(i + 1)..<(i + 3)]), s <= 60 else { return nil }
            seconds = Double(s)
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") {
                var j = i + 1
                var fraction = 0.0, scale = 0.1
                while j < b.count, b[j] >= UInt8(ascii: "0"), b[j] <= UInt8(ascii: "9") {
                    fraction += Double(b[j] - UInt8(ascii: "0")) * scale
                    scale /= 10
                    j += 1
                }
                guard j > i + 1 else { return nil }
                seconds += fraction
                i = j
            }
        }
        guard i < b.count else { return nil } // the offset is required
        var offsetSeconds = 0
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            guard i + 1 == b.count else { return nil }
        } else {
            guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), i + 6 == b.count, b[i + 3] == UInt8(ascii: ":"),
                  let oh = CivilDate.digits(b[(i + 1)..<(i + 3)]), let om = CivilDate.digits(b[(i + 4)..<(i + 6)]),
                  oh <= 14, om < 60 else { return nil }
            offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
        }
        let local = Double(date.daysSinceEpoch * 86_400 + hour * 3600 + minute * 60) + seconds
        return (local - Double(offsetSeconds), date)
    }

    public var description: String { text }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.secondsSinceEpoch < b.secondsSinceEpoch }
    public static func == (a: Timestamp, b: Timestamp) -> Bool { a.secondsSinceEpoch == b.secondsSinceEpoch && a.text == b.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
