import ConformFindings
@testable import ConformOutput
import Foundation
import Testing

@Suite("Findings, verdicts and JSON")
struct FindingsTests {
    func finding(_ verdict: Verdict, _ severity: Severity = .error, rule: String = "r", test: String? = nil) -> Finding {
        Finding(rule: rule, verdict: verdict, severity: severity, message: "m", test: test)
    }

    @Test func reportVerdictIsTheWorstFindingInTheSpecifiedOrder() {
        // error > fail > conditional-fail > incomplete > conditional-pass > pass
        let order: [Verdict] = [.pass, .conditionalPass, .incomplete, .conditionalFail, .fail, .error]
        for (i, worse) in order.enumerated() {
            for better in order[..<i] {
                #expect(ReportOutcome.aggregate([finding(better), finding(worse), finding(better)]) == worse)
            }
        }
        #expect(ReportOutcome.aggregate([finding(.pass), finding(.notApplicable)]) == .pass)
        #expect(ReportOutcome.aggregate([finding(.notApplicable)]) == .incomplete)
        #expect(ReportOutcome.aggregate([]) == .incomplete)
        #expect(ReportOutcome.aggregate([finding(.pass), finding(.fail, .warning)]) == .pass, "warnings do not decide")
    }

    @Test func exitStatus() {
        var summary = BatchSummary()
        summary.add(ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: [finding(.pass)]))
        summary.add(ReportOutcome(path: "b", reportID: nil, sha256: nil, claimed: nil, findings: [finding(.conditionalPass)]))
        #expect(summary.exitStatus == 0)
        summary.add(ReportOutcome(path: "c", reportID: nil, sha256: nil, claimed: nil, findings: [finding(.incomplete)]))
        #expect(summary.exitStatus == 1)
    }

    @Test func findingsAreSortedByRuleThenTest() {
        let outcome = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: [
            finding(.pass, rule: "b", test: "T2"), finding(.pass, rule: "b", test: "T10"), finding(.pass, rule: "a", test: "T9"),
            finding(.pass, rule: "b"),
        ])
        #expect(outcome.findings.map { "\($0.rule)/\($0.test ?? "-")" } == ["a/T9", "b/-", "b/T10", "b/T2"])
    }

    /// With a run's rule order (ids known up front) the findings come out in exactly the canonical
    /// order, also for ids the order does not know (they fall between known ones, before, after,
    /// or several at one place), non-ASCII ids, and ties broken by line and message.
    @Test func aRunsRuleOrderGivesTheCanonicalOrder() {
        let known = ["b/2", "b/10", "d", "f/é", "f/z"]
        let ids = known + ["a", "c", "c/1", "cc", "e", "f/ü", "g", "", "b/2x"]
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<200 {
            let findings = (0..<40).map { index in
                var f = finding(.pass, rule: ids.randomElement(using: &generator) ?? "a",
                                test: Bool.random(using: &generator) ? nil : ["T1", "T10", "T2"].randomElement(using: &generator))
                f.line = Int.random(in: 1...3, using: &generator)
                f.message = "m\(index % 3)"
                return f
            }
            let expected = findings.sorted(by: Finding.canonicalOrder)
            let withOrder = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: findings,
                                          ruleOrder: RuleOrder(ruleIDs: known)).findings
            let withoutOrder = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: findings).findings
            if withOrder != expected || withoutOrder != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// When every id is known and no two findings share rule, test and line (the usual report),
    /// the order is worked out from integers alone: it is still exactly the canonical order, for
    /// lines beyond what packs into an integer too, and for more findings than pack.
    @Test func packedKeysGiveTheCanonicalOrder() {
        let known = ["b/2", "b/10", "d", "f/é", "f/z", "a", "c"]
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for round in 0..<100 {
            let count = round == 0 ? 5000 : 60
            let findings = (0..<count).map { index in
                var f = finding(.pass, rule: known.randomElement(using: &generator) ?? "a",
                                test: Bool.random(using: &generator) ? nil : ["T1", "T10", "T2", "T3"].randomElement(using: &generator))
                f.line = round % 10 == 1 ? (1 << 20) + Int.random(in: 0...9, using: &generator) : Int.random(in: 1...100_000, using: &generator)
                f.message = "m\(index % 7)"
                return f
            }
            let expected = findings.sorted(by: Finding.canonicalOrder)
            let sorted = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: findings,
                                       ruleOrder: RuleOrder(ruleIDs: known)).findings
            if sorted != expected { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// Test ids are ordered by their first eight bytes as a number before their strings are read:
    /// ids that share those bytes, end inside them, carry a zero byte, are empty or not ASCII
    /// still come out in the canonical (byte) order.
    @Test func testIDsSharingTheirFirstBytesKeepTheCanonicalOrder() {
        let tests = ["", "T1", "T10", "T1\u{0}", "T1\u{0}x", "ABCDEFGH", "ABCDEFGH1", "ABCDEFGH10", "ABCDEFGH2", "ABCDEFG",
                     "ABCDEFGI", "é", "e\u{301}x", "测试-1", "测试-10"]
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<200 {
            let findings = (0..<50).map { index in
                var f = finding(.pass, rule: ["a", "b"].randomElement(using: &generator) ?? "a",
                                test: Int.random(in: 0..<8, using: &generator) == 0 ? nil : tests.randomElement(using: &generator))
                f.line = index
                return f
            }
            let sorted = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: findings,
                                       ruleOrder: RuleOrder(ruleIDs: ["a", "b"])).findings
            if sorted != findings.sorted(by: Finding.canonicalOrder) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// A rule's findings carry its key in the run's rule order, worked out once: sorting by those
    /// keys gives the canonical order too, and a key worked out for another order is not used.
    @Test func rulesKeysWorkedOutAheadGiveTheCanonicalOrder() {
        final class Fixed: MessageComposer {
            func compose<Sink: MessageSink>(_ finding: Finding, facts: MessageFacts, into sink: inout Sink) { sink.write("m") }
        }
        let known = ["b/2", "b/10", "d", "f/é", "f/z"]
        let ids = known + ["a", "c", "e", "g"]
        let order = RuleOrder(ruleIDs: known)
        let other = RuleOrder(ruleIDs: ["a", "c", "e", "g", "d"])
        var generator = SystemRandomNumberGenerator()
        var mismatches = 0
        for _ in 0..<200 {
            let findings = (0..<40).map { _ in
                let id = ids.randomElement(using: &generator) ?? "a"
                let key = [nil, order.precomputedKey(id), other.precomputedKey(id)].randomElement(using: &generator) ?? nil
                return Finding(origin: FindingOrigin(rule: id, orderKey: key), verdict: .pass, composer: Fixed(),
                               line: Int.random(in: 1...3, using: &generator),
                               test: Bool.random(using: &generator) ? nil : ["T1", "T10", "T2"].randomElement(using: &generator))
            }
            let sorted = ReportOutcome(path: "a", reportID: nil, sha256: nil, claimed: nil, findings: findings, ruleOrder: order).findings
            if sorted != findings.sorted(by: Finding.canonicalOrder) { mismatches += 1 }
        }
        #expect(mismatches == 0)
    }

    /// The word-at-a-time test for "needs escaping" agrees with the byte-by-byte one for every byte
    /// value at every position of a string (and beyond the first word, and after non-ASCII).
    @Test func jsonEscapeScanAgreesWithTheSimpleOne() {
        func simple(_ bytes: [UInt8]) -> Bool { !bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5c || $0 == 0x7f } }
        var disagreements = 0
        // Every length of a last, partial word; one, two and three vectors of sixteen, and every
        // overlap of the last vector with the one before.
        for length in 1...40 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    if position > 0 { bytes[position - 1] = 0xE4 }  // a non-ASCII neighbour
                    bytes[position] = UInt8(value)
                    let fast = bytes.withUnsafeBufferPointer(JSONWriter.needsNoEscape)
                    if fast != simple(bytes) { disagreements += 1 }
                }
            }
        }
        #expect(disagreements == 0)
    }

    /// A finding is a value: changing a copy (which shares the original's storage until then)
    /// leaves the original as it was, and equal fields make equal findings.
    @Test func findingsAreIndependentValues() {
        let original = Finding(rule: "r", verdict: .pass, message: "m", line: 3, test: "T1",
                               evidence: [Evidence(name: "x", value: .number(1), line: 3, xpath: "/report/x[1]")])
        var copy = original
        #expect(copy == original)
        copy.message = "changed"
        copy.line = 4
        copy.evidence.append(Evidence(name: "y", value: nil, line: nil, xpath: nil))
        #expect(original.message == "m")
        #expect(original.line == 3)
        #expect(original.evidence.count == 1)
        #expect(copy.message == "changed" && copy.line == 4 && copy.evidence.count == 2)
        #expect(copy != original)
        var again = copy
        again.message = "m"
        again.line = 3
        again.evidence.removeLast()
        #expect(again == original)
    }

    /// The writer is a value: a copy written after the copying does not change the original
    /// (its bytes live in shared memory until one of them writes), also across growth.
    @Test func jsonWritersAreIndependentValues() {
        var a = JSONWriter()
        a.beginObject()
        a.field("x", 1)
        var b = a
        b.field("y", 2)
        b.endObject()
        let long = String(repeating: "é", count: 50_000)
        a.field("z", long)
        a.endObject()
        var c = a
        c.removeAll()
        c.beginArray()
        c.endArray()
        #expect(String(decoding: a.bytes, as: UTF8.self) == #"{"x":1,"z":""# + long + #""}"#)
        #expect(String(decoding: b.bytes, as: UTF8.self) == #"{"x":1,"y":2}"#)
        #expect(String(decoding: c.bytes, as: UTF8.self) == "[]")
    }

    /// Writes made with the sharing check made once (as the JSONL reporter makes them) give the
    /// same bytes as checked writes, leave a copy made before them as it was (also one emptied
    /// and written again), and copies made after them are independent values again.
    @Test func exclusiveWritesKeepTheWriterAValue() {
        func write(_ writer: inout JSONWriter) {
            writer.field("s", "two")
            writer.field("q", "needs \"escaping\"")
            writer.field("d", 3.5)
            writer.field("w", 4.0)
            writer.field("i", -12)
            writer.key("a")
            writer.beginArray()
            writer.beginObject()
            writer.endObject()
            writer.endArray()
        }
        var checked = JSONWriter()
        checked.beginObject()
        write(&checked)
        checked.endObject()
        var a = JSONWriter()
        a.beginObject()
        var before = a
        a.beginExclusiveWrites()
        write(&a)
        a.endExclusiveWrites()
        a.endObject()
        #expect(a.bytes == checked.bytes)
        #expect(String(decoding: a.bytes, as: UTF8.self) == #"{"s":"two","q":"needs \"escaping\"","d":3.5,"w":4,"i":-12,"a":[{}]}"#)
        #expect(before.bytes == Array("{".utf8))
        var emptied = a
        a.beginExclusiveWrites()
        a.removeAll()
        a.beginArray()
        a.endArray()
        a.endExclusiveWrites()
        #expect(emptied.bytes == checked.bytes)
        var after = a
        after.integer(1)
        before.field("x", 1)
        emptied.newline()
        #expect(a.bytes == Array("[]".utf8))
        #expect(after.bytes == Array("[]1".utf8))
        #expect(before.bytes == Array(#"{"x":1"#.utf8))
        #expect(emptied.bytes == checked.bytes + [0x0a])
    }

    /// Keys and values of every length around the sizes copied without a call (up to sixteen
    /// bytes, as two words from eight) are written exactly: every byte, in place, none after.
    @Test func keysAndValuesOfEveryShortLengthAreWrittenExactly() {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789é测".utf8)
        for length in 0...40 {
            let value = String(decoding: alphabet[0..<length], as: UTF8.self)
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("k", value)
            writer.field("decisionRule", value)
            writer.field("a_key_of_twenty_byte", value)
            writer.endObject()
            writer.beginArray()
            writer.string(value)
            writer.endArray()
            let expected = "{\"k\":\"\(value)\",\"decisionRule\":\"\(value)\",\"a_key_of_twenty_byte\":\"\(value)\"}[\"\(value)\"]"
            #expect(writer.bytes == Array(expected.utf8), "length \(length)")
        }
    }

    /// A writer lent memory (as the JSONL reporter lends a block's) writes the bytes an ordinary
    /// writer writes, there; when they outgrow it, they move to memory of its own; and a copy of it
    /// writes into memory of its own, leaving the lent memory as it was.
    @Test func aWriterLentMemoryWritesThereUntilItOutgrowsIt() {
        func write(_ writer: inout JSONWriter, _ words: Int) {
            writer.beginObject()
            for index in 0..<words { writer.field("k", "word \(index)") }
            writer.endObject()
        }
        var ordinary = JSONWriter()
        write(&ordinary, 3)
        let memory = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 256)
        defer { memory.deallocate() }
        var lent = JSONWriter(writingInto: memory)
        write(&lent, 3)
        #expect(lent.writes(into: memory))
        #expect(Array(memory[0..<lent.count]) == ordinary.bytes)
        #expect(lent.bytes == ordinary.bytes)

        var copy = lent
        copy.newline()
        #expect(!copy.writes(into: memory) && lent.writes(into: memory))
        #expect(copy.bytes == ordinary.bytes + [0x0a])
        #expect(Array(memory[0..<lent.count]) == ordinary.bytes)
        lent.integer(7)
        #expect(lent.bytes == ordinary.bytes + Array("7".utf8))

        var long = JSONWriter()
        write(&long, 100)
        var outgrown = JSONWriter(writingInto: memory)
        write(&outgrown, 100)
        #expect(!outgrown.writes(into: memory))
        #expect(outgrown.bytes == long.bytes)
    }

    /// A number written straight into the JSON (whole numbers and short decimals) reads exactly as
    /// the text every other output shows for it, for values of every kind and size.
    @Test func numbersWrittenInPlaceMatchTheirText() {
        var values: [Double] = [0, -0.0, 1, -1, 0.1, -2.5, 3.14159, 1e-3, 0.0009, 999_999_999.5, 1e9, 1e15, -1e15, 1e20, 123.4567891,
                                0.1 + 0.2, .pi, -.pi, 1e-7, .nan, .infinity, -.infinity, Double(Int64.max), 4.35e-5, 100.000001]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let places = Double([1, 10, 100, 1000, 1e6].randomElement(using: &generator) ?? 1)
            values.append((Double.random(in: -1e6...1e6, using: &generator) * places).rounded() / places)
            values.append(Double.random(in: -1e12...1e12, using: &generator))
        }
        var mismatches: [Double] = []
        for value in values {
            var field = JSONWriter(), number = JSONWriter()
            field.beginObject()
            field.field("v", value)
            field.endObject()
            number.beginArray()
            number.number(value)
            number.endArray()
            let text = NumberFormatting.text(value)
            if String(decoding: field.bytes, as: UTF8.self) != #"{"v":"# + text + "}" || String(decoding: number.bytes, as: UTF8.self) != "[" + text + "]" {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) values written differently, e.g. \(mismatches.prefix(5))")
    }

    @Test func jsonWriterEscapesAndFormatsNumbers() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("s", "quote \" backslash \\ newline \n tab \t bell \u{07} Ω 中文")
        writer.field("i", 95.0)
        writer.field("f", 0.1)
        writer.field("e", 1e-7)
        writer.key("nan")
        writer.number(.nan)
        writer.key("a")
        writer.beginArray()
        writer.integer(1)
        writer.boolean(true)
        writer.null()
        writer.endArray()
        writer.endObject()
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == #"{"s":"quote \" backslash \\ newline \n tab \t bell \u0007 Ω 中文","i":95,"f":0.1,"e":1e-07,"nan":null,"a":[1,true,null]}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
        #expect(parsed["s"] as? String == "quote \" backslash \\ newline \n tab \t bell \u{07} Ω 中文")
        #expect(parsed["e"] as? Double == 1e-7)
    }

    /// Numbers written digit by digit agree with the formatter every output uses (and with Swift's
    /// own integer text), at the edges too.
    @Test func jsonNumbersAgreeWithTheFormatter() {
        let doubles: [Double] = [0, -0.0, 1, -1, 7, 10, 95, 100, -250, 123_456_789, 999_999_999_999_999, 1e15, -1e15, 2.5, -0.001,
                                 1e-7, .infinity, -.infinity, .nan, 4_503_599_627_370_496]
        for value in doubles {
            var writer = JSONWriter()
            writer.number(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == NumberFormatting.text(value), "\(value)")
        }
        for value in [0, 1, -1, 9, 10, 99, 100, -100, 1_234_567, Int.max, Int.min] {
            var writer = JSONWriter()
            writer.integer(value)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value), "\(value)")
        }
    }

    /// The formatter's own digits against Swift's texts: whole numbers as integers, others in the
    /// shortest round-trip form, and with a unit after one space.
    @Test func numberTextsAreSwiftsOwn() {
        let doubles: [Double] = [0, -0.0, 1, -1, 7, 10, 95, 100, -250, 123_456_789, 999_999_999_999_999, -999_999_999_999_999,
                                 1e15, 2.5, -0.001, 1e-7, 0.1, 4_503_599_627_370_496]
        for value in doubles {
            let expected = Self.swiftsText(value)
            #expect(NumberFormatting.text(value) == expected, "\(value)")
            #expect(NumberFormatting.text(value, unit: "Ohm/V") == expected + " Ohm/V", "\(value)")
            #expect(NumberFormatting.text(value, unit: "°C") == expected + " °C", "\(value)")
        }
        #expect(NumberFormatting.text(.nan) == "null")
    }

    /// Decimals as reports write them (one to six places, magnitudes from a thousandth to a
    /// billion, and the edges around them), random but repeatable: each text is Swift's own.
    @Test func decimalTextsAreSwiftsOwn() {
        var generator = SplitMix(seed: 38031)
        var values: [Double] = [0.001, 0.0015, 0.0009999, 999_999_999.5, 1e9 + 0.5, 0.1, 0.2, 0.3, 1.005, 2.675, 0.15, 1e-4, 123_456.789_012,
                                -0.001, -2.5, .leastNonzeroMagnitude, 1.7976931348623157e308, 0.1 + 0.2, 1 / 3, 2.0 / 3, 100.0 / 7]
        for _ in 0..<50_000 {
            let places = Int(generator.next() % 7)
            var power = 1.0
            for _ in 0..<places { power *= 10 }
            let magnitude = [1.0, 1e3, 1e6, 1e9, 1e12][Int(generator.next() % 5)]
            let digits = Double(generator.next() % UInt64(magnitude * power + 1))
            let sign = generator.next() % 4 == 0 ? -1.0 : 1.0
            values.append(sign * digits / power)
            values.append(Double(bitPattern: generator.next() >> 2))  // anything at all
        }
        for value in values where value.isFinite {
            let expected = Self.swiftsText(value)
            let text = NumberFormatting.text(value)
            #expect(text == expected, "\(value)")
            #expect(NumberFormatting.text(value, unit: "s") == expected + " s", "\(value)")
            if text != expected { return }
        }
    }

    /// What the formatter must write: Swift's integer text for whole numbers below 10¹⁵, Swift's
    /// shortest round-trip text for the rest.
    static func swiftsText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : value.description
    }

    /// A small repeatable generator (SplitMix64), so that a failure can be replayed.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
