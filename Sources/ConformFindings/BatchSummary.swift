/// The closing record of a batch.
public struct BatchSummary: Sendable, Equatable {
    public var reports: Int
    public var verdicts: [Verdict: Int]
    public var rulesets: [RuleSetIdentity]

    public init(reports: Int = 0, verdicts: [Verdict: Int] = [:], rulesets: [RuleSetIdentity] = []) {
        self.reports = reports
        self.verdicts = verdicts
        self.rulesets = rulesets
    }

    public mutating func add(_ outcome: ReportOutcome) {
        add(outcome.verdict)
    }

    public mutating func add(_ verdict: Verdict) {
        reports += 1
        verdicts[verdict, default: 0] += 1
    }

    /// 0 when every report is pass or conditional-pass, else 1 (findings.md, "Exit status").
    public var exitStatus: Int32 {
        verdicts.contains { !$0.key.isAcceptable && $0.value > 0 } ? 1 : 0
    }
}

public enum ToolInfo {
    public static let name = "conform"
    public static let version = "0.1.0"
}
