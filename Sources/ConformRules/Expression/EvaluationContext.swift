import ConformModel

/// What one evaluation sees: the report, and for per-test rules the test and its sample.
public struct EvaluationContext {
    public let report: Report
    public let test: TestRun?
    public let sample: Sample?
    public let decisionRule: DecisionRuleKind

    public init(report: Report, test: TestRun?, sample: Sample?, decisionRule: DecisionRuleKind) {
        self.report = report
        self.test = test
        self.sample = sample
        self.decisionRule = decisionRule
    }

    var ratedCapacity: Quantity? { sample?.ratedCapacity }
}
