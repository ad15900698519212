import ConformFindings

/// CSV (RFC 4180: CRLF, quoted fields where needed, UTF-8): a header row, then one row per finding
/// with the columns a spreadsheet user filters on.
public struct CSVReporter: FindingsReporter {
    public static let columns = ["report", "reportId", "standard", "edition", "rule", "clause", "test", "sample", "verdict",
                                 "severity", "confidence", "value", "unit", "limit", "line", "message"]

    public init() {}

    public mutating func start() -> [UInt8] {
        Array((Self.columns.joined(separator: ",") + "\r\n").utf8)
    }

    public mutating func format(_ outcome: ReportOutcome) -> [UInt8] {
        var text = ""
        for finding in outcome.findings {
            let evidence = finding.evidence.first
            let value: String
            switch evidence?.value {
            case .number(let number)?: value = NumberFormatting.text(number)
            case .boolean(let flag)?: value = flag ? "true" : "false"
            case .text(let string)?: value = string
            case nil: value = ""
            }
            let limit = finding.limit.map { "\($0.op) \(NumberFormatting.text($0.value))\($0.unit.map { " \($0)" } ?? "")" } ?? ""
            let fields = [outcome.path, outcome.reportID ?? "", finding.ruleset?.standard ?? "", finding.ruleset?.edition ?? "",
                          finding.rule, finding.clause ?? "", finding.test ?? "", finding.sample ?? "", finding.verdict.rawValue,
                          finding.severity.rawValue, finding.confidence ?? "", value, evidence?.unit ?? "", limit,
                          finding.primaryLine.map(String.init) ?? "", finding.message]
            text += fields.map(Self.field).joined(separator: ",") + "\r\n"
        }
        return Array(text.utf8)
    }

    public mutating func finish(_ summary: BatchSummary) -> [UInt8] { [] }

    /// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
