import ConformModel
import ConformRules
import ConformXML
import Foundation
import Testing

@Suite("Units and quantities")
struct UnitCatalogTests {
    let units: UnitCatalog

    init() throws {
        units = try TestSupport.library().units
    }

    /// Every spelling of report-format.md's unit table, typed in here from the spec (not from
    /// units.yaml), with its dimension.
    static let specTable: [(String, [String])] = [
        ("voltage", ["V", "mV", "kV"]),
        ("current", ["A", "mA", "kA", "I1", "I3"]),
        ("charge", ["A.h", "Ah", "mA.h", "mAh"]),
        ("energy", ["W.h", "Wh", "kW.h", "kWh", "J", "kJ"]),
        ("resistance", ["Ohm", "Ω", "mOhm", "mΩ", "kOhm", "kΩ", "MOhm", "MΩ"]),
        ("resistancePerVoltage", ["Ohm/V", "Ω/V", "kOhm/V", "kΩ/V"]),
        ("temperature", ["Cel", "°C", "K"]),
        ("temperatureRate", ["Cel/min", "°C/min", "Cel/s", "°C/s", "K/min", "K/s"]),
        ("time", ["ms", "s", "min", "h", "d"]),
        ("pressure", ["Pa", "kPa", "MPa", "bar"]),
        ("force", ["N", "kN"]),
        ("mass", ["mg", "g", "kg"]),
        ("length", ["mm", "cm", "m"]),
        ("speed", ["mm/s", "cm/s", "m/s"]),
        ("acceleration", ["m/s2", "m/s^2", "gn", "g_n", "[g]"]),
        ("frequency", ["Hz"]),
        ("concentration", ["g/L"]),
        ("dimensionless", ["%", "1"]),
    ]

    @Test func everySpellingOfTheSpecIsKnownWithItsDimension() {
        var count = 0
        for (dimension, spellings) in Self.specTable {
            for spelling in spellings {
                #expect(units.unit(spelling)?.dimension == Dimension(dimension), "\(spelling)")
                count += 1
            }
        }
        #expect(count == 68)
        #expect(units.units.count == count, "units.yaml has spellings the spec does not list")
        #expect(units.unit("g")?.dimension == Dimension("mass"), "g alone is the gram")
        #expect(units.unit("furlong") == nil)
    }

    /// The catalogue's lookups find what a `Dictionary` of the spellings finds, canonically
    /// equivalent spellings included: U+2126 OHM SIGN is `==` to U+03A9 GREEK CAPITAL OMEGA.
    @Test func lookupsFindWhatADictionaryFinds() {
        for (spelling, unit) in units.units {
            #expect(units.unit(spelling) === unit, "\(spelling)")
        }
        let ohmSign = "\u{2126}/V"
        #expect(ohmSign == "Ω/V" && Array(ohmSign.utf8) != Array("Ω/V".utf8))
        #expect(units.unit(ohmSign) != nil)
        #expect(units.unit(ohmSign) === units.unit("Ω/V"))
        #expect(units.unit("Ω/v") == nil)
        #expect(units.unit(" V") == nil)
    }

    /// Many names (so that slots collide), a repeated name (the first value kept), misses.
    @Test func aNameTableAgreesWithADictionary() {
        let names = (0..<700).map { "name\($0)" } + ["Ω", "°C", "", "a", "aa"]
        let pairs = names.enumerated().map { ($0.element, $0.offset) } + [("name7", -1)]
        let table = NameTable(pairs)
        let dictionary = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
        for name in names + ["name700", "Name1", "\u{2126}", "b", "name", "°F"] {
            #expect(table[name] == dictionary[name], "\(name)")
        }
        #expect(table["name7"] == 7)
        #expect(table.count == pairs.count)
    }

    /// By bytes, a name is found only when its bytes are a key's exactly, and the key and value
    /// found are the table's (the first of a repeated name); a canonically equivalent spelling
    /// (the ohm sign for omega), a prefix, a longer name and a miss find nothing.
    @Test func aNameTableFindsExactBytes() {
        let names = (0..<700).map { "name\($0)" } + ["Ω", "°C", "", "a", "aa", "ambientTemperature"]
        let table = NameTable(names.enumerated().map { ($0.element, $0.offset) } + [("name7", -1)])
        func entry(_ text: String) -> (key: String, value: Int)? {
            Array(text.utf8).withUnsafeBufferPointer { table.entry(matching: $0) }
        }
        for (offset, name) in names.enumerated() {
            #expect(entry(name)?.key == name, "\(name)")
            #expect(entry(name)?.value == offset, "\(name)")
        }
        for miss in ["\u{2126}", "name", "name70 ", "name7000", "ambientTemperatures", "Name1", "°F"] {
            #expect(entry(miss) == nil, "\(miss)")
        }
        #expect(table["\u{2126}"] == names.firstIndex(of: "Ω"))
    }

    /// `value spelling` equals `expected` in SI: values from the definitions of the units
    /// (1 h = 3600 s, 1 W·h = 3600 J, 1 bar = 10^5 Pa, g_n = 9.80665 m/s² exactly, 0 °C = 273.15 K).
    struct Conversion: Sendable, CustomTestStringConvertible {
        let value: String, spelling: String, expected: Double
        init(_ value: String, _ spelling: String, _ expected: Double) { (self.value, self.spelling, self.expected) = (value, spelling, expected) }
        var testDescription: String { "\(value) \(spelling)" }
    }

    static let conversions: [Conversion] = [
        Conversion("1", "V", 1.0),
        Conversion("1", "mV", 0.001),
        Conversion("2", "kV", 2000),
        Conversion("1", "A", 1),
        Conversion("250", "mA", 0.25),
        Conversion("1.5", "kA", 1500),
        Conversion("1", "A.h", 1),
        Conversion("1", "Ah", 1),
        Conversion("2500", "mA.h", 2.5),
        Conversion("2500", "mAh", 2.5),
        Conversion("1", "W.h", 3600),
        Conversion("1", "Wh", 3600),
        Conversion("1", "kW.h", 3.6e6),
        Conversion("2", "kWh", 7.2e6),
        Conversion("5", "J", 5),
        Conversion("1", "kJ", 1000),
        Conversion("1", "Ohm", 1),
        Conversion("1", "Ω", 1),
        Conversion("5", "mOhm", 0.005),
        Conversion("5", "mΩ", 0.005),
        Conversion("1", "kOhm", 1000),
        Conversion("1", "kΩ", 1000),
        Conversion("2", "MOhm", 2e6),
        Conversion("2", "MΩ", 2e6),
        Conversion("100", "Ohm/V", 100),
        Conversion("100", "Ω/V", 100),
        Conversion("0.5", "kOhm/V", 500),
        Conversion("0.5", "kΩ/V", 500),
        Conversion("0", "Cel", 273.15),
        Conversion("25", "°C", 298.15),
        Conversion("-40", "Cel", 233.15),
        Conversion("300", "K", 300),
        Conversion("5", "Cel/min", 5.0 / 60),
        Conversion("5", "°C/min", 5.0 / 60),
        Conversion("1", "Cel/s", 1),
        Conversion("1", "°C/s", 1),
        Conversion("60", "K/min", 1),
        Conversion("2", "K/s", 2),
        Conversion("500", "ms", 0.5),
        Conversion("1", "s", 1),
        Conversion("1", "min", 60),
        Conversion("2", "h", 7200),
        Conversion("7", "d", 604_800),
        Conversion("1", "Pa", 1),
        Conversion("61.2", "kPa", 61_200),
        Conversion("1", "MPa", 1e6),
        Conversion("1", "bar", 1e5),
        Conversion("1", "N", 1),
        Conversion("100", "kN", 100_000),
        Conversion("500", "mg", 0.0005),
        Conversion("68.5", "g", 0.0685),
        Conversion("10", "kg", 10),
        Conversion("30", "mm", 0.03),
        Conversion("15", "cm", 0.15),
        Conversion("1", "m", 1),
        Conversion("2", "mm/s", 0.002),
        Conversion("1", "cm/s", 0.01),
        Conversion("1", "m/s", 1),
        Conversion("1", "m/s2", 1),
        Conversion("1", "m/s^2", 1),
        Conversion("7", "gn", 68.646_55),
        Conversion("1", "g_n", 9.80665),
        Conversion("150", "[g]", 1470.9975),
        Conversion("50", "Hz", 50),
        Conversion("50", "g/L", 50),
        Conversion("95", "%", 0.95),
        Conversion("12", "1", 12),
    ]

    @Test(arguments: conversions)
    func conversionToSI(_ conversion: Conversion) throws {
        let (value, spelling, expected) = (conversion.value, conversion.spelling, conversion.expected)
        let unit = try #require(units.unit(spelling))
        let quantity = Quantity(try #require(NumberText.parse(value)), unit)
        let base = try quantity.baseValue()
        #expect(abs(base - expected) <= 1e-9 * max(1, abs(expected)), "\(value) \(spelling) = \(base), expected \(expected)")
    }

    @Test func rateCurrentsConvertOnlyThroughRatedCapacity() throws {
        let i1 = try #require(units.unit("I1")), i3 = try #require(units.unit("I3"))
        let ampere = try #require(units.unit("A"))
        let capacity = Quantity(280, try #require(units.unit("A.h")))
        #expect(try Quantity(1, i1).baseValue(ratedCapacity: capacity) == 280)
        #expect(abs(try Quantity(1, i3).baseValue(ratedCapacity: capacity) - 280.0 / 3) < 1e-9)
        // 5000 mA.h cell: 1 I3 = 1.6667 A; 2 A = 1.2 I3.
        let small = Quantity(5000, try #require(units.unit("mA.h")))
        #expect(abs(try Quantity(1, i3).baseValue(ratedCapacity: small) - 5.0 / 3) < 1e-9)
        #expect(abs(try Quantity(2, ampere).converted(to: i3, ratedCapacity: small).value - 1.2) < 1e-9)
        #expect(throws: QuantityError.needsRatedCapacity("I1")) { try Quantity(1, i1).baseValue() }
    }

    @Test func conversionWithinADimensionAndRefusalAcrossDimensions() throws {
        let celsius = try #require(units.unit("°C")), kelvin = try #require(units.unit("K"))
        #expect(abs(try Quantity(298.15, kelvin).converted(to: celsius).value - 25) < 1e-9)
        #expect(try Quantity(1, try #require(units.unit("kWh"))).converted(to: try #require(units.unit("Wh"))).value == 1000)
        #expect(try Quantity(101, try #require(units.unit("Ohm/V"))).compare(to: Quantity(0.1, try #require(units.unit("kΩ/V")))) == .greater)
        // A temperature difference has no offset.
        #expect(try Quantity.baseDifference(5, in: celsius) == 5)
        let ohm = try #require(units.unit("Ohm"))
        #expect(throws: QuantityError.dimensionMismatch(expected: celsius.dimension, found: ohm.dimension)) {
            try Quantity(57, celsius).compare(to: Quantity(5, ohm))
        }
        #expect(throws: QuantityError.self) { try Quantity(57, celsius).converted(to: ohm) }
    }

    /// The XSD's unit enumeration and units.yaml list exactly the same spellings.
    @Test func schemaEnumeratesTheSameUnitsAsTheTable() throws {
        let xsd = try String(contentsOf: TestSupport.testReports.appendingPathComponent("schema/btr-1.xsd"), encoding: .utf8)
        guard let start = xsd.range(of: "<xs:simpleType name=\"Unit\">"),
              let end = xsd.range(of: "</xs:simpleType>", range: start.upperBound..<xsd.endIndex) else {
            throw TestFailure("no Unit type in the XSD")
        }
        let block = xsd[start.upperBound..<end.lowerBound]
        let pattern = try NSRegularExpression(pattern: "<xs:enumeration value=\"([^\"]*)\"/>")
        let text = String(block)
        let spellings = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
        #expect(Set(spellings) == Set(units.units.keys))
        #expect(spellings.count == units.units.count)
    }

    @Test func vocabularyDimensionsExistAndCoverTheSpec() throws {
        let vocabulary = try TestSupport.library().vocabulary
        #expect(vocabulary.dimensions(of: "insulationResistance", as: .measurement) == [Dimension("resistancePerVoltage")])
        #expect(vocabulary.dimensions(of: "ratedCapacity", as: .property) == [Dimension("charge")])
        #expect(vocabulary.dimensions(of: "observationPeriod", as: .condition) == [Dimension("time")])
        #expect(vocabulary.knows("thermalEventAlarm", as: .event))
        #expect(vocabulary.knows("rupture", as: .observation))
        #expect(!vocabulary.knows("rupture", as: .event))
        // 7 GB 38031 cell types, 17 pack/system types less crush (shared), 5 UN 38.3 names not shared.
        #expect(vocabulary.testTypes.count == 7 + 16 + 5)
        #expect(vocabulary.quantities[.condition]?.count == 38)
        #expect(vocabulary.quantities[.measurement]?.count == 8)
        #expect(vocabulary.quantities[.property]?.count == 12 + 1, "the spec's 12 and the extension vehicleCategoryN")
    }
}
