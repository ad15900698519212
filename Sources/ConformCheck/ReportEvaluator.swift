import ConformFindings
import ConformModel

/// Judges a decoded report: the seam between reading reports and the rule engine.
public protocol ReportEvaluator: Sendable {
    func evaluate(_ report: Report) -> [Finding]
}

/// Until rule sets are loaded, every readable report is `incomplete`: one finding per standard it
/// claims says that no rule set applies yet, so nothing can pass unchecked.
public struct NoRuleSetEvaluator: ReportEvaluator {
    public init() {}

    public func evaluate(_ report: Report) -> [Finding] {
        report.standards.map { claim in
            Finding(rule: ToolRule.standardUnknown.rawValue, verdict: .incomplete,
                    message: "no rule set applies yet to \(claim.code)@\(claim.edition): the rule engine is not built, so nothing in this report was checked",
                    line: claim.source.line,
                    evidence: [Evidence(name: "standard", value: .text("\(claim.code)@\(claim.edition)"), line: claim.source.line, xpath: claim.source.xpath)])
        }
    }
}
