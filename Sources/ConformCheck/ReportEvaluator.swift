import ConformFindings
import ConformModel
import ConformRules

/// Judges a decoded report: the seam between reading reports and the rule engine.
public protocol ReportEvaluator: Sendable {
    func evaluate(_ report: Report) -> [Finding]
}

extension RuleEngine: ReportEvaluator {}
