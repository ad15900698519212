import ConformFindings
import ConformModel
import ConformRules

/// Judges a decoded report: the seam between reading reports and the rule engine.
public protocol ReportEvaluator: Sendable {
    func evaluate(_ report: Report) -> [Finding]
    /// The byte order of the rule ids its findings have, when known once for the run.
    var ruleOrder: RuleOrder? { get }
}

extension ReportEvaluator {
    public var ruleOrder: RuleOrder? { nil }
}

extension RuleEngine: ReportEvaluator {}
