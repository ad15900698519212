import ConformFindings

/// A readable summary per report for a terminal: the report's verdict, then every finding that is
/// not a pass, worst first, each as `file:line: verdict [rule] message`; a closing count. Its own
/// words follow `--lang`; verdict names and rule ids stay as they are, for grep.
public struct TextReporter: FindingsReporter {
    private let language: Language

    public init(language: Language = .en) {
        self.language = language
    }

    /// Only the chosen language's words are built.
    private func pick(_ en: @autoclosure () -> String, _ zh: @autoclosure () -> String) -> String { language == .zh ? zh() : en() }

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        var text = "\(outcome.path): \(outcome.verdict.rawValue.uppercased())"
        var facts: [String] = []
        if let id = outcome.reportID { facts.append(pick("report \(id)", "报告 \(id)")) }
        if let claimed = outcome.claimed, claimed != outcome.verdict.rawValue { facts.append(pick("the lab claims \(claimed)", "实验室声称 \(claimed)")) }
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
            if let clause = finding.clause { context.append(pick("clause \(clause)", "条款 \(clause)")) }
            if let test = finding.test { context.append(pick("test \(test)", "试验 \(test)")) }
            if finding.severity == .warning { context.append(pick("warning", "警告")) }
            if let confidence = finding.confidence, confidence != "certain" { context.append(pick("\(confidence) confidence", "依据不确定")) }
            text += "  \(place): \(finding.verdict.rawValue) [\(context.joined(separator: ", "))] \(finding.message)\n"
        }
        return Array(text.utf8)
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] {
        let counts = Verdict.listingOrder.compactMap { verdict in summary.verdicts[verdict].map { "\($0) \(verdict.rawValue)" } }
        let noun = summary.reports == 1 ? "report" : "reports"
        return Array(pick("\nChecked \(summary.reports) \(noun): \(counts.joined(separator: ", ")).\n",
                          "\n已检查 \(summary.reports) 份报告：\(counts.joined(separator: ", "))。\n").utf8)
    }
}
