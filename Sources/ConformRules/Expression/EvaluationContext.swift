import ConformModel

/// What one evaluation sees: the report, and for per-test rules the test and its sample. A class,
/// so that every rule evaluated on one test shares it instead of copying the report.
public final class EvaluationContext {
    public let report: Report
    public let test: TestRun?
    public let sample: Sample?
    public let decisionRule: DecisionRuleKind

    public init(report: Report, test: TestRun?, sample: Sample?, decisionRule: DecisionRuleKind) {
        self.report = report
        self.test = test
        self.sample = sample
        self.decisionRule = decisionRule
        self.ratedCapacity = sample?.ratedCapacity
        conditions = test?.conditions ?? []
        measurements = test?.measurements ?? []
        observations = test?.observations ?? []
        properties = sample?.properties ?? []
    }

    /// The test's and the sample's named values, taken out once: read through the test or the
    /// sample for every value every rule reads, each read counted a reference to the list (about
    /// 600 counts per report).
    let conditions: [NamedQuantity]
    let measurements: [NamedQuantity]
    let observations: [Observation]
    let properties: [NamedQuantity]

    /// The sample's rated capacity (for I1/I3), looked up once.
    let ratedCapacity: Quantity?
    /// Reused by every judgement in this context (one at a time), instead of one object each.
    let trace = EvaluationTrace()
}
