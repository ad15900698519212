import ConformFindings

/// JUnit XML (the Ant format of ../shared/corpora/junit/JUnit.xsd): one testsuite per report, one
/// testcase per finding; failure for fail and conditional-fail, error for error and incomplete,
/// skipped for not-applicable. Timestamps and times are fixed, so the bytes are reproducible.
public struct JUnitReporter: FindingsReporter {
    private var suite = 0

    public init() {}

    public mutating func start() -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n".utf8)
    }

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        let counts = outcome.counts
        let failures = (counts[.fail] ?? 0) + (counts[.conditionalFail] ?? 0)
        let errors = (counts[.error] ?? 0) + (counts[.incomplete] ?? 0)
        let skipped = counts[.notApplicable] ?? 0
        let name = XMLText.escaped(outcome.path)
        var text = "  <testsuite name=\"\(name)\" package=\"\(name)\" id=\"\(suite)\" timestamp=\"1970-01-01T00:00:00\" hostname=\"conform\""
        text += " tests=\"\(outcome.findings.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"0\">\n"
        suite += 1
        text += "    <properties>\n"
        text += "      <property name=\"verdict\" value=\"\(outcome.verdict.rawValue)\"/>\n"
        if let id = outcome.reportID { text += "      <property name=\"reportId\" value=\"\(XMLText.escaped(id))\"/>\n" }
        if let sha = outcome.sha256 { text += "      <property name=\"reportSha256\" value=\"\(sha)\"/>\n" }
        text += "    </properties>\n"
        for finding in outcome.findings {
            let testName = finding.test.map { "\(finding.rule) [\($0)]" } ?? finding.rule
            text += "    <testcase name=\"\(XMLText.escaped(testName))\" classname=\"\(XMLText.escaped(finding.ruleset?.id ?? "conform"))\" time=\"0\""
            let message = XMLText.escaped(finding.message)
            let place = finding.primaryLine.map { "\(outcome.path):\($0): " } ?? ""
            switch finding.verdict {
            case .fail, .conditionalFail:
                text += ">\n      <failure message=\"\(message)\" type=\"\(finding.verdict.rawValue)\">\(XMLText.escaped(place))\(message)</failure>\n    </testcase>\n"
            case .error, .incomplete:
                text += ">\n      <error message=\"\(message)\" type=\"\(finding.verdict.rawValue)\">\(XMLText.escaped(place))\(message)</error>\n    </testcase>\n"
            case .notApplicable:
                text += ">\n      <skipped message=\"\(message)\"/>\n    </testcase>\n"
            case .pass, .conditionalPass:
                text += "/>\n"
            }
        }
        text += "    <system-out/>\n    <system-err/>\n  </testsuite>\n"
        return Array(text.utf8)
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        Array("</testsuites>\n".utf8)
    }
}
