import ConformFindings

/// A readable summary per report for a terminal: the report's verdict, then every finding that is
/// not a pass, worst first, each as `file:line: verdict [rule] message`; a closing count.
public struct TextReporter: FindingsReporter {
    public init() {}

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        var text = "\(outcome.path): \(outcome.verdict.rawValue.uppercased())"
        var facts: [String] = []
        if let id = outcome.reportID { facts.append("report \(id)") }
        if let claimed = outcome.claimed, claimed != outcome.verdict.rawValue { facts.append("the lab claims \(claimed)") }
        let perVerdict = outcome.counts
        let counts = Verdict.listingOrder.compactMap { verdict in perVerdict[verdict].map { "\($0) \(verdict.rawValue)" } }
        if !counts.isEmpty { facts.append(counts.joined(separator: ", ")) }
        if !facts.isEmpty { text += " (\(facts.joined(separator: "; ")))" }
        text += "\n"
        let findings = outcome.findings
        let shown = findings.indices
            .filter { findings[$0].verdict != .pass && findings[$0].verdict != .notApplicable }
            .sorted { a, b in
                let x = findings[a].verdict.badness ?? -1, y = findings[b].verdict.badness ?? -1
                return x != y ? x > y : a < b
            }
        for index in shown {
            let finding = findings[index]
            let place = finding.primaryLine.map { "\(outcome.path):\($0)" } ?? outcome.path
            var context = [finding.rule]
            if let clause = finding.clause { context.append("clause \(clause)") }
            if let test = finding.test { context.append("test \(test)") }
            if finding.severity == .warning { context.append("warning") }
            if let confidence = finding.confidence, confidence != "certain" { context.append("\(confidence) confidence") }
            text += "  \(place): \(finding.verdict.rawValue) [\(context.joined(separator: ", "))] \(finding.message)\n"
        }
        return Array(text.utf8)
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        let counts = Verdict.listingOrder.compactMap { verdict in summary.verdicts[verdict].map { "\($0) \(verdict.rawValue)" } }
        let noun = summary.reports == 1 ? "report" : "reports"
        return Array("\nChecked \(summary.reports) \(noun): \(counts.joined(separator: ", ")).\n".utf8)
    }
}
