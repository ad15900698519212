@testable import ConformBTR
import ConformFindings
import ConformModel
import Foundation
import Testing

@Suite("BTR-XML decoding")
struct BTRDecoderTests {
    let decoder: BTRDecoder

    init() throws {
        let library = try TestSupport.library()
        decoder = BTRDecoder(units: library.units, vocabulary: library.vocabulary)
    }

    func decode(_ fixture: String) throws -> (Report, [Finding]) {
        switch decoder.decode(try TestSupport.bytes(TestSupport.fixture(fixture))) {
        case .report(let report, let findings): return (report, findings)
        case .unreadable(let finding): throw TestFailure("unreadable: \(finding.message)")
        }
    }

    @Test func readsEveryElementAndAttribute() throws {
        let (report, findings) = try decode("decoder/every-element.xml")
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        #expect(report.id == "EVERY-1")
        #expect(report.issued == CivilDate(year: 2025, month: 9, day: 12))
        #expect(report.language == "zh")
        #expect(report.title == "Every element & attribute")
        #expect(report.laboratory?.name == "Lab N")
        #expect(report.laboratory?.address == "Lab A")
        #expect(report.laboratory?.location == "Lab L")
        #expect(report.laboratory?.phone == "Lab P")
        #expect(report.laboratory?.email == "lab@example.org")
        #expect(report.laboratory?.website == "https://lab.example.org")
        #expect(report.laboratory?.accreditation == "CNAS L0001")
        #expect(report.customer?.name == "Cust N")
        #expect(report.customer?.email == "cust@example.org")
        #expect(report.manufacturer?.website == "https://mfr.example.org")
        #expect(report.manufacturer?.phone == "Mfr P")
        #expect(report.standards.map { "\($0.code)@\($0.edition)" } == ["UN 38.3@Rev.7", "GB 38031@2025"])
        #expect(report.standards[0].amendment == "Amend.1")
        #expect(report.standards[0].normalizedCode == "UN38.3")
        #expect(report.decisionRule == .guarded)
        #expect(report.deviations == "none")
        #expect(report.externalProviders.first?.name == "Sub Lab")
        #expect(report.externalProviders.first?.tests == ["T2", "T3"])

        let sample = try #require(report.samples.first)
        #expect(sample.id == "C1")
        #expect(sample.level == .cell)
        #expect(sample.chemistry == "LFP")
        #expect(sample.model == "M-1")
        #expect(sample.serial == "SN-1")
        #expect(sample.received == CivilDate(year: 2025, month: 8, day: 1))
        #expect(sample.state == .cycled)
        #expect(sample.description == "A cell")
        #expect(sample.ratedCapacity?.value == 280)
        #expect(sample.property("ratedCapacity")?.uncertainty == 1.5)
        #expect(sample.property("nominalVoltage")?.quantity?.unit.symbol == "V")

        let test = try #require(report.tests.first)
        #expect(test.id == "T1")
        #expect(test.type == "overcharge")
        #expect(test.standard == "GB 38031")
        #expect(test.clause == "8.1.3")
        #expect(test.sampleID == "C1")
        #expect(test.start?.text == "2025-08-10T09:00:00+08:00")
        #expect(test.end?.text == "2025-08-10T21:30:15.5Z")
        let current = try #require(test.condition("chargeCurrent")?.quantity)
        #expect(current.unit.symbol == "I3")
        #expect(abs(try current.baseValue(ratedCapacity: sample.ratedCapacity) - 280.0 / 3) < 1e-9)
        let ambient = try #require(test.condition("ambientTemperature"))
        #expect(ambient.uncertainty == 0.5)
        #expect(ambient.coverage == 2)
        let maxT = try #require(test.measurement("maxTemperature"))
        #expect(maxT.quantity?.value == 120)
        #expect(maxT.coverage == 2.1)
        #expect(maxT.at?.text == "2025-08-10T10:00:00+08:00")
        #expect(maxT.source.line == 22)
        #expect(maxT.source.xpath == "/report/test[1]/measurement[1]")
        #expect(test.observation("fire")?.value == false)
        #expect(test.observation("fire")?.at != nil)
        #expect(test.observation("explosion")?.value == true)
        #expect(test.events(named: "protectionActivated").first?.at?.text == "2025-08-10T10:30:00+08:00")
        let series = try #require(test.series.first)
        #expect(series.name == "cellVoltage")
        #expect(series.unit?.symbol == "V")
        #expect(series.interval == 15)
        #expect(series.start != nil)
        #expect(series.values == [3.30, 3.45, 3.61, 4.02])
        #expect(test.result?.value == .fail)
        #expect(test.remarks == ["first remark", "second remark"])
        #expect(report.conclusion?.value == .fail)
        #expect(report.statements.map(\.kind) == ["resultsRelateOnlyToItemsTested"])
        #expect(report.signatories.first?.name == "Li Wei")
        #expect(report.signatories.first?.title == "Technical Manager")
        #expect(report.signatories.first?.date == CivilDate(year: 2025, month: 9, day: 12))
    }

    /// The report, its tests and samples keep their fields in shared storage: changing a copy
    /// (also a list in it, in place) leaves the original as it was.
    /// Standard codes compared in place give what comparing their normalized forms gives.
    @Test func standardCodesCompareAsTheirNormalizedForms() {
        let codes = ["GB 38031", "GB38031", "gb 38031", " GB\t38031 ", "GB 3803", "GB 380311", "UN 38.3", "UN38.3", "un38.3", "",
                     " ", "ISO/IEC 17025", "iso/iec17025", "GB\u{3000}38031", "ＧＢ 38031", "GB 38031é", "GB 38031É"]
        for a in codes {
            for b in codes {
                #expect(StandardClaim.sameCode(a, b) == (StandardClaim.normalize(a) == StandardClaim.normalize(b)), "\(a) / \(b)")
            }
        }
        #expect(StandardClaim.sameCode("GB 38031", "gb38031"))
        #expect(!StandardClaim.sameCode("GB 38031", "GB 38032"))
    }

    /// Each attribute the decoder reads is matched by its own name (the names are listed apart
    /// from the cases, so a slip in either would read another attribute or none).
    @Test func attributeNamesAreTheCasesNames() {
        #expect(BTRAttribute.allCases.count == 35)
        for attribute in BTRAttribute.allCases {
            #expect(attribute.name == String(describing: attribute))
            #expect(BTRAttribute.table(for: ["x", attribute.name, "y"]) == [0, attribute.rawValue, 0])
        }
        #expect(Set(BTRAttribute.allCases.map(\.rawValue)).count == BTRAttribute.allCases.count)
        #expect(!BTRAttribute.allCases.contains { $0.rawValue == 0 })
    }

    /// The elements the decoder tells apart by code are the schema's elements (all but the root,
    /// `<report>`, which the reader checks), each under its own name.
    @Test func elementCodesAreTheSchemasElements() throws {
        let schema = try String(contentsOf: TestSupport.testReports.appendingPathComponent("schema/btr-1.xsd"), encoding: .utf8)
        let declared = Set(schema.matches(of: /element name="([A-Za-z]+)"/).map { String($0.output.1) })
        #expect(Set(BTRElement.allCases.map(\.name)).union(["report"]) == declared)
        for element in BTRElement.allCases {
            #expect(element.name == String(describing: element))
            #expect(BTRElement.table(for: ["x", element.name, "y"]) == [0, element.rawValue, 0])
        }
        #expect(Set(BTRElement.allCases.map(\.rawValue)).count == BTRElement.allCases.count)
        #expect(!BTRElement.allCases.contains { $0.rawValue == 0 })
    }

    @Test func reportTestAndSampleAreIndependentValues() {
        let place = SourceLocation(line: 2, xpath: "/report/test[1]")
        let original = TestRun(id: "T1", type: "vibration", sampleID: "P1", source: place)
        var test = original
        test.id = "T2"
        test.remarks.append("changed")
        #expect(original.id == "T1" && original.remarks.isEmpty)
        #expect(test.id == "T2" && test.remarks == ["changed"])
        var report = Report(location: SourceLocation(line: 1, xpath: "/report"))
        report.tests.append(original)
        let before = report
        report.tests[0].remarks.append("in place")
        report.samples.append(Sample(id: "P1", source: place))
        var sample = report.samples[0]
        sample.model = "M"
        #expect(before.tests[0].remarks.isEmpty && before.samples.isEmpty)
        #expect(report.tests[0].remarks == ["in place"] && report.samples[0].model == nil)
        #expect(original.remarks.isEmpty && sample.model == "M")
        var laboratory = Party(source: place)
        laboratory.name = "Lab"
        report.laboratory = laboratory
        laboratory.name = "Other"
        #expect(report.laboratory?.name == "Lab" && laboratory.name == "Other")
        #expect(report.laboratory != laboratory)
        laboratory.name = "Lab"
        #expect(report.laboratory == laboratory)
    }

    @Test func unreadableValuesAreFindingsWithLinesAndTheRestIsRead() throws {
        let (report, findings) = try decode("decoder/bad-values.xml")
        func finding(line: Int, containing text: String) -> Finding? {
            findings.first { $0.line == line && $0.message.contains(text) }
        }
        #expect(finding(line: 2, containing: "issued=\"2025-13-01\"") != nil)
        #expect(finding(line: 4, containing: "received=\"01/08/2025\"") != nil)
        #expect(finding(line: 7, containing: "UTC offset") != nil)
        #expect(finding(line: 8, containing: "\"1,5\"") != nil)
        #expect(finding(line: 9, containing: "has no unit") != nil)
        let unknownUnit = try #require(finding(line: 10, containing: "furlong"))
        #expect(unknownUnit.rule == ToolRule.unitUnknown.rawValue)
        #expect(unknownUnit.test == "T1")
        #expect(unknownUnit.evidence.first?.xpath == "/report/test[1]/measurement[1]")
        #expect(finding(line: 11, containing: "given in V (voltage)") != nil)
        #expect(finding(line: 12, containing: "must be true or false") != nil)
        #expect(finding(line: 13, containing: "at=\"tomorrow\"") != nil)
        #expect(finding(line: 14, containing: "uncertainty=\"-1\"") != nil)
        #expect(finding(line: 15, containing: "passed") != nil)
        #expect(finding(line: 17, containing: "sample 'P9'") != nil)
        let unknown = try #require(finding(line: 20, containing: "<mystery>"))
        #expect(unknown.severity == .warning)
        // Every unreadable value leaves the report incomplete, never a pass.
        #expect(findings.filter { $0.severity == .error }.allSatisfy { $0.verdict == .incomplete })
        #expect(findings.count == 13)
        // ... and everything readable is still read.
        #expect(report.id == "BAD-1")
        #expect(report.issued == nil)
        #expect(report.samples.first?.ratedCapacity?.value == 280)
        #expect(report.tests.count == 2)
        #expect(report.tests[0].measurement("ocvAfter")?.quantity?.value == 3.9)
        #expect(report.tests[0].measurement("insulationResistance")?.quantity == nil)
        #expect(report.tests[0].observation("fire")?.value == nil)
        #expect(report.tests[1].observation("explosion")?.value == false)
        #expect(report.tests[1].standard == "GB 38031")
    }

    @Test func duplicateSampleIdsAreUnreadable() throws {
        let text = """
            <report xmlns="urn:conform:battery-test-report:1" id="D" issued="2025-01-01">
            <standard code="GB 38031" edition="2025"/>
            <sample id="S1" level="pack"/>
            <sample id="S1" level="cell"/>
            </report>
            """
        guard case .report(_, let findings) = decoder.decode(Array(text.utf8)) else { throw TestFailure("not decoded") }
        let duplicate = try #require(findings.first { $0.message.contains("used twice") })
        #expect(duplicate.verdict == .incomplete)
        #expect(duplicate.line == 4)
    }

    @Test func foreignDocumentsAreNotReports() throws {
        let atml = TestSupport.corpora.appendingPathComponent("atml/teststand2019-atml5-eolt.xml")
        guard case .unreadable(let finding) = decoder.decode(try TestSupport.bytes(atml)) else {
            throw TestFailure("the ATML file was read as a report")
        }
        #expect(finding.rule == ToolRule.notAReport.rawValue)
        #expect(finding.verdict == .error)
        #expect(finding.message.contains("<TestResultsCollection>"))
        #expect(finding.message.contains("urn:IEEE-1636.1:2011:01:TestResultsCollection"))
        guard case .unreadable(let plain) = decoder.decode(Array("<report id=\"x\" issued=\"2025-01-01\"/>".utf8)) else {
            throw TestFailure("a report in no namespace was read")
        }
        #expect(plain.message.contains("in no namespace"))
    }

    @Test func everySampleReportDecodesWithoutFindings() throws {
        let reports = try TestSupport.sampleReports()
        #expect(reports.count >= 4)
        for url in reports {
            switch decoder.decode(try TestSupport.bytes(url)) {
            case .unreadable(let finding):
                Issue.record("\(url.lastPathComponent): \(finding.message)")
            case .report(let report, let findings):
                #expect(findings.isEmpty, "\(url.lastPathComponent): \(findings.map(\.message))")
                #expect(!report.tests.isEmpty)
            }
        }
    }
}
