import ConformFindings
import ConformModel
import ConformXML

/// What reading one report gives: the decoded report with findings about values that could not
/// be read, or, when the file cannot be read as a report at all, the one finding that says why.
public enum DecodedReport: Sendable {
    case report(Report, findings: [Finding])
    case unreadable(Finding)
}

/// Decodes BTR-XML 1 (`report-format.md`) into the report model. Every element and attribute of
/// the format is read; a value that cannot be read becomes a finding with its line and XPath, and
/// the rest of the report is still read.
public struct BTRDecoder: Sendable {
    public static let namespace = "urn:conform:battery-test-report:1"
    public static let root = XMLName("report", namespace: namespace)

    public let units: UnitCatalog
    public let vocabulary: Vocabulary
    public let reader: SafeXMLReader
    /// Most `<test>` elements accepted in one report (a breach is `conform/limit-exceeded`).
    public let maxTests: Int
    public static let defaultMaxTests = 10_000

    public init(units: UnitCatalog, vocabulary: Vocabulary, limits: XMLLimits = .default, maxTests: Int = BTRDecoder.defaultMaxTests) {
        self.units = units
        self.vocabulary = vocabulary
        self.reader = SafeXMLReader(limits: limits)
        self.maxTests = maxTests
    }

    public func decode(_ bytes: UnsafeRawBufferPointer) -> DecodedReport {
        switch reader.read(bytes, expectedRoot: Self.root) {
        case .failure(let failure):
            return .unreadable(Self.finding(for: failure))
        case .success(let tree):
            let tests = tree.children(of: tree.rootIndex).filter { tree.name(of: $0) == "test" }
            if tests.count > maxTests, let first = tests.dropFirst(maxTests).first {
                return .unreadable(Finding(rule: ToolRule.limitExceeded.rawValue, verdict: .error,
                                           message: "the report holds \(tests.count) tests, more than the \(maxTests) allowed (limit maxTests)",
                                           line: tree.line(of: first)))
            }
            var decoding = ReportDecoding(tree: tree, units: units, vocabulary: vocabulary)
            let report = decoding.decodeReport()
            return .report(report, findings: decoding.findings)
        }
    }

    public func decode(_ bytes: [UInt8]) -> DecodedReport {
        bytes.withUnsafeBytes { decode($0) }
    }

    static func finding(for failure: XMLReadFailure) -> Finding {
        switch failure.kind {
        case .malformed:
            return Finding(rule: ToolRule.xmlMalformed.rawValue, verdict: .error,
                           message: "not well-formed XML: \(failure.message)", line: failure.line)
        case .forbidden:
            return Finding(rule: ToolRule.xmlForbidden.rawValue, verdict: .error, message: failure.message, line: failure.line)
        case .limitExceeded:
            return Finding(rule: ToolRule.limitExceeded.rawValue, verdict: .error, message: failure.message, line: failure.line)
        case .unexpectedRoot(let found):
            let namespace = found.namespace.map { "namespace \($0)" } ?? "no namespace"
            return Finding(rule: ToolRule.notAReport.rawValue, verdict: .error,
                           message: "not a BTR-XML report: the root element is <\(found.localName)> in \(namespace); a report's root is <report> in namespace \(BTRDecoder.namespace)",
                           line: failure.line)
        }
    }
}
