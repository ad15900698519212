/// Everything one finding says, in one immutable object shared by every copy of the finding.
/// Output formats read these properties in place: each lends its value, where `Finding`'s
/// properties of the same names hand out a counted copy.
public final class FindingFields: Sendable {
    /// The rule's id, title, clause, method, confidence and rule set, shared by its findings.
    public let origin: FindingOrigin
    public let verdict: Verdict
    public let severity: Severity
    /// The message written out (empty when a composer writes it).
    public let text: String
    /// The rule's composer, which writes the message from `facts` (see `Finding.writeMessage`).
    public let composer: (any MessageComposer)?
    public let facts: MessageFacts
    /// The line the finding points at, when it points at one place (tool findings).
    public let line: Int?
    public let test: String?
    public let sample: String?
    public let decisionRule: String?
    public let limit: Limit?
    public let evidence: [Evidence]
    /// What sorting a report's findings needs, worked out once here (read from the origin and
    /// the evidence for every finding of every report, it counted references up and down): the
    /// line the finding points at or its first evidence's, and its rule's key in the run's rule
    /// order (with the order's identity: the origin holds the order's object, so no other order
    /// can have its address while this finding lives).
    let primaryLine: Int?
    let orderValue: Int
    let orderExact: Bool
    let orderIdentity: ObjectIdentifier?

    init(origin: FindingOrigin, verdict: Verdict, severity: Severity, text: String, composer: (any MessageComposer)?,
         facts: consuming MessageFacts, line: Int?, test: String?, sample: String?, decisionRule: String?, limit: Limit?,
         evidence: consuming [Evidence]) {
        self.origin = origin
        self.verdict = verdict
        self.severity = severity
        self.text = text
        self.composer = composer
        self.facts = facts
        self.line = line
        self.test = test
        self.sample = sample
        self.decisionRule = decisionRule
        self.limit = limit
        self.evidence = evidence
        var primaryLine = line
        if primaryLine == nil {
            for index in self.evidence.indices {
                if let line = self.evidence[index].line {
                    primaryLine = line
                    break
                }
            }
        }
        self.primaryLine = primaryLine
        if let key = origin.orderKey {
            (orderValue, orderExact, orderIdentity) = (key.value, key.exact, ObjectIdentifier(key.order))
        } else {
            (orderValue, orderExact, orderIdentity) = (0, false, nil)
        }
    }

    /// The fields as variables, to make changed fields from.
    struct Draft {
        var origin: FindingOrigin, verdict: Verdict, severity: Severity, text: String, composer: (any MessageComposer)?
        var facts: MessageFacts, line: Int?, test: String?, sample: String?, decisionRule: String?, limit: Limit?, evidence: [Evidence]

        init(_ f: FindingFields) {
            (origin, verdict, severity, text, composer) = (f.origin, f.verdict, f.severity, f.text, f.composer)
            (facts, line, test, sample, decisionRule, limit, evidence) = (f.facts, f.line, f.test, f.sample, f.decisionRule, f.limit, f.evidence)
        }
    }

    convenience init(_ d: Draft) {
        self.init(origin: d.origin, verdict: d.verdict, severity: d.severity, text: d.text, composer: d.composer, facts: d.facts,
                  line: d.line, test: d.test, sample: d.sample, decisionRule: d.decisionRule, limit: d.limit, evidence: d.evidence)
    }
}
