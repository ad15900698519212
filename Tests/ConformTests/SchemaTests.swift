import ConformXML
import Foundation
import Testing

@Suite("BTR-XML schema")
struct SchemaTests {
    let validator: XMLSchemaValidator

    init() throws {
        validator = try XMLSchemaValidator(schemaBytes: try TestSupport.bytes(TestSupport.testReports.appendingPathComponent("schema/btr-1.xsd")))
    }

    @Test func everySampleReportIsValid() throws {
        let reports = try TestSupport.sampleReports()
        #expect(!reports.isEmpty)
        for url in reports {
            let errors = validator.validate(try TestSupport.bytes(url))
            #expect(errors.isEmpty, "\(url.path): \(errors)")
        }
    }

    @Test func theDecoderFixtureWithEveryElementIsValid() throws {
        #expect(validator.validate(try TestSupport.bytes(TestSupport.fixture("decoder/every-element.xml"))).isEmpty)
    }

    @Test func invalidReportsAreRejectedWithLines() throws {
        let errors = validator.validate(try TestSupport.bytes(TestSupport.fixture("decoder/bad-values.xml")))
        let lines = Set(errors.compactMap(\.line))
        // issued, received, start, value "1,5", unknown unit, boolean, event time, uncertainty, result, <mystery>
        for line in [2, 4, 7, 8, 10, 12, 13, 14, 15, 20] {
            #expect(lines.contains(line), "no schema error on line \(line): \(errors)")
        }
        #expect(!validator.validate(Array("<report xmlns=\"urn:conform:battery-test-report:1\" id=\"x\" issued=\"2025-01-01\"/>".utf8)).isEmpty,
                "a report without <standard> and <sample> must not validate")
    }
}
