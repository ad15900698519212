import ConformModel
import Testing

@Suite("Numbers, dates and date-times")
struct ValueSyntaxTests {
    @Test(arguments: ["0", "307.2", "-40", "+5", ".5", "5.", "1e-3", "1.2E+2", "0.000001"])
    func acceptsDecimals(_ text: String) throws {
        let value = try #require(NumberText.parse(text))
        #expect(value == Double(text))
    }

    /// The short path for plain decimals gives exactly (bit for bit) what the general conversion
    /// gives, for random decimals of 1 to 18 digits with the point anywhere, signs and zeros.
    @Test func plainDecimalsAreConvertedExactly() {
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let count = Int.random(in: 1...18, using: &generator)
            var digits = String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            let point = Int.random(in: 0...count + 1, using: &generator)
            if point <= count { digits.insert(".", at: digits.index(digits.startIndex, offsetBy: point)) }
            let text = ["", "-", "+"].randomElement(using: &generator)! + digits
            guard let expected = Double(text) else { continue }
            let parsed = NumberText.parse(text)
            if parsed?.bitPattern != expected.bitPattern { mismatches.append("\(text): \(String(describing: parsed)) vs \(expected)") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test(arguments: ["", " 1", "1,5", "0x10", "inf", "nan", "1e", "e5", ".", "+", "1.2.3", "--1", "5 V", "1e+"])
    func refusesAnythingElse(_ text: String) {
        #expect(NumberText.parse(text) == nil)
    }

    @Test func dates() throws {
        #expect(CivilDate(parsing: "2025-09-12")?.description == "2025-09-12")
        #expect(CivilDate(parsing: "0007-01-05")?.description == "0007-01-05")
        #expect(CivilDate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        #expect(CivilDate(parsing: "2024-02-29") != nil)
        for bad in ["2025-02-29", "2025-13-01", "2025-04-31", "25-09-12", "2025/09/12", "2025-9-12", "2025-09-12Z"] {
            #expect(CivilDate(parsing: bad) == nil, "\(bad)")
        }
        #expect(try #require(CivilDate(parsing: "1970-01-01")).daysSinceEpoch == 0)
        #expect(try #require(CivilDate(parsing: "2000-03-01")).daysSinceEpoch == 11_017)
        #expect(try #require(CivilDate(parsing: "2025-08-01")) < (try #require(CivilDate(parsing: "2025-08-10"))))
    }

    @Test func dateTimesNeedAnOffsetAndCompareAsInstants() throws {
        let beijing = try #require(Timestamp(parsing: "2025-08-10T09:00:00+08:00"))
        let utc = try #require(Timestamp(parsing: "2025-08-10T01:00:00Z"))
        #expect(beijing.secondsSinceEpoch == utc.secondsSinceEpoch)
        // 1754787600 = 2025-08-10T01:00:00Z (date -u -d @1754787600)
        #expect(utc.secondsSinceEpoch == 1_754_787_600)
        let alarm = try #require(Timestamp(parsing: "2023-06-12T10:22:30+08:00"))
        let fire = try #require(Timestamp(parsing: "2023-06-12T10:40:30+08:00"))
        #expect(fire.secondsSinceEpoch - alarm.secondsSinceEpoch == 18 * 60)
        #expect(try #require(Timestamp(parsing: "2025-08-10T21:30:15.5Z")).secondsSinceEpoch.truncatingRemainder(dividingBy: 1) == 0.5)
        #expect(try #require(Timestamp(parsing: "2025-08-10T09:00-05:00")).secondsSinceEpoch == utc.secondsSinceEpoch + 13 * 3600)
        for bad in ["2025-08-10T09:00:00", "2025-08-10 09:00:00+08:00", "2025-08-10T25:00:00Z", "2025-08-10T09:00:00+8", "2025-08-10", "2025-08-10T09:00:00+08:00x"] {
            #expect(Timestamp(parsing: bad) == nil, "\(bad)")
        }
    }
}
